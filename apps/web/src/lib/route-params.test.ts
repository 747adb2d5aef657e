import { describe, expect, it } from "vitest";
import { wellFormedParam, wellFormedParams } from "./route-params";

describe("dynamic path segments", () => {
  it("accepts slugs, ids and tokens as the app makes them", () => {
    expect(wellFormedParam("slug", "acme-gmbh-3f9a1c")).toBe(true);
    expect(wellFormedParam("connectionId", "cmabc123_x-Y")).toBe(true);
    expect(wellFormedParam("token", "team-1.abcDEF_ghi-jklmnopqrstu")).toBe(true);
  });
  it("refuses what no slug or id can be: undecoded %, NUL, slashes, spaces, overlong", () => {
    for (const [name, v] of [["slug", "%ff"], ["slug", "a\u0000b"], ["slug", "Acme"], ["importId", "a/b"], ["icpId", "a b"], ["accountId", "x".repeat(65)], ["slug", ""], ["id", "\uFFFD"]] as const) {
      expect(wellFormedParam(name, v), `${name}=${JSON.stringify(v)}`).toBe(false);
    }
  });
  it("treats params Next could not decode as malformed", async () => {
    expect(await wellFormedParams(Promise.reject(new URIError("URI malformed")))).toBeNull();
    expect(await wellFormedParams(Promise.resolve({ slug: "ok", importId: "%00" }))).toBeNull();
    expect(await wellFormedParams(Promise.resolve({ slug: "ok", importId: "abc" }))).toEqual({ slug: "ok", importId: "abc" });
    // A route with no dynamic segment: Next gives no params object.
    expect(await wellFormedParams(Promise.resolve(undefined as unknown as Record<string, string>))).toEqual({});
  });
});
