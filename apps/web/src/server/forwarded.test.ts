import { describe, expect, it } from "vitest";
import { applyClientIp, clientIpFrom, CLIENT_IP_HEADER, parseHops } from "./forwarded.mjs";

describe("clientIpFrom", () => {
  it("with no trusted proxy believes only the socket, whatever X-Forwarded-For says", () => {
    expect(clientIpFrom("203.0.113.9", "1.2.3.4", 0)).toBe("203.0.113.9");
    expect(clientIpFrom("::ffff:203.0.113.9", "1.2.3.4, 5.6.7.8", 0)).toBe("203.0.113.9");
  });
  it("with N trusted proxies counts N entries from the right (socket peer last)", () => {
    // client forged "6.6.6.6"; proxy appended the real client 198.51.100.7; socket is the proxy.
    expect(clientIpFrom("10.0.0.2", "6.6.6.6, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientIpFrom("10.0.0.3", ["6.6.6.6, 198.51.100.7", "10.0.0.2"], 2)).toBe("198.51.100.7");
  });
  it("with fewer entries than hops takes the leftmost (a misconfiguration, never a crash)", () => {
    expect(clientIpFrom("10.0.0.2", undefined, 3)).toBe("10.0.0.2");
    expect(clientIpFrom(undefined, undefined, 0)).toBe("unknown");
  });
});

describe("applyClientIp", () => {
  const request = (headers: Record<string, string>) => ({ headers: { ...headers } as Record<string, string | string[] | undefined>, socket: { remoteAddress: "127.0.0.1" } });
  it("replaces a client-sent client-IP header and drops forwarded headers when no proxy is trusted", () => {
    const req = request({ [CLIENT_IP_HEADER]: "9.9.9.9", "x-forwarded-for": "1.1.1.1", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", host: "app.test" });
    applyClientIp(req as never, 0);
    expect(req.headers).toEqual({ [CLIENT_IP_HEADER]: "127.0.0.1", host: "app.test" });
  });
  it("keeps forwarded headers behind trusted proxies", () => {
    const req = request({ [CLIENT_IP_HEADER]: "9.9.9.9", "x-forwarded-for": "198.51.100.7", "x-forwarded-host": "crm.example" });
    applyClientIp(req as never, 1);
    expect(req.headers[CLIENT_IP_HEADER]).toBe("198.51.100.7");
    expect(req.headers["x-forwarded-host"]).toBe("crm.example");
  });
  it("costs microseconds, not milliseconds", () => {
    const t = performance.now();
    for (let i = 0; i < 10_000; i++) applyClientIp(request({ "x-forwarded-for": "1.1.1.1, 2.2.2.2" }) as never, 1);
    expect((performance.now() - t) / 10_000).toBeLessThan(0.05);
  });
});

describe("parseHops", () => {
  it("accepts 0–10 and names the variable otherwise", () => {
    expect(parseHops(undefined)).toBe(0);
    expect(parseHops("2")).toBe(2);
    expect(() => parseHops("-1")).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => parseHops("x")).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
