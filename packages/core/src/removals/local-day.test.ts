import { describe, expect, it } from "vitest";
import { addLocalDays, localDateOf, localDay, startOfLocalDay, weekWindow } from "./local-day";

const at = (iso: string) => new Date(iso);
const hours = (d: { startsAt: Date; resetsAt: Date }) => (d.resetsAt.getTime() - d.startsAt.getTime()) / 3_600_000;
/** Just before and at the instant `iso`. */
const around = (iso: string) => [new Date(at(iso).getTime() - 1), at(iso)] as const;

describe("local days in America/New_York", () => {
  const tz = "America/New_York";
  it("spring forward (2026-03-08, 02:00 EST → 03:00 EDT) makes a 23-hour day", () => {
    const [before, after] = around("2026-03-08T07:00:00Z");
    expect(localDateOf(before, tz)).toBe("2026-03-08");
    expect(localDateOf(after, tz)).toBe("2026-03-08");
    const d = localDay(after, tz);
    expect(d.startsAt.toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(d.resetsAt.toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(hours(d)).toBe(23);
    // The day boundary itself, in daylight time now.
    const [last, first] = around("2026-03-09T04:00:00Z");
    expect(localDay(last, tz).localDate).toBe("2026-03-08");
    expect(localDay(first, tz).localDate).toBe("2026-03-09");
    expect(localDay(first, tz).startsAt.toISOString()).toBe("2026-03-09T04:00:00.000Z");
  });

  it("fall back (2026-11-01, 02:00 EDT → 01:00 EST) makes a 25-hour day; 01:30 happens twice on the same date", () => {
    const d = localDay(at("2026-11-01T12:00:00Z"), tz);
    expect(d.localDate).toBe("2026-11-01");
    expect(d.startsAt.toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(d.resetsAt.toISOString()).toBe("2026-11-02T05:00:00.000Z");
    expect(hours(d)).toBe(25);
    expect(localDateOf(at("2026-11-01T05:30:00Z"), tz)).toBe("2026-11-01"); // 01:30 EDT
    expect(localDateOf(at("2026-11-01T06:30:00Z"), tz)).toBe("2026-11-01"); // 01:30 EST
    const [last, first] = around("2026-11-02T05:00:00Z");
    expect(localDateOf(last, tz)).toBe("2026-11-01");
    expect(localDateOf(first, tz)).toBe("2026-11-02");
    expect(hours(localDay(first, tz))).toBe(24);
  });
});

describe("local days in Europe/Berlin", () => {
  const tz = "Europe/Berlin";
  it("spring forward (2026-03-29, 02:00 CET → 03:00 CEST): 23 hours, resets at the next local midnight", () => {
    const [before, after] = around("2026-03-29T01:00:00Z");
    expect(localDateOf(before, tz)).toBe("2026-03-29");
    expect(localDateOf(after, tz)).toBe("2026-03-29");
    const d = localDay(after, tz);
    expect(d.startsAt.toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(d.resetsAt.toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(hours(d)).toBe(23);
    const [last, first] = around("2026-03-28T23:00:00Z");
    expect(localDay(last, tz).localDate).toBe("2026-03-28");
    expect(localDay(last, tz).resetsAt.toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(localDay(first, tz).localDate).toBe("2026-03-29");
  });

  it("fall back (2026-10-25, 03:00 CEST → 02:00 CET): 25 hours", () => {
    const [before, after] = around("2026-10-25T01:00:00Z");
    expect(localDateOf(before, tz)).toBe("2026-10-25");
    expect(localDateOf(after, tz)).toBe("2026-10-25");
    const d = localDay(after, tz);
    expect(d.startsAt.toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(d.resetsAt.toISOString()).toBe("2026-10-25T23:00:00.000Z");
    expect(hours(d)).toBe(25);
    const [last, first] = around("2026-10-25T23:00:00Z");
    expect(localDateOf(last, tz)).toBe("2026-10-25");
    expect(localDateOf(first, tz)).toBe("2026-10-26");
  });
});

describe("local days in Asia/Kolkata (UTC+05:30, no DST)", () => {
  const tz = "Asia/Kolkata";
  it("a day starts at 18:30 UTC the day before, and every day is 24 hours", () => {
    const [last, first] = around("2026-12-04T18:30:00Z");
    expect(localDateOf(last, tz)).toBe("2026-12-04");
    expect(localDateOf(first, tz)).toBe("2026-12-05");
    const d = localDay(first, tz);
    expect(d.startsAt.toISOString()).toBe("2026-12-04T18:30:00.000Z");
    expect(d.resetsAt.toISOString()).toBe("2026-12-05T18:30:00.000Z");
    for (const date of ["2026-03-08", "2026-03-29", "2026-10-25", "2026-11-01"]) {
      expect(hours(localDay(startOfLocalDay(date, tz), tz))).toBe(24);
    }
  });
});

describe("local days in Australia/Lord_Howe (30-minute DST shift)", () => {
  const tz = "Australia/Lord_Howe";
  it("DST ends (2026-04-05, 02:00 +11 → 01:30 +10:30): a 24.5-hour day", () => {
    const [before, after] = around("2026-04-04T15:00:00Z");
    expect(localDateOf(before, tz)).toBe("2026-04-05");
    expect(localDateOf(after, tz)).toBe("2026-04-05");
    const d = localDay(after, tz);
    expect(d.startsAt.toISOString()).toBe("2026-04-04T13:00:00.000Z");
    expect(d.resetsAt.toISOString()).toBe("2026-04-05T13:30:00.000Z");
    expect(hours(d)).toBe(24.5);
    const [last, first] = around("2026-04-05T13:30:00Z");
    expect(localDateOf(last, tz)).toBe("2026-04-05");
    expect(localDateOf(first, tz)).toBe("2026-04-06");
  });

  it("DST starts (2026-10-04, 02:00 +10:30 → 02:30 +11): a 23.5-hour day", () => {
    const [before, after] = around("2026-10-03T15:30:00Z");
    expect(localDateOf(before, tz)).toBe("2026-10-04");
    expect(localDateOf(after, tz)).toBe("2026-10-04");
    const d = localDay(before, tz);
    expect(d.startsAt.toISOString()).toBe("2026-10-03T13:30:00.000Z");
    expect(d.resetsAt.toISOString()).toBe("2026-10-04T13:00:00.000Z");
    expect(hours(d)).toBe(23.5);
    const [last, first] = around("2026-10-03T13:30:00Z");
    expect(localDateOf(last, tz)).toBe("2026-10-03");
    expect(localDateOf(first, tz)).toBe("2026-10-04");
  });
});

describe("midnight that does not exist or happens twice", () => {
  it("America/Santiago 2024-09-08 jumps from 00:00 to 01:00: the day starts at 01:00 (04:00 UTC)", () => {
    const start = startOfLocalDay("2024-09-08", "America/Santiago");
    expect(start.toISOString()).toBe("2024-09-08T04:00:00.000Z");
    expect(localDateOf(new Date(start.getTime() - 1), "America/Santiago")).toBe("2024-09-07");
    expect(hours(localDay(start, "America/Santiago"))).toBe(23);
  });

  it("America/Havana 2026-11-01 turns 01:00 back to 00:00: the day starts at the first midnight", () => {
    expect(startOfLocalDay("2026-11-01", "America/Havana").toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(hours(localDay(at("2026-11-01T12:00:00Z"), "America/Havana"))).toBe(25);
  });
});

describe("calendar arithmetic and the weekly window", () => {
  it("adds days across months, years and leap days", () => {
    expect(addLocalDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addLocalDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addLocalDays("2026-03-29", 1)).toBe("2026-03-30");
  });

  it("is the 7 local dates ending today", () => {
    expect(weekWindow("2026-12-05")).toEqual({ from: "2026-11-29", to: "2026-12-05" });
    expect(weekWindow("2026-01-03")).toEqual({ from: "2025-12-28", to: "2026-01-03" });
  });

  it("refuses what is not a date or not a zone", () => {
    expect(() => addLocalDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => startOfLocalDay("5 Dec", "UTC")).toThrow(RangeError);
    expect(() => localDateOf(new Date(), "Mars/Olympus_Mons")).toThrow();
  });
});
