import { describe, expect, it } from "vitest";
import { isSameOrigin, needsOriginCheck } from "./same-origin";

const req = (headers: Record<string, string>) => new Request("http://app.test/api/uploads/t/a", { method: "POST", headers });

describe("isSameOrigin", () => {
  it("accepts our own origin, and behind a trusted proxy the host it forwards", () => {
    expect(isSameOrigin(req({ host: "app.test", origin: "http://app.test" }))).toBe(true);
    expect(isSameOrigin(req({ host: "10.0.0.5:3000", "x-forwarded-host": "crm.example", origin: "https://crm.example" }), { hops: 1 })).toBe(true);
  });
  it("does not believe a client-sent X-Forwarded-Host when no proxy is trusted", () => {
    expect(isSameOrigin(req({ host: "app.test", "x-forwarded-host": "evil.test", origin: "https://evil.test" }), { hops: 0 })).toBe(false);
    expect(isSameOrigin(req({ host: "app.test", "x-forwarded-host": "evil.test", origin: "http://app.test" }), { hops: 0 })).toBe(true);
  });
  it("refuses another origin, a malformed one and cross-site fetch metadata", () => {
    expect(isSameOrigin(req({ host: "app.test", origin: "https://evil.test" }))).toBe(false);
    expect(isSameOrigin(req({ host: "app.test", origin: "null" }))).toBe(false);
    expect(isSameOrigin(req({ host: "app.test", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOrigin(req({ host: "app.test", origin: "http://app.test", "sec-fetch-site": "cross-site" }))).toBe(false);
  });
  it("lets scripts without Origin through route handlers, but not server actions", () => {
    expect(isSameOrigin(req({ host: "app.test" }))).toBe(true);
    expect(isSameOrigin(req({ host: "app.test", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOrigin(req({ host: "app.test" }), { requireOrigin: true })).toBe(false);
    expect(isSameOrigin(req({ host: "app.test", origin: "http://app.test" }), { requireOrigin: true })).toBe(true);
  });
});

describe("needsOriginCheck (server.mjs's decision)", () => {
  const KEY = `crm_${"a".repeat(43)}`;
  const at = (path: string, method: string, headers: Record<string, string> = {}) => new Request(`http://app.test${path}`, { method, headers });
  const check = (r: Request) => needsOriginCheck(r.method, new URL(r.url).pathname, r.headers);

  it("leaves reads alone", () => {
    for (const m of ["GET", "HEAD", "OPTIONS"]) expect(check(at("/api/t/x/icps/preview", m)), m).toBe(false);
  });
  it("checks every mutation of the cookie-authenticated API", () => {
    for (const m of ["POST", "PUT", "PATCH", "DELETE"]) expect(check(at("/api/t/x/icps/preview", m)), m).toBe(true);
    // A key does not exempt routes that authenticate by cookie.
    expect(check(at("/api/t/x/icps/preview", "POST", { authorization: `Bearer ${KEY}` }))).toBe(true);
  });
  it("exempts REST API mutations that carry a key, by Bearer or X-Api-Key", () => {
    expect(check(at("/api/v1/tags", "POST", { authorization: `Bearer ${KEY}` }))).toBe(false);
    expect(check(at("/api/v1/connections/c1/tags/t1", "DELETE", { "x-api-key": KEY }))).toBe(false);
  });
  it("still checks REST API mutations without a usable key (they will get 401 anyway)", () => {
    expect(check(at("/api/v1/tags", "POST"))).toBe(true);
    expect(check(at("/api/v1/tags", "POST", { authorization: "Basic dXNlcjpwYXNz" }))).toBe(true);
    expect(check(at("/api/v1/tags", "POST", { authorization: "Bearer " }))).toBe(true);
    expect(check(at("/api/v1x/tags", "POST", { authorization: `Bearer ${KEY}` }))).toBe(true);
  });
  it("exempts only the one-click unsubscribe endpoint, whose token is the credential (RFC 8058)", () => {
    const mailProvider = { host: "app.test", origin: "https://mail.example", "sec-fetch-site": "cross-site" };
    expect(check(at("/api/unsubscribe/abc.def", "POST", mailProvider))).toBe(false);
    expect(check(at("/api/unsubscribe/abc.def", "POST"))).toBe(false);
    expect(check(at("/api/unsubscribe-all", "POST", mailProvider))).toBe(true);
    expect(check(at("/api/unsubscribe/../t/x/notification-settings", "PATCH", mailProvider))).toBe(true);
    expect(check(at("/api/unsubscribe/abc.def", "PATCH", mailProvider))).toBe(true);
    expect(check(at("/api/unsubscribe/abc.def/more", "POST", mailProvider))).toBe(true);
    expect(check(at(`/api/unsubscribe/${"a".repeat(513)}`, "POST", mailProvider))).toBe(true);
    expect(check(at("/api/t/x/notification-settings", "PATCH", mailProvider))).toBe(true);
  });
  it("so a cross-site POST with a key passes the wall, and one without is refused", () => {
    const evil = { host: "app.test", origin: "https://evil.test" };
    const pass = (r: Request) => !check(r) || isSameOrigin(r, { hops: 0 });
    expect(pass(at("/api/v1/tags", "POST", { ...evil, authorization: `Bearer ${KEY}` }))).toBe(true);
    expect(pass(at("/api/v1/tags", "POST", evil))).toBe(false);
  });
});
