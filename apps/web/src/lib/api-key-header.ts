// Where a REST API request carries its key: "Authorization: Bearer <key>", or "X-Api-Key: <key>"
// for tools that cannot set Authorization. Pure, so the proxy and the route wrapper agree.

export type TPresentedKey = { kind: "missing" } | { kind: "bad-scheme" } | { kind: "key"; key: string };

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

export function apiKeyFrom(headers: Headers): TPresentedKey {
  const auth = headers.get("authorization");
  if (auth !== null && auth.trim() !== "") {
    const m = BEARER.exec(auth.trim());
    return m ? { kind: "key", key: m[1]! } : { kind: "bad-scheme" };
  }
  const key = headers.get("x-api-key")?.trim();
  return key ? { kind: "key", key } : { kind: "missing" };
}
