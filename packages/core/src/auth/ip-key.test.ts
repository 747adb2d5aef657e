import { describe, expect, it } from "vitest";
import { rateLimitIpKey } from "./ip-key";

describe("the client key for per-IP limits", () => {
  it("keys IPv6 by its /64, since one customer line or host usually holds a whole /64", () => {
    const a = rateLimitIpKey("2001:db8:abcd:12::1");
    expect(a).toBe("2001:db8:abcd:12::/64");
    expect(rateLimitIpKey("2001:0DB8:abcd:0012:ffff:1:2:3")).toBe(a);
    expect(rateLimitIpKey("2001:db8:abcd:12:dead:beef::")).toBe(a);
    expect(rateLimitIpKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(rateLimitIpKey("::1")).toBe("0:0:0:0::/64");
    expect(rateLimitIpKey("2001:db8:abcd:13::1")).not.toBe(a);
  });

  it("keeps IPv4 as it is, also when it arrives IPv4-mapped", () => {
    expect(rateLimitIpKey("203.0.113.7")).toBe("203.0.113.7");
    expect(rateLimitIpKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(rateLimitIpKey("::FFFF:cb00:7107")).toBe("203.0.113.7");
    expect(rateLimitIpKey("0:0:0:0:0:ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("passes anything else through, trimmed (\"unknown\" is one shared bucket)", () => {
    expect(rateLimitIpKey("unknown")).toBe("unknown");
    expect(rateLimitIpKey(" not an ip ")).toBe("not an ip");
  });
});
