import { describe, expect, it } from "vitest";
import { addDays, dateProblem, dayIn, dayText, dueText, reminderDays } from "./dates";

describe("reminder dates", () => {
  it("reads the calendar day in the viewer's zone, not UTC", () => {
    // 23:30 UTC on 5 Dec is already 6 Dec in Berlin and still 5 Dec in New York.
    const at = Date.parse("2026-12-05T23:30:00Z");
    expect(dayIn(at, "Europe/Berlin")).toBe("2026-12-06");
    expect(dayIn(at, "America/New_York")).toBe("2026-12-05");
    expect(dayIn(at, "Not/AZone")).toBe("2026-12-05");
  });

  it("adds calendar days across month, year and DST boundaries", () => {
    expect(addDays("2026-12-29", 7)).toBe("2027-01-05");
    expect(addDays("2026-03-25", 7)).toBe("2026-04-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("nonsense", 1)).toBe("nonsense");
  });

  it("suggests a week ahead of today in the zone", () => {
    const at = Date.parse("2026-12-05T23:30:00Z");
    expect(reminderDays(at, "Europe/Berlin")).toEqual({ min: "2026-12-06", suggested: "2026-12-13" });
    expect(reminderDays(at, "UTC")).toEqual({ min: "2026-12-05", suggested: "2026-12-12" });
  });

  it("words the due day relative to the app's clock in the zone", () => {
    // 05:00 UTC on 10 Dec is 18:00 that day in Auckland. 09:00 in Auckland on 11 Dec is 20:00 UTC
    // on 10 Dec: "tomorrow" there, "today" in UTC.
    const now = Date.parse("2026-12-10T05:00:00Z");
    expect(dueText("2026-12-10T20:00:00Z", now, "Pacific/Auckland")).toBe("tomorrow");
    expect(dueText("2026-12-10T20:00:00Z", now, "UTC")).toBe("today");
    expect(dueText("2026-12-09T09:00:00Z", now, "UTC")).toBe("yesterday");
    expect(dueText("2026-12-07T09:00:00Z", now, "UTC")).toBe("3 days ago");
    expect(dueText("2026-11-01T09:00:00Z", now, "UTC")).toBe("1 Nov 2026");
    expect(dueText("2026-12-24T09:00:00Z", now, "UTC")).toBe("24 Dec 2026");
    expect(dayText("2026-12-24")).toBe("24 Dec 2026");
  });

  it("refuses an empty or past day in the app's date style, and takes today or later", () => {
    expect(dateProblem("", "2026-12-05")).toBe("Pick a date.");
    expect(dateProblem("2026-12-04", "2026-12-05")).toBe("Pick today (5 Dec 2026) or a later date.");
    expect(dateProblem("2026-12-05", "2026-12-05")).toBeNull();
    expect(dateProblem("2027-01-01", "2026-12-05")).toBeNull();
    expect(dateProblem("2026-12-04", undefined)).toBeNull();
  });
});
