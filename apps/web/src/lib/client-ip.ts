import { serverEnv } from "@crm/config";

/**
 * Next.js appends the socket peer to X-Forwarded-For, so the last entry is trustworthy; each
 * trusted reverse proxy in front adds one more (TRUSTED_PROXY_HOPS).
 */
export function clientIp(headers: Headers): string {
  const parts = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const idx = parts.length - 1 - serverEnv().TRUSTED_PROXY_HOPS;
  return parts[Math.max(0, idx)] ?? headers.get("x-real-ip") ?? "unknown";
}
