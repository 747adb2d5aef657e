import type { THeaderGetter } from "./api-key-header.mjs";

export function needsOriginCheck(method: string, path: string, headers: THeaderGetter): boolean;
export function requestHost(headers: THeaderGetter, hops: number): string | null;
export function isSameOrigin(headers: THeaderGetter, opts: { requireOrigin?: boolean; hops: number }): boolean;
export const CROSS_ORIGIN_BODY: { error: { code: "FORBIDDEN_ORIGIN"; message: string } };
