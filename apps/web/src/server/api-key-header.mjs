// Where a REST API request carries its key: "Authorization: Bearer <key>", or "X-Api-Key: <key>"
// for tools that cannot set Authorization. Both with different keys is refused (RFC 6750 §3.1,
// invalid_request: "uses more than one method"): picking one would act as a key the caller may not
// have meant. Pure and plain JS, so server.mjs's origin check and the route wrapper agree.

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** @param {{ get(name: string): string | null }} headers a fetch Headers, or nodeHeaders(req.headers) */
export function apiKeyFrom(headers) {
  const auth = headers.get("authorization");
  const header = headers.get("x-api-key")?.trim();
  if (auth !== null && auth.trim() !== "") {
    const m = BEARER.exec(auth.trim());
    if (!m) return { kind: "bad-scheme" };
    return header && header !== m[1] ? { kind: "conflict" } : { kind: "key", key: m[1] };
  }
  return header ? { kind: "key", key: header } : { kind: "missing" };
}
