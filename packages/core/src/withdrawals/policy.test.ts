import { describe, expect, it } from "vitest";
import { jitteredGapMs, refusalMessage } from "../removals/policy";
import { WITHDRAW_GAP_SECONDS, WITHDRAW_NOUN, withdrawalLimits, withdrawRiskWarning } from "./policy";

describe("withdrawal policy", () => {
  it("defaults to 30 a day, 20 an hour, 45 s, weekly 5 × daily; clamps to 1–60", () => {
    expect(withdrawalLimits(null)).toEqual({ dailyLimit: 30, gapSeconds: 45, hourlyLimit: 20, weeklyLimit: 150 });
    expect(withdrawalLimits(12)).toMatchObject({ dailyLimit: 12, weeklyLimit: 60 });
    expect(withdrawalLimits(500).dailyLimit).toBe(60);
    expect(withdrawalLimits(0).dailyLimit).toBe(1);
  });

  it("jitters the gap by ±20 % and never below 30 s", () => {
    expect(jitteredGapMs(WITHDRAW_GAP_SECONDS, () => 0)).toBe(36_000);
    expect(jitteredGapMs(WITHDRAW_GAP_SECONDS, () => 0.5)).toBe(45_000);
    expect(jitteredGapMs(WITHDRAW_GAP_SECONDS, () => 0.99999)).toBeLessThanOrEqual(54_000);
    for (let i = 0; i < 200; i++) expect(jitteredGapMs(WITHDRAW_GAP_SECONDS, Math.random)).toBeGreaterThanOrEqual(30_000);
  });

  it("warns above 30 a day and names withdrawals in refusals (removals keep their words)", () => {
    expect(withdrawRiskWarning(30)).toBeNull();
    expect(withdrawRiskWarning(31)).toMatch(/More than 30 withdrawals/);
    const now = new Date("2026-12-07T10:00:00Z");
    const next = new Date("2026-12-07T10:00:40Z");
    expect(refusalMessage("PACE_WAIT", next, now, "UTC", { gapSeconds: 45, noun: WITHDRAW_NOUN })).toMatch(/before the next withdrawal: withdrawals are spaced about 45 s apart/);
    expect(refusalMessage("HOURLY_LIMIT", next, now, "UTC", { hourlyLimit: 20, noun: WITHDRAW_NOUN })).toMatch(/That's 20 withdrawals this hour/);
    expect(refusalMessage("PACE_WAIT", next, now, "UTC", { gapSeconds: 90 })).toMatch(/before the next removal: removals are spaced/);
  });
});
