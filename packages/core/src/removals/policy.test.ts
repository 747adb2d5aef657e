import { describe, expect, it } from "vitest";
import { localDay } from "./local-day";
import { checkPace, effectiveLimits, formatWait, hourCount, jitteredGapMs, paceRefusal, refusalMessage, riskWarning, tierOf, weekSum, type TPaceState } from "./policy";

const BERLIN = "Europe/Berlin";
const NOW = new Date("2026-12-05T13:00:00Z"); // Sat 5 Dec, 14:00 in Berlin
const MIN = 60_000;
const HOUR = 60 * MIN;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

function state(over: Partial<TPaceState> = {}): TPaceState {
  const now = over.now ?? NOW;
  const timeZone = over.timeZone ?? BERLIN;
  return {
    now,
    limit: 20,
    used: 5,
    hourlyLimit: 12,
    hourTimes: [ago(10 * MIN), ago(20 * MIN)],
    weeklyLimit: 100,
    weekDays: [{ localDate: "2026-12-05", used: 5 }, { localDate: "2026-12-04", used: 20 }],
    nextAllowedAt: ago(MIN),
    resetsAt: localDay(now, timeZone).resetsAt,
    timeZone,
    ...over,
  };
}

describe("tiers", () => {
  it("goes by size at the boundaries 499/500 and 2,000/2,001", () => {
    expect(tierOf({ connectionCount: 0, isNew: false })).toEqual({ tier: "small", defaultDailyLimit: 10 });
    expect(tierOf({ connectionCount: 499, isNew: false })).toEqual({ tier: "small", defaultDailyLimit: 10 });
    expect(tierOf({ connectionCount: 500, isNew: false })).toEqual({ tier: "established", defaultDailyLimit: 20 });
    expect(tierOf({ connectionCount: 2000, isNew: false })).toEqual({ tier: "established", defaultDailyLimit: 20 });
    expect(tierOf({ connectionCount: 2001, isNew: false })).toEqual({ tier: "large", defaultDailyLimit: 25 });
  });

  it("treats a new account as new whatever its size", () => {
    expect(tierOf({ connectionCount: 30_000, isNew: true })).toEqual({ tier: "new", defaultDailyLimit: 10 });
    expect(tierOf({ connectionCount: 10, isNew: true })).toEqual({ tier: "new", defaultDailyLimit: 10 });
  });
});

describe("limits in force", () => {
  const defaults = { dailyLimit: null, gapSeconds: 90, hourlyLimit: 12, weeklyLimit: null };

  it("uses the tier's default and 5 × the daily limit when nothing is overridden", () => {
    expect(effectiveLimits(defaults, 20)).toEqual({ dailyLimit: 20, gapSeconds: 90, hourlyLimit: 12, weeklyLimit: 100 });
    expect(effectiveLimits({ ...defaults, dailyLimit: 8 }, 25)).toEqual({ dailyLimit: 8, gapSeconds: 90, hourlyLimit: 12, weeklyLimit: 40 });
  });

  it("keeps the owner's overrides within bounds", () => {
    expect(effectiveLimits({ dailyLimit: 40, gapSeconds: 120, hourlyLimit: 6, weeklyLimit: 90 }, 10)).toEqual({ dailyLimit: 40, gapSeconds: 120, hourlyLimit: 6, weeklyLimit: 90 });
    expect(effectiveLimits({ ...defaults, dailyLimit: 1 }, 20).dailyLimit).toBe(1);
  });

  it("never passes the hard cap of 50 a day or the gap's floor of 30 s, whatever is stored", () => {
    const l = effectiveLimits({ dailyLimit: 80, gapSeconds: 5, hourlyLimit: 500, weeklyLimit: 9999 }, 25);
    expect(l).toEqual({ dailyLimit: 50, gapSeconds: 30, hourlyLimit: 50, weeklyLimit: 350 });
    expect(effectiveLimits({ ...defaults, dailyLimit: 50 }, 25)).toMatchObject({ dailyLimit: 50, weeklyLimit: 250 });
  });

  it("warns above 30 a day, not at 30", () => {
    expect(riskWarning(30)).toBeNull();
    expect(riskWarning(10)).toBeNull();
    expect(riskWarning(31)).toMatch(/above what LinkedIn users report as safe.*50.*restricted/);
    expect(riskWarning(50)).not.toBeNull();
  });
});

describe("jittered gap", () => {
  it("spans gap × [0.8, 1.2] and is centred on the gap", () => {
    expect(jitteredGapMs(90, () => 0)).toBe(72_000);
    expect(jitteredGapMs(90, () => 0.5)).toBe(90_000);
    const top = jitteredGapMs(90, () => 0.999999);
    expect(top).toBeLessThanOrEqual(108_000);
    expect(top).toBeGreaterThan(107_990);
  });

  it("never goes below 30 s", () => {
    expect(jitteredGapMs(30, () => 0)).toBe(30_000);
    expect(jitteredGapMs(35, () => 0)).toBe(30_000);
    expect(jitteredGapMs(30, () => 0.999999)).toBeLessThanOrEqual(36_000);
  });

  it("stays within bounds for any randomness, a broken source included", () => {
    for (let i = 0; i < 1000; i++) {
      const gap = 30 + ((i * 37) % 3571);
      const ms = jitteredGapMs(gap, Math.random);
      expect(ms).toBeGreaterThanOrEqual(Math.max(30_000, Math.floor(gap * 800)));
      expect(ms).toBeLessThanOrEqual(Math.ceil(gap * 1200));
    }
    expect(jitteredGapMs(90, () => Number.NaN)).toBe(90_000);
    expect(jitteredGapMs(90, () => -5)).toBe(72_000);
    expect(jitteredGapMs(90, () => 7)).toBe(108_000);
  });
});

describe("checkPace: each limit", () => {
  it("allows when under every limit and the gap has passed", () => {
    expect(checkPace(state())).toEqual({ ok: true });
    expect(checkPace(state({ nextAllowedAt: NOW }))).toEqual({ ok: true }); // the gap ends at now
    expect(checkPace(state({ nextAllowedAt: null, hourTimes: [], weekDays: [], used: 0 }))).toEqual({ ok: true });
  });

  it("DAILY_LIMIT at the limit, until the next local midnight", () => {
    const r = checkPace(state({ used: 20, weekDays: [{ localDate: "2026-12-05", used: 20 }] }));
    expect(r).toEqual({ ok: false, limit: "DAILY_LIMIT", nextAllowedAt: new Date("2026-12-05T23:00:00Z") });
    expect(checkPace(state({ used: 19, weekDays: [{ localDate: "2026-12-05", used: 19 }] }))).toEqual({ ok: true });
  });

  it("WEEKLY_LIMIT when the 7-day window is full, until the first day whose window is below the limit", () => {
    const full = [
      { localDate: "2026-11-29", used: 20 },
      { localDate: "2026-11-30", used: 20 },
      { localDate: "2026-12-01", used: 20 },
      { localDate: "2026-12-02", used: 20 },
      { localDate: "2026-12-03", used: 20 },
    ];
    const r = checkPace(state({ used: 0, weekDays: full }));
    // 6 Dec: the window 30 Nov–6 Dec holds 80 < 100.
    expect(r).toEqual({ ok: false, limit: "WEEKLY_LIMIT", nextAllowedAt: new Date("2026-12-05T23:00:00Z") });
    const heavy = [
      { localDate: "2026-12-01", used: 50 },
      { localDate: "2026-12-02", used: 50 },
    ];
    // Limit 60: 6 Dec (30 Nov–6 Dec) 100, 7 Dec 100, 8 Dec (2–8 Dec) 50 → the 8th.
    expect(checkPace(state({ used: 0, weeklyLimit: 60, weekDays: heavy }))).toEqual({ ok: false, limit: "WEEKLY_LIMIT", nextAllowedAt: new Date("2026-12-07T23:00:00Z") });
    // Days outside the window do not count.
    expect(checkPace(state({ used: 0, weekDays: [{ localDate: "2026-11-28", used: 100 }] }))).toEqual({ ok: true });
  });

  it("HOURLY_LIMIT at the ceiling, until the oldest removal that must leave the hour is an hour old", () => {
    const times = Array.from({ length: 12 }, (_, i) => ago((55 - i * 4) * MIN)); // 55, 51, … 11 min ago
    expect(checkPace(state({ hourTimes: times }))).toEqual({ ok: false, limit: "HOURLY_LIMIT", nextAllowedAt: new Date(ago(55 * MIN).getTime() + HOUR) });
    // 13 in the hour (a lowered ceiling): the 2nd oldest must leave too.
    const more = [...times, ago(5 * MIN)].reverse();
    expect(checkPace(state({ hourTimes: more }))).toEqual({ ok: false, limit: "HOURLY_LIMIT", nextAllowedAt: new Date(ago(51 * MIN).getTime() + HOUR) });
    // Exactly an hour old is outside the rolling hour.
    expect(checkPace(state({ hourTimes: [ago(HOUR), ...times.slice(1)] }))).toEqual({ ok: true });
    expect(hourCount([ago(HOUR), ago(HOUR - 1), ago(2 * HOUR)], NOW)).toBe(1);
  });

  it("PACE_WAIT until the gap's end", () => {
    const next = new Date(NOW.getTime() + 72_000);
    expect(checkPace(state({ nextAllowedAt: next }))).toEqual({ ok: false, limit: "PACE_WAIT", nextAllowedAt: next });
  });
});

describe("checkPace: combinations report the first limit and the latest wait", () => {
  const fullHour = Array.from({ length: 12 }, (_, i) => ago((50 - i) * MIN)); // the oldest leaves at 14:10 Berlin
  it("daily + pace → DAILY_LIMIT until midnight", () => {
    const r = checkPace(state({ used: 20, nextAllowedAt: new Date(NOW.getTime() + 60_000) }));
    expect(r).toEqual({ ok: false, limit: "DAILY_LIMIT", nextAllowedAt: new Date("2026-12-05T23:00:00Z") });
  });

  it("hourly + a later gap → HOURLY_LIMIT, but allowed only once the gap has passed too", () => {
    const gapEnd = new Date(NOW.getTime() + 20 * MIN);
    expect(checkPace(state({ hourTimes: fullHour, nextAllowedAt: gapEnd }))).toEqual({ ok: false, limit: "HOURLY_LIMIT", nextAllowedAt: gapEnd });
    const shortGap = new Date(NOW.getTime() + MIN);
    expect(checkPace(state({ hourTimes: fullHour, nextAllowedAt: shortGap }))).toEqual({ ok: false, limit: "HOURLY_LIMIT", nextAllowedAt: new Date(ago(50 * MIN).getTime() + HOUR) });
  });

  it("daily + weekly → DAILY_LIMIT, pushed to the day the weekly window reopens", () => {
    const weekDays = [
      { localDate: "2026-12-04", used: 50 },
      { localDate: "2026-12-05", used: 20 },
    ];
    const r = checkPace(state({ used: 20, weeklyLimit: 60, weekDays }));
    // The windows of 6–10 Dec still hold the 4th's 50 + the 5th's 20 = 70; the 11th's (5–11 Dec) holds 20.
    expect(r).toEqual({ ok: false, limit: "DAILY_LIMIT", nextAllowedAt: new Date("2026-12-10T23:00:00Z") });
  });

  it("every limit at once → DAILY_LIMIT with the latest of them", () => {
    const r = checkPace(state({ used: 20, weeklyLimit: 20, weekDays: [{ localDate: "2026-12-05", used: 20 }], hourTimes: fullHour, nextAllowedAt: new Date(NOW.getTime() + MIN) }));
    expect(r).toEqual({ ok: false, limit: "DAILY_LIMIT", nextAllowedAt: new Date("2026-12-11T23:00:00Z") });
  });

  it("after waiting until nextAllowedAt, nothing blocks any more", () => {
    const s = state({ hourTimes: fullHour, nextAllowedAt: new Date(NOW.getTime() + 20 * MIN), used: 19 });
    const r = checkPace(s);
    if (r.ok) throw new Error("expected a refusal");
    expect(checkPace({ ...s, now: r.nextAllowedAt })).toEqual({ ok: true });
  });

  it("resets across a DST change: the weekly window reopens at the local midnight (Berlin, 25-hour day)", () => {
    const now = new Date("2026-10-24T12:00:00Z");
    const r = checkPace(state({ now, timeZone: BERLIN, used: 0, nextAllowedAt: null, hourTimes: [], weeklyLimit: 10, weekDays: [{ localDate: "2026-10-18", used: 10 }] }));
    // The window of 25 Oct (19–25 Oct) is empty; 25 Oct starts at 22:00 UTC on the 24th (CEST).
    expect(r).toEqual({ ok: false, limit: "WEEKLY_LIMIT", nextAllowedAt: new Date("2026-10-24T22:00:00Z") });
    expect(weekSum([{ localDate: "2026-10-18", used: 10 }], "2026-10-24")).toBe(10);
    expect(weekSum([{ localDate: "2026-10-18", used: 10 }], "2026-10-25")).toBe(0);
  });
});

describe("refusal messages", () => {
  it("PACE_WAIT says how long and why", () => {
    expect(refusalMessage("PACE_WAIT", new Date(NOW.getTime() + 72_000), NOW, BERLIN, { gapSeconds: 90 })).toBe(
      "Wait 1 min 12 s before the next removal: removals are spaced about 90 s apart so LinkedIn sees a human pace.",
    );
    expect(formatWait(45_000)).toBe("45 s");
    expect(formatWait(120_000)).toBe("2 min");
    expect(formatWait(400)).toBe("1 s");
    expect(formatWait(3_660_000)).toBe("1 h 1 min");
  });

  it("HOURLY_LIMIT names the ceiling and the local time", () => {
    expect(refusalMessage("HOURLY_LIMIT", new Date("2026-12-05T13:05:00Z"), NOW, BERLIN, { hourlyLimit: 12 })).toBe(
      "That's 12 removals this hour, the hourly ceiling. The next one is allowed at 14:05.",
    );
    // Past midnight: name the day.
    expect(refusalMessage("HOURLY_LIMIT", new Date("2026-12-05T23:10:00Z"), new Date("2026-12-05T22:30:00Z"), BERLIN, { hourlyLimit: 12 })).toBe(
      "That's 12 removals this hour, the hourly ceiling. The next one is allowed on Sun 6 Dec at 00:10.",
    );
  });

  it("DAILY_LIMIT says come back tomorrow and the reset time in the account's zone", () => {
    expect(refusalMessage("DAILY_LIMIT", new Date("2026-12-05T23:00:00Z"), NOW, BERLIN, { limit: 20 })).toBe(
      "That's today's safe limit (20); come back tomorrow. It resets at 00:00 (Europe/Berlin).",
    );
    expect(refusalMessage("DAILY_LIMIT", new Date("2026-12-05T18:30:00Z"), NOW, "Asia/Kolkata", { limit: 10 })).toBe(
      "That's today's safe limit (10); come back tomorrow. It resets at 00:00 (Asia/Kolkata).",
    );
    // Held past tomorrow by the weekly ceiling.
    expect(refusalMessage("DAILY_LIMIT", new Date("2026-12-07T23:00:00Z"), NOW, BERLIN, { limit: 20 })).toBe(
      "That's today's safe limit (20). The next one is allowed on Tue 8 Dec at 00:00 (Europe/Berlin).",
    );
  });

  it("WEEKLY_LIMIT names the ceiling and the day", () => {
    expect(refusalMessage("WEEKLY_LIMIT", new Date("2026-12-07T23:00:00Z"), NOW, BERLIN, { weeklyLimit: 100 })).toBe(
      "That's 100 removals in 7 days, the weekly ceiling. The next one is allowed on Tue 8 Dec at 00:00.",
    );
  });

  it("paceRefusal puts the figures of the state into the message", () => {
    const r = paceRefusal({ ...state({ used: 20 }), gapSeconds: 90 });
    expect(r).toEqual({ limit: "DAILY_LIMIT", nextAllowedAt: new Date("2026-12-05T23:00:00Z"), message: "That's today's safe limit (20); come back tomorrow. It resets at 00:00 (Europe/Berlin)." });
    expect(paceRefusal({ ...state(), gapSeconds: 90 })).toBeNull();
  });
});
