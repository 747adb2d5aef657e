import { describe, expect, it } from "vitest";
import { localDay } from "../removals/local-day";
import { demoOutcomeTimes } from "./seed-removals";

// The demo's outcomes must all fall on the account's current local day, "Removed"s more than the
// longest jittered gap (108 s) apart, the last one recent enough that a countdown runs.

const BERLIN = "Europe/Berlin";

function check(now: Date) {
  const day = localDay(now, BERLIN);
  const r = demoOutcomeTimes(now, day.startsAt);
  const times = r.events.map((e) => e.at.getTime());
  for (const t of times) {
    expect(t).toBeGreaterThanOrEqual(day.startsAt.getTime());
    expect(t).toBeLessThan(now.getTime() + 1);
  }
  expect(times).toEqual([...times].sort((a, b) => a - b));
  expect(r.planAt.getTime()).toBeGreaterThanOrEqual(day.startsAt.getTime());
  expect(r.planAt.getTime()).toBeLessThanOrEqual(times[0]!);
  const removed = r.events.filter((e) => e.outcome === "removed").map((e) => e.at.getTime());
  for (let i = 1; i < removed.length; i++) expect(removed[i]! - removed[i - 1]!).toBeGreaterThan(120_000);
  // The last "Removed" at most 40 s ago: the 72–108 s gap still runs. "Couldn't find them" is
  // recorded now, after the demo's imports (an older one would be cleared by the next plan).
  expect(now.getTime() - removed.at(-1)!).toBeLessThanOrEqual(40_000);
  expect(r.events.at(-1)).toEqual({ outcome: "not_found", at: now });
  return { r, day, removed };
}

describe("demoOutcomeTimes", () => {
  it("spreads four removals, one kept and one not found over the last minutes", () => {
    const now = new Date("2026-12-05T11:00:00Z");
    const { r, day } = check(now);
    expect(r.events.map((e) => e.outcome)).toEqual(["removed", "kept", "removed", "removed", "removed", "not_found"]);
    expect(r.events.at(-2)!.at.toISOString()).toBe("2026-12-05T10:59:20.000Z");
    // Planned the way the sweep would have: shortly after local midnight (23:00 UTC in winter).
    expect(r.planAt.toISOString()).toBe(new Date(day.startsAt.getTime() + 120_000).toISOString());
  });

  it("keeps everything on today just after local midnight: earlier removals are left out, free outcomes move to the day's start", () => {
    const now = new Date("2026-12-04T23:03:00Z"); // 00:03 in Berlin
    const { r, day } = check(now);
    expect(day.startsAt.toISOString()).toBe("2026-12-04T23:00:00.000Z");
    expect(r.events.map((e) => e.outcome)).toEqual(["kept", "removed", "not_found"]);
    expect(r.events[0]!.at).toEqual(day.startsAt);
    expect(r.planAt).toEqual(day.startsAt);
  });

  it("still records the last removal within today 20 s after midnight, on a DST day too", () => {
    const now = new Date("2026-03-28T23:00:20Z"); // 00:00:20 on 29 March, the spring-forward day
    const { r, day } = check(now);
    expect(r.events.filter((e) => e.outcome === "removed")).toEqual([{ outcome: "removed", at: day.startsAt }]);
  });

  it("leaves three removals two and a half minutes apart when the day is eight minutes old", () => {
    const now = new Date("2026-07-04T22:08:00Z"); // 00:08 in Berlin (summer time)
    const { removed } = check(now);
    expect(removed).toHaveLength(3);
  });
});
