import { describe, expect, it } from "vitest";
import type { TRemovalBudget } from "@crm/core";
import { endedOf, isLimitCode, waitOf } from "./limits";

const budget = (over: Partial<TRemovalBudget> = {}): TRemovalBudget => ({
  accountId: "a",
  limit: 10,
  used: 2,
  remaining: 8,
  hourUsed: 2,
  hourlyLimit: 5,
  weekUsed: 2,
  weeklyLimit: 50,
  gapSeconds: 120,
  nextAllowedAt: null,
  blockedBy: null,
  resetsAt: "2026-12-06T00:00:00.000Z",
  timeZone: "UTC",
  localDate: "2026-12-05",
  ...over,
});
const now = Date.parse("2026-12-05T12:00:00.000Z");

describe("waitOf", () => {
  it("is null when nothing blocks", () => expect(waitOf(budget(), null, now)).toBeNull());
  it("takes the later of the budget's block and a refusal", () => {
    const b = budget({ nextAllowedAt: "2026-12-05T12:02:00.000Z", blockedBy: "PACE_WAIT" });
    expect(waitOf(b, { code: "HOURLY_LIMIT", message: "m", nextAllowedAt: "2026-12-05T13:00:00.000Z" }, now)).toEqual({ limit: "HOURLY_LIMIT", until: "2026-12-05T13:00:00.000Z", message: "m" });
    expect(waitOf(b, { code: "HOURLY_LIMIT", message: "m", nextAllowedAt: "2026-12-05T12:01:00.000Z" }, now)).toEqual({ limit: "PACE_WAIT", until: "2026-12-05T12:02:00.000Z", message: null });
  });
  it("is over once its time has passed", () => expect(waitOf(budget({ nextAllowedAt: "2026-12-05T11:59:00.000Z", blockedBy: "PACE_WAIT" }), null, now)).toBeNull());
});

describe("endedOf", () => {
  it("keeps the server's end", () => {
    const ended = { reason: "EMPTY" as const, resetsAt: "x", message: "done" };
    expect(endedOf({ ended, budget: budget() }, String)).toBe(ended);
  });
  it("ends the day when the budget is used up, in the lane's words", () => {
    const e = endedOf({ ended: null, budget: budget({ used: 10 }) }, (n) => `${n} withdrawals`);
    expect(e?.reason).toBe("DAILY_LIMIT");
    expect(e?.message).toMatch(/^That’s today’s safe limit \(10 withdrawals\); come back tomorrow\./);
  });
  it("is null below the limit", () => expect(endedOf({ ended: null, budget: budget() }, String)).toBeNull());
});

it("isLimitCode knows the four limits only", () => {
  expect(isLimitCode("PACE_WAIT")).toBe(true);
  expect(isLimitCode("VALIDATION")).toBe(false);
  expect(isLimitCode(null)).toBe(false);
});
