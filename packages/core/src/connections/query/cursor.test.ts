import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor";

const field = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return { code: (e as { code?: string }).code, field: (e as { details?: { field?: string } }).details?.field, message: (e as Error).message };
  }
  throw new Error("expected a throw");
};
const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");
const ID = "0b5f4c1e-7a57-4a43-9d7e-2a7d0c1f9e11";

describe("keyset cursors", () => {
  it("round-trip the sort value and id, null included", () => {
    for (const [sort, value] of [
      ["name", "Zoë O'Brien; DROP TABLE x"],
      ["connectedOn", "2024-02-29"],
      ["lastInteraction", "2024-02-29 10:11:12.345"],
      ["score", "87"],
      ["seniority", null],
    ] as const) {
      const c = encodeCursor(sort, "asc", { value, id: ID });
      expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(c, sort, "asc")).toEqual({ value, id: ID });
    }
  });

  it("a cursor from another sort or direction is refused", () => {
    const c = encodeCursor("name", "asc", { value: "a", id: ID });
    expect(field(() => decodeCursor(c, "company", "asc"))).toMatchObject({ code: "VALIDATION", field: "cursor", message: expect.stringMatching(/different sort order/) });
    expect(field(() => decodeCursor(c, "name", "desc"))).toMatchObject({ field: "cursor" });
  });

  it.each([
    ["not base64", "%%%"],
    ["not JSON", b64("nope")],
    ["an array", b64([1, 2])],
    ["a missing id", b64({ k: "name", d: "asc", v: "a" })],
    ["an id that is not an id", b64({ k: "name", d: "asc", v: "a", id: "x' OR '1'='1" })],
    ["an extra field", b64({ k: "name", d: "asc", v: "a", id: ID, admin: true })],
    ["an unknown sort", b64({ k: "evil", d: "asc", v: "a", id: ID })],
    ["a score that is not a number", b64({ k: "score", d: "asc", v: "1; DROP TABLE x", id: ID })],
    ["a date that is not a date", b64({ k: "connectedOn", d: "asc", v: "yesterday", id: ID })],
    ["a timestamp that is not one", b64({ k: "lastInteraction", d: "asc", v: "2024-01-01T00:00:00Z'", id: ID })],
    ["a null byte in text", b64({ k: "name", d: "asc", v: "a\u0000b", id: ID })],
    ["a huge cursor", "A".repeat(20_000)],
  ])("a tampered cursor (%s) is a validation error naming cursor", (_, raw) => {
    const sort = raw.length < 1000 && /score|connectedOn|lastInteraction/.exec(Buffer.from(raw, "base64url").toString())?.[0];
    expect(field(() => decodeCursor(raw, (sort || "name") as "name", "asc"))).toMatchObject({ code: "VALIDATION", field: "cursor" });
  });
});
