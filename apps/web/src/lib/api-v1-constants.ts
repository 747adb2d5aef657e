// Shared by the REST API wrapper (api-v1.ts, server-only) and its OpenAPI document.

export const API_BODY_MAX_BYTES = 256 * 1024;

/** The rate-limit headers on every answer to a request with a well-formed key. */
export const RATE_LIMIT_HEADERS = {
  "X-RateLimit-Limit": "Requests this key may make per minute.",
  "X-RateLimit-Remaining": "Requests left in the current one-minute window.",
  "X-RateLimit-Reset": "Seconds until the current window ends and the count starts again.",
} as const;
