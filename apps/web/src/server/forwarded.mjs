// Client IP for rate limits, decided where the socket is visible (server.mjs), because App Router
// handlers only see headers, and a client can send any header. Plain JS: server.mjs runs in Node
// without a build step. docs/decisions/0008-client-ip-from-custom-server.md explains the design.

/** The internal header route handlers read (lib/client-ip.ts). Any client-sent copy is removed. */
export const CLIENT_IP_HEADER = "x-crm-client-ip";

/** Set by server.mjs: the header above was written by us, not by the client. */
export const CLIENT_IP_MARK = Symbol.for("crm.client-ip-header");

// Headers a proxy writes about the original request; with no trusted proxy they are the client's word.
const FORWARDED_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded", "x-real-ip"];

/** "::ffff:127.0.0.1" → "127.0.0.1", so one client is one key whichever way it connected. */
export function normalizeIp(ip) {
  if (!ip) return "unknown";
  const v = ip.trim().toLowerCase();
  return v.startsWith("::ffff:") && v.includes(".") ? v.slice(7) : v;
}

/** Validates TRUSTED_PROXY_HOPS like packages/config (an integer 0–10, default 0). */
export function parseHops(raw) {
  if (raw === undefined || raw === "") return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new Error(`TRUSTED_PROXY_HOPS must be an integer from 0 to 10 (got "${raw}")`);
  return n;
}

/**
 * The client's IP: the socket peer with no trusted proxy; otherwise counted from the right of
 * X-Forwarded-For + socket peer, since each trusted proxy appends the address it saw and only
 * entries they wrote can be believed (anything further left is the client's own text).
 */
export function clientIpFrom(socketAddress, forwardedFor, hops) {
  const peer = normalizeIp(socketAddress);
  if (hops === 0) return peer;
  const raw = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [...raw.split(",").map((s) => s.trim()).filter(Boolean), peer];
  return normalizeIp(chain[Math.max(0, chain.length - 1 - hops)]);
}

/** Rewrites a Node request's headers in place before Next sees them. */
export function applyClientIp(req, hops) {
  const h = req.headers;
  const ip = clientIpFrom(req.socket.remoteAddress, h["x-forwarded-for"], hops);
  if (hops === 0) for (const name of FORWARDED_HEADERS) delete h[name];
  h[CLIENT_IP_HEADER] = ip;
}
