import { describe, expect, it } from "vitest";
import { dayTimeIn, durationText, progressText, roughDurationText, timeIn } from "./format";

describe("removal formats", () => {
  it("says the progress line the issue asks for", () => {
    expect(progressText({ used: 12, limit: 20, weekUsed: 61 })).toBe("12 of 20 today, 61 this week");
  });

  it("words waits, rounded up to the second", () => {
    expect(durationText(72_000)).toBe("1 min 12 s");
    expect(durationText(44_100)).toBe("45 s");
    expect(durationText(120_000)).toBe("2 min");
    expect(durationText(7_500_000)).toBe("2 h 5 min");
    expect(durationText(-5)).toBe("0 s");
    expect(roughDurationText(85_000)).toBe("about 2 minutes");
    expect(roughDurationText(5_000)).toBe("a few seconds");
  });

  it("shows wall-clock times in the zone asked for, across DST and half-hour zones", () => {
    // 2026-12-05T23:00Z is midnight in Berlin (winter), 18:00 in New York, 04:30 in Kolkata.
    expect(timeIn("2026-12-05T23:00:00Z", "Europe/Berlin")).toBe("00:00");
    expect(dayTimeIn("2026-12-05T23:00:00Z", "Europe/Berlin")).toBe("Sun 6 Dec, 00:00");
    expect(dayTimeIn("2026-12-05T23:00:00Z", "America/New_York")).toBe("Sat 5 Dec, 18:00");
    expect(timeIn("2026-12-05T23:00:00Z", "Asia/Kolkata")).toBe("04:30");
    expect(timeIn("2026-07-05T22:00:00Z", "Europe/Berlin")).toBe("00:00");
    expect(timeIn("not a date", "UTC")).toBe("not a date");
  });
});
