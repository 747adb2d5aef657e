import { CLIENT_IP_HEADER, CLIENT_IP_MARK } from "../server/forwarded.mjs";

let warned = false;

/**
 * The client IP that server.mjs derived from the socket and the trusted proxies
 * (TRUSTED_PROXY_HOPS). Nothing a client sends is read here: when the app was not started by
 * server.mjs (e.g. `next dev`) the header could be forged, so every client is "unknown" (one
 * shared rate-limit bucket: strict, never bypassable).
 */
export function clientIp(headers: Headers): string {
  if ((globalThis as Record<symbol, unknown>)[CLIENT_IP_MARK] !== true) {
    if (!warned) console.warn("client IP unknown: start the web app with server.mjs (npm start) so per-IP rate limits can tell clients apart");
    warned = true;
    return "unknown";
  }
  return headers.get(CLIENT_IP_HEADER)?.slice(0, 100) || "unknown";
}
