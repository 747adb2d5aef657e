import { createHash, randomBytes } from "node:crypto";

// An API key is "crm_" + 32 random bytes (base64url, 43 characters). Only its SHA-256 is stored:
// the secret has 256 bits of entropy, so a fast hash is enough (no password stretching needed),
// and it lets a request find its key with one indexed lookup. The first 12 characters are kept in
// clear so people can tell their keys apart in settings.

export const API_KEY_PREFIX = "crm_";
const FORMAT = /^crm_[A-Za-z0-9_-]{43}$/;
export const API_KEY_SHOWN_CHARS = 12;

export function generateApiKeySecret(): string {
  return API_KEY_PREFIX + randomBytes(32).toString("base64url");
}

export function isWellFormedApiKey(secret: string): boolean {
  return FORMAT.test(secret);
}

export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function shownPrefix(secret: string): string {
  return secret.slice(0, API_KEY_SHOWN_CHARS);
}

/**
 * What the per-key rate limit counts under: derived from the secret, so a request is limited
 * before any database work (a runaway script costs one Redis command per refused request).
 * Null for a malformed key, which is refused without touching Redis or the database.
 */
export function apiKeyRateLimitKey(secret: string): string | null {
  return isWellFormedApiKey(secret) ? hashApiKey(secret).slice(0, 32) : null;
}
