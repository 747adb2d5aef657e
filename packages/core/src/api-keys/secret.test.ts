import { describe, expect, it } from "vitest";
import { apiKeyRateLimitKey, generateApiKeySecret, hashApiKey, isWellFormedApiKey, shownPrefix } from "./secret";

describe("API key secrets", () => {
  it("are crm_ + 43 base64url characters, all different", () => {
    const keys = Array.from({ length: 200 }, generateApiKeySecret);
    for (const k of keys) {
      expect(k).toMatch(/^crm_[A-Za-z0-9_-]{43}$/);
      expect(isWellFormedApiKey(k)).toBe(true);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("refuses anything else as malformed", () => {
    const k = generateApiKeySecret();
    for (const bad of ["", "crm_", k.slice(0, -1), `${k}x`, k.replace("crm_", "crx_"), ` ${k}`, `${k.slice(0, -1)}=`, `Bearer ${k}`]) {
      expect(isWellFormedApiKey(bad), bad).toBe(false);
    }
  });

  it("hash to 64 lower-case hex characters (SHA-256), stable and distinct per key", () => {
    const k = generateApiKeySecret();
    expect(hashApiKey(k)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(k)).toBe(hashApiKey(k));
    expect(hashApiKey(k)).not.toBe(hashApiKey(generateApiKeySecret()));
    expect(hashApiKey("crm_abc")).toBe("5fe0728865214b6b551a9344420d98eefcc8ee293bdc951ff542e3285f694c35");
  });

  it("show their first 12 characters, the marker and 8 characters of the random part", () => {
    const k = generateApiKeySecret();
    expect(shownPrefix(k)).toBe(k.slice(0, 12));
    expect(shownPrefix(k)).toMatch(/^crm_[A-Za-z0-9_-]{8}$/);
  });

  it("are rate-limited under a key derived from the secret; malformed ones under none", () => {
    const k = generateApiKeySecret();
    expect(apiKeyRateLimitKey(k)).toBe(hashApiKey(k).slice(0, 32));
    expect(apiKeyRateLimitKey(k)).not.toBe(apiKeyRateLimitKey(generateApiKeySecret()));
    expect(apiKeyRateLimitKey("crm_short")).toBeNull();
  });
});
