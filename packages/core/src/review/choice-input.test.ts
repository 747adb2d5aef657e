import { describe, expect, it } from "vitest";
import { parseChoiceInput, parseVersion } from "./choice-input";
import { describeChange, relativeTime } from "./review-write";

const now = new Date("2026-12-05T12:00:00Z");
const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return { code: (e as { code: string }).code, field: (e as { details: { field?: string } }).details.field, message: (e as Error).message };
  }
  throw new Error("did not throw");
};

describe("parseChoiceInput", () => {
  it("accepts the four choices in any case and maps them to the enum", () => {
    expect(parseChoiceInput({ choice: "Keep" }, now)).toMatchObject({ choice: "KEEP", code: "keep", reason: null });
    expect(parseChoiceInput({ choice: "follow_up", followUpOn: "2026-12-20" }, now).followUpOn?.toISOString()).toBe("2026-12-20T00:00:00.000Z");
    expect(parseChoiceInput({ choice: "snooze", snoozeUntil: "2027-01-05T09:00:00Z" }, now).snoozeUntil?.toISOString()).toBe("2027-01-05T09:00:00.000Z");
  });

  it("names the field it refuses", () => {
    expect(fieldOf(() => parseChoiceInput({ choice: "delete" }, now))).toMatchObject({ code: "VALIDATION", field: "choice", message: expect.stringContaining("keep, remove, follow_up, snooze") });
    expect(fieldOf(() => parseChoiceInput({ choice: "keep", reason: "x".repeat(501) }, now))).toMatchObject({ field: "reason" });
    expect(fieldOf(() => parseChoiceInput({ choice: "snooze" }, now))).toMatchObject({ field: "snoozeUntil" });
    expect(fieldOf(() => parseChoiceInput({ choice: "snooze", snoozeUntil: "2026-12-04" }, now))).toMatchObject({ field: "snoozeUntil", message: expect.stringContaining("future") });
    expect(fieldOf(() => parseChoiceInput({ choice: "snooze", snoozeUntil: "2028-01-01" }, now))).toMatchObject({ field: "snoozeUntil", message: expect.stringContaining("one year") });
    expect(fieldOf(() => parseChoiceInput({ choice: "snooze", snoozeUntil: "next tuesday" }, now))).toMatchObject({ field: "snoozeUntil" });
    expect(fieldOf(() => parseChoiceInput({ choice: "follow_up", followUpOn: "2020-01-01" }, now))).toMatchObject({ field: "followUpOn" });
    expect(fieldOf(() => parseVersion(undefined, true))).toMatchObject({ field: "version" });
    expect(fieldOf(() => parseVersion("3", true))).toMatchObject({ field: "version" });
    expect(parseVersion(undefined, false)).toBeNull();
  });

  it("refuses a day the calendar does not have instead of rolling it over", () => {
    for (const bad of ["2027-02-30", "2027-02-29", "2027-04-31", "2027-02-30T10:00:00Z"]) {
      expect(fieldOf(() => parseChoiceInput({ choice: "snooze", snoozeUntil: bad }, now))).toMatchObject({ field: "snoozeUntil", message: expect.stringContaining("not a date") });
      expect(fieldOf(() => parseChoiceInput({ choice: "follow_up", followUpOn: bad }, now))).toMatchObject({ field: "followUpOn" });
    }
    expect(fieldOf(() => parseChoiceInput({ choice: "snooze", snoozeUntil: "2027-13-01" }, now))).toMatchObject({ field: "snoozeUntil" });
    expect(parseChoiceInput({ choice: "snooze", snoozeUntil: "2027-02-28" }, now).snoozeUntil?.toISOString()).toBe("2027-02-28T00:00:00.000Z");
    expect(parseChoiceInput({ choice: "follow_up", followUpOn: "2027-06-30T09:30:00+02:00" }, now).followUpOn?.toISOString()).toBe("2027-06-30T07:30:00.000Z");
  });
});

describe("what changed", () => {
  it("says who did what, how long ago", () => {
    expect(relativeTime("2026-12-05T11:59:40Z", now)).toBe("20 s ago");
    expect(relativeTime("2026-12-05T11:58:00Z", now)).toBe("2 min ago");
    expect(relativeTime("2026-12-05T09:00:00Z", now)).toBe("3 h ago");
    expect(describeChange({ actorId: "u", actorName: "Ana", action: "decided", choice: "keep", at: "2026-12-05T11:59:40Z" }, now)).toBe("Ana decided Keep 20 s ago");
    expect(describeChange({ actorId: "u", actorName: "Ben", action: "voted", choice: "remove", at: "2026-12-05T11:58:00Z" }, now)).toBe("Ben voted Remove 2 min ago");
  });
});
