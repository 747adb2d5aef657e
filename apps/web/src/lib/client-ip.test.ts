import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, CLIENT_IP_MARK } from "../server/forwarded.mjs";
import { clientIp } from "./client-ip";

const g = globalThis as Record<symbol, unknown>;
afterEach(() => {
  delete g[CLIENT_IP_MARK];
});

describe("clientIp", () => {
  it("never reads X-Forwarded-For or X-Real-IP", () => {
    g[CLIENT_IP_MARK] = true;
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4", "x-real-ip": "5.6.7.8", [CLIENT_IP_HEADER]: "198.51.100.7" }))).toBe("198.51.100.7");
  });
  it("is 'unknown' when server.mjs did not write the header (a client could have)", () => {
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: "198.51.100.7", "x-forwarded-for": "1.2.3.4" }))).toBe("unknown");
  });
});
