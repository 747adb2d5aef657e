import { apiKeyFrom } from "./api-key-header";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Which API requests the proxy holds to the same-origin rule: mutations, except REST API calls
 * (/api/v1) that carry an API key. Those are authenticated by the key alone, never by cookies, so
 * a cross-site page cannot make one on a user's behalf (a browser does not add a key by itself),
 * and a script or another origin that holds a key may call from anywhere.
 */
export function needsOriginCheck(req: Request): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  const path = new URL(req.url).pathname;
  if (path.startsWith("/api/v1/") && apiKeyFrom(req.headers).kind === "key") return false;
  return true;
}

/**
 * CSRF wall for route handlers: a browser mutation must come from our own origin. Requests
 * without Origin and without a cross-site Fetch-Metadata header (scripts, curl) pass; browsers
 * always send Origin on cross-site POSTs. Used by the proxy, and by the handlers the proxy must
 * not see (uploads: the proxy buffers and truncates request bodies).
 */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (origin) return safeHost(origin) === host;
  return req.headers.get("sec-fetch-site") !== "cross-site";
}

export function crossOriginResponse(): Response {
  return Response.json({ error: { code: "FORBIDDEN_ORIGIN", message: "Cross-site requests are not allowed." } }, { status: 403 });
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
