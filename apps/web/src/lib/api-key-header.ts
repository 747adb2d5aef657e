// Where a REST API request carries its key: "Authorization: Bearer <key>", or "X-Api-Key: <key>"
// for tools that cannot set Authorization. Both with different keys is refused (RFC 6750 §3.1,
// invalid_request: "uses more than one method"): picking one would act as a key the caller may not
// have meant. Pure, so the proxy and the route wrapper agree.

export type TPresentedKey = { kind: "missing" } | { kind: "bad-scheme" } | { kind: "conflict" } | { kind: "key"; key: string };

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

export function apiKeyFrom(headers: Headers): TPresentedKey {
  const auth = headers.get("authorization");
  const header = headers.get("x-api-key")?.trim();
  if (auth !== null && auth.trim() !== "") {
    const m = BEARER.exec(auth.trim());
    if (!m) return { kind: "bad-scheme" };
    return header && header !== m[1] ? { kind: "conflict" } : { kind: "key", key: m[1]! };
  }
  return header ? { kind: "key", key: header } : { kind: "missing" };
}
