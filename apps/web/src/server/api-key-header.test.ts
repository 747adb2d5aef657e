import { describe, expect, it } from "vitest";
import { apiKeyFrom } from "./api-key-header.mjs";

const h = (o: Record<string, string>) => new Headers(o);

describe("apiKeyFrom", () => {
  it("reads a Bearer token (any case of the scheme, surrounding spaces) or X-Api-Key", () => {
    expect(apiKeyFrom(h({ authorization: "Bearer crm_abc" }))).toEqual({ kind: "key", key: "crm_abc" });
    expect(apiKeyFrom(h({ authorization: "  bearer   crm_abc  " }))).toEqual({ kind: "key", key: "crm_abc" });
    expect(apiKeyFrom(h({ "x-api-key": " crm_xyz " }))).toEqual({ kind: "key", key: "crm_xyz" });
  });
  it("refuses two different keys (Authorization and X-Api-Key) instead of picking one; the same key twice is fine", () => {
    expect(apiKeyFrom(h({ authorization: "Bearer crm_a", "x-api-key": "crm_b" }))).toEqual({ kind: "conflict" });
    expect(apiKeyFrom(h({ authorization: "Bearer crm_a", "x-api-key": " crm_a " }))).toEqual({ kind: "key", key: "crm_a" });
    expect(apiKeyFrom(h({ authorization: "Basic dXNlcjpwYXNz", "x-api-key": "crm_b" }))).toEqual({ kind: "bad-scheme" });
  });
  it("tells a missing key from a wrong scheme", () => {
    expect(apiKeyFrom(h({}))).toEqual({ kind: "missing" });
    expect(apiKeyFrom(h({ "x-api-key": "  " }))).toEqual({ kind: "missing" });
    expect(apiKeyFrom(h({ cookie: "next-auth.session-token=abc" }))).toEqual({ kind: "missing" });
    for (const v of ["Basic dXNlcjpwYXNz", "Bearer", "Bearer a b", "Token crm_abc", "crm_abc"]) expect(apiKeyFrom(h({ authorization: v })), v).toEqual({ kind: "bad-scheme" });
  });
});
