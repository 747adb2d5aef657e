import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./same-origin";

const req = (headers: Record<string, string>) => new Request("http://app.test/api/uploads/t/a", { method: "POST", headers });

describe("isSameOrigin", () => {
  it("accepts our own origin, also behind a proxy that sets X-Forwarded-Host", () => {
    expect(isSameOrigin(req({ host: "app.test", origin: "http://app.test" }))).toBe(true);
    expect(isSameOrigin(req({ host: "10.0.0.5:3000", "x-forwarded-host": "crm.example", origin: "https://crm.example" }))).toBe(true);
  });
  it("refuses another origin, a malformed one and cross-site fetch metadata", () => {
    expect(isSameOrigin(req({ host: "app.test", origin: "https://evil.test" }))).toBe(false);
    expect(isSameOrigin(req({ host: "app.test", origin: "null" }))).toBe(false);
    expect(isSameOrigin(req({ host: "app.test", "sec-fetch-site": "cross-site" }))).toBe(false);
  });
  it("lets scripts without Origin through (no browser, no ambient cookies to abuse)", () => {
    expect(isSameOrigin(req({ host: "app.test" }))).toBe(true);
    expect(isSameOrigin(req({ host: "app.test", "sec-fetch-site": "same-origin" }))).toBe(true);
  });
});
