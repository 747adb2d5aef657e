import { describe, expect, it } from "vitest";
import { isMalformedPath } from "./malformed-path.mjs";

describe("isMalformedPath", () => {
  it("flags segments that are not valid percent-encoding or decode to a control character", () => {
    for (const p of ["/api/t/%ff/connections", "/t/%E0%A4%A", "/t/ok/connections/%00", "/invite/%", "/api/v1/connections/%zz", "/t/a%0Ab"]) expect(isMalformedPath(p), p).toBe(true);
  });
  it("lets ordinary and well-encoded paths through", () => {
    for (const p of ["/", "/t/acme-3f9a1c/connections", "/t/acme/connections/cm123_x", "/t/M%C3%BCller", "/api/v1/tags"]) expect(isMalformedPath(p), p).toBe(false);
  });
});
