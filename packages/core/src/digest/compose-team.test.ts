import { describe, expect, it } from "vitest";
import { periodLabel, weekBefore } from "./compose-team";

describe("weekBefore", () => {
  it("is the same local wall time 7 days earlier, so a DST change makes the week 167 or 169 hours", () => {
    const H = 3_600_000;
    // Monday 08:00 in New York after the spring-forward Sunday (2026-03-08): the week started at 08:00 EST.
    const spring = weekBefore(new Date("2026-03-09T12:00:00Z"), "America/New_York");
    expect(spring.start.toISOString()).toBe("2026-03-02T13:00:00.000Z");
    expect((spring.end.getTime() - spring.start.getTime()) / H).toBe(167);
    // Monday 08:00 in Berlin after the fall-back Sunday (2026-10-25).
    const fall = weekBefore(new Date("2026-10-26T07:00:00Z"), "Europe/Berlin");
    expect(fall.start.toISOString()).toBe("2026-10-19T06:00:00.000Z");
    expect((fall.end.getTime() - fall.start.getTime()) / H).toBe(169);
    // No change that week: exactly 7 × 24 h.
    const plain = weekBefore(new Date("2026-12-07T07:00:00Z"), "Europe/Berlin");
    expect((plain.end.getTime() - plain.start.getTime()) / H).toBe(168);
  });
});

describe("periodLabel", () => {
  it("names the 7 local days before a scheduled slot, and up to today for send-now", () => {
    const week = weekBefore(new Date("2026-12-07T07:00:00Z"), "Europe/Berlin"); // Monday 08:00 Berlin
    expect(periodLabel({ period: "2026-W50", ...week }, "Europe/Berlin")).toBe("Nov 30 – Dec 6");
    const now = { start: new Date("2026-11-28T12:00:00Z"), end: new Date("2026-12-05T12:00:00Z") };
    expect(periodLabel({ period: "now", ...now }, "Europe/Berlin")).toBe("Nov 28 – Dec 5");
  });
});
