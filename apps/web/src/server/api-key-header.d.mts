export type TPresentedKey = { kind: "missing" } | { kind: "bad-scheme" } | { kind: "conflict" } | { kind: "key"; key: string };
export type THeaderGetter = { get(name: string): string | null };

export function apiKeyFrom(headers: THeaderGetter): TPresentedKey;
