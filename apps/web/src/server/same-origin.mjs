// The CSRF wall's rules, plain JS so server.mjs applies them to every API request before Next
// sees it (decision 0014, point 13) and server actions apply the same ones (lib/same-origin.ts).
import { apiKeyFrom } from "./api-key-header.mjs";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Exactly the one-click endpoint: one token segment (base64url payload "." signature), POST only. */
const UNSUBSCRIBE_POST = /^\/api\/unsubscribe\/[A-Za-z0-9_.-]{1,512}$/;

/**
 * Which API requests are held to the same-origin rule: mutations, except REST API calls
 * (/api/v1) that carry an API key. Those are authenticated by the key alone, never by cookies, so
 * a cross-site page cannot make one on a user's behalf (a browser does not add a key by itself),
 * and a script or another origin that holds a key may call from anywhere.
 * @param {string} method
 * @param {string} path the request's path, without the query
 * @param {{ get(name: string): string | null }} headers
 */
export function needsOriginCheck(method, path, headers) {
  if (SAFE_METHODS.has(method)) return false;
  // Two different keys: the route refuses it (400) without using any, so it need not be held here.
  if (path.startsWith("/api/v1/") && ["key", "conflict"].includes(apiKeyFrom(headers).kind)) return false;
  // One-click unsubscribe (RFC 8058): the mail provider POSTs from its own origin, without cookies.
  // The signed token in the path is the only credential, and the route reads no cookie, so a
  // cross-site page gains nothing it could not do by following the link itself.
  if (method === "POST" && UNSUBSCRIBE_POST.test(path)) return false;
  return true;
}

/**
 * The host this request was addressed to. X-Forwarded-Host is a proxy's word, believed only when
 * TRUSTED_PROXY_HOPS says proxies are there (then the nearest one's value, the last entry);
 * otherwise a client could send any value and make another origin look like ours.
 * @param {{ get(name: string): string | null }} headers
 * @param {number} hops
 */
export function requestHost(headers, hops) {
  const forwarded = hops > 0 ? headers.get("x-forwarded-host")?.split(",").pop()?.trim() : undefined;
  return forwarded || headers.get("host");
}

/**
 * A browser mutation must come from our own origin; a cross-site Fetch-Metadata header is refused
 * even without Origin. `requireOrigin` (server actions, which only browsers call and always with
 * Origin) refuses a missing Origin too; route handlers let scripts without one pass.
 * @param {{ get(name: string): string | null }} headers
 * @param {{ requireOrigin?: boolean; hops: number }} opts
 */
export function isSameOrigin(headers, opts) {
  if (headers.get("sec-fetch-site") === "cross-site") return false;
  const origin = headers.get("origin");
  if (!origin) return !opts.requireOrigin;
  return safeHost(origin) === requestHost(headers, opts.hops);
}

function safeHost(origin) {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export const CROSS_ORIGIN_BODY = { error: { code: "FORBIDDEN_ORIGIN", message: "Cross-site requests are not allowed." } };
