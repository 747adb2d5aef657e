// Pure removal policy (docs/decisions/0010): tiers, the owner's bounds, pacing with jitter, and
// the decision whether a confirmation is allowed now. No I/O; unit-tested.
import { format } from "date-fns";
import { tz } from "@date-fns/tz";
import { addLocalDays, localDateOf, startOfLocalDay, weekWindow } from "./local-day";
import type { TLimitCode, TTier } from "./types";

export const HARD_CAP = 50;
export const WARN_ABOVE = 30;
export const MIN_GAP_SECONDS = 30;
export const MAX_GAP_SECONDS = 3600;
export const DEFAULT_GAP_SECONDS = 90;
export const GAP_JITTER = 0.2;
export const DEFAULT_HOURLY_LIMIT = 12;
export const MAX_HOURLY_LIMIT = 50;
export const WEEKLY_FACTOR = 5;
export const MAX_WEEKLY_LIMIT = 350;
export const UNDO_WINDOW_MS = 10 * 60_000;
const HOUR_MS = 3_600_000;

/** Community consensus: ~10 a day for new or small networks, 20 for established, 25 for large. */
const TIERS: Record<TTier, number> = { new: 10, small: 10, established: 20, large: 25 };

/** The tier and its default daily limit from the account's size and age. */
export function tierOf(input: { connectionCount: number; isNew: boolean }): { tier: TTier; defaultDailyLimit: number } {
  const tier: TTier = input.isNew ? "new" : input.connectionCount < 500 ? "small" : input.connectionCount <= 2000 ? "established" : "large";
  return { tier, defaultDailyLimit: TIERS[tier] };
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(n)));

/** The limits in force from the stored overrides (null = default). */
export function effectiveLimits(
  stored: { dailyLimit: number | null; gapSeconds: number; hourlyLimit: number; weeklyLimit: number | null },
  defaultDailyLimit: number,
): { dailyLimit: number; gapSeconds: number; hourlyLimit: number; weeklyLimit: number } {
  // Clamped again here although the DB checks the same bounds: nobody exceeds the hard cap, even
  // through a row written by hand.
  const dailyLimit = clamp(stored.dailyLimit ?? defaultDailyLimit, 1, HARD_CAP);
  return {
    dailyLimit,
    gapSeconds: clamp(stored.gapSeconds, MIN_GAP_SECONDS, MAX_GAP_SECONDS),
    hourlyLimit: clamp(stored.hourlyLimit, 1, MAX_HOURLY_LIMIT),
    weeklyLimit: clamp(stored.weeklyLimit ?? WEEKLY_FACTOR * dailyLimit, 1, MAX_WEEKLY_LIMIT),
  };
}

/** The gap after a confirmed removal: gapSeconds ± 20 %, never below 30 s; `random` in [0, 1). */
export function jitteredGapMs(gapSeconds: number, random: () => number): number {
  const r = random();
  // A broken source of randomness must not shorten the gap below its bounds.
  const u = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0.5;
  const ms = Math.round(gapSeconds * 1000 * (1 + (u * 2 - 1) * GAP_JITTER));
  return Math.max(MIN_GAP_SECONDS * 1000, ms);
}

export const RISK_WARNING =
  "More than 30 removals a day is above what LinkedIn users report as safe, and accounts that remove more than 50 a day get restricted. Spread removals over several days instead.";

/** The warning shown (and required to be acknowledged) for a daily limit above 30; null otherwise. */
export function riskWarning(dailyLimit: number): string | null {
  return dailyLimit > WARN_ABOVE ? RISK_WARNING : null;
}

export type TPaceState = {
  now: Date;
  limit: number;
  used: number;
  hourlyLimit: number;
  /** Times of the counted removals in the last hour, any order. */
  hourTimes: Date[];
  weeklyLimit: number;
  /** Counted removals per local day in the rolling window (today and the 6 days before), any order. */
  weekDays: Array<{ localDate: string; used: number }>;
  /** The gap's end after the last counted removal. */
  nextAllowedAt: Date | null;
  /** Start of the account's next local day. */
  resetsAt: Date;
  timeZone: string;
};

/** Removals in the rolling window ending on `localDate` (days outside it are ignored). */
export function weekSum(weekDays: TPaceState["weekDays"], localDate: string): number {
  const { from, to } = weekWindow(localDate);
  return weekDays.reduce((n, d) => (d.localDate >= from && d.localDate <= to ? n + d.used : n), 0);
}

/** Counted removals in the rolling hour before `now`. */
export function hourCount(hourTimes: Date[], now: Date): number {
  const since = now.getTime() - HOUR_MS;
  return hourTimes.reduce((n, t) => (t.getTime() > since ? n + 1 : n), 0);
}

/** The start of the first local day after today whose rolling window is below the weekly limit. */
function weeklyReopensAt(s: TPaceState, today: string): Date {
  for (let k = 1; k <= 7; k++) {
    const day = addLocalDays(today, k);
    if (weekSum(s.weekDays, day) < s.weeklyLimit) return startOfLocalDay(day, s.timeZone);
  }
  return startOfLocalDay(addLocalDays(today, 7), s.timeZone); // unreachable: an empty window sums to 0
}

/**
 * Whether a "Removed" is allowed at `now`; when not, the first limit that stops it (daily, then
 * weekly, hourly, pace) and the earliest time every limit allows the next one.
 */
export function checkPace(s: TPaceState): { ok: true } | { ok: false; limit: TLimitCode; nextAllowedAt: Date } {
  const today = localDateOf(s.now, s.timeZone);
  const blocks: Array<{ limit: TLimitCode; until: Date }> = [];
  if (s.used >= s.limit) blocks.push({ limit: "DAILY_LIMIT", until: s.resetsAt });
  if (weekSum(s.weekDays, today) >= s.weeklyLimit) blocks.push({ limit: "WEEKLY_LIMIT", until: weeklyReopensAt(s, today) });
  const since = s.now.getTime() - HOUR_MS;
  const inHour = s.hourTimes.filter((t) => t.getTime() > since).sort((a, b) => a.getTime() - b.getTime());
  if (inHour.length >= s.hourlyLimit) {
    // Once this one leaves the hour, the count is one below the ceiling.
    const leaving = inHour[inHour.length - s.hourlyLimit]!;
    blocks.push({ limit: "HOURLY_LIMIT", until: new Date(leaving.getTime() + HOUR_MS) });
  }
  if (s.nextAllowedAt && s.now < s.nextAllowedAt) blocks.push({ limit: "PACE_WAIT", until: s.nextAllowedAt });
  if (!blocks.length) return { ok: true };
  // One wait must suffice: none of the limits gets stricter while nothing is recorded.
  const until = blocks.reduce((m, b) => (b.until > m ? b.until : m), blocks[0]!.until);
  return { ok: false, limit: blocks[0]!.limit, nextAllowedAt: until };
}

/** "1 min 12 s", "45 s", "1 h 2 min". */
export function formatWait(ms: number): string {
  const total = Math.max(1, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [h ? `${h} h` : "", m ? `${m} min` : "", s && !h ? `${s} s` : ""].filter(Boolean);
  return parts.join(" ") || "1 s";
}

/** "14:05" when `at` is today in the zone, else "on Tue 8 Dec at 00:00". */
function when(at: Date, now: Date, timeZone: string): string {
  const inZone = { in: tz(timeZone) };
  const time = format(at, "HH:mm", inZone);
  return localDateOf(at, timeZone) === localDateOf(now, timeZone) ? `at ${time}` : `on ${format(at, "EEE d MMM", inZone)} at ${time}`;
}

/** The numbers a refusal names when the caller knows them. */
export type TRefusalFigures = {
  limit?: number;
  hourlyLimit?: number;
  weeklyLimit?: number;
  gapSeconds?: number;
  /** What is paced ("withdrawal"/"withdrawals" for invitation withdrawals); removals by default. */
  noun?: { one: string; many: string };
};

/** The user's sentence for a refusal ("Wait 1 min 12 s: removals are spaced at least 90 s apart."). */
export function refusalMessage(limit: TLimitCode, nextAllowedAt: Date, now: Date, timeZone: string, figures: TRefusalFigures = {}): string {
  const { one, many } = figures.noun ?? { one: "removal", many: "removals" };
  switch (limit) {
    case "PACE_WAIT": {
      const spacing = figures.gapSeconds ? `about ${figures.gapSeconds} s apart` : "a little apart";
      return `Wait ${formatWait(nextAllowedAt.getTime() - now.getTime())} before the next ${one}: ${many} are spaced ${spacing} so LinkedIn sees a human pace.`;
    }
    case "HOURLY_LIMIT": {
      const that = figures.hourlyLimit ? `That's ${figures.hourlyLimit} ${many} this hour, the hourly ceiling.` : "That's the hourly ceiling.";
      return `${that} The next one is allowed ${when(nextAllowedAt, now, timeZone)}.`;
    }
    case "DAILY_LIMIT": {
      const that = figures.limit ? `That's today's safe limit (${figures.limit})` : "That's today's safe limit";
      const tomorrow = addLocalDays(localDateOf(now, timeZone), 1);
      // The weekly ceiling can hold it past tomorrow's start: then name the day.
      if (localDateOf(nextAllowedAt, timeZone) === tomorrow) {
        return `${that}; come back tomorrow. It resets at ${format(nextAllowedAt, "HH:mm", { in: tz(timeZone) })} (${timeZone}).`;
      }
      return `${that}. The next one is allowed ${when(nextAllowedAt, now, timeZone)} (${timeZone}).`;
    }
    case "WEEKLY_LIMIT": {
      const that = figures.weeklyLimit ? `That's ${figures.weeklyLimit} ${many} in 7 days, the weekly ceiling.` : "That's the weekly ceiling.";
      return `${that} The next one is allowed ${when(nextAllowedAt, now, timeZone)}.`;
    }
  }
}

/** checkPace plus the message, for services that refuse (BudgetRefusedError) or show why it waits. */
export function paceRefusal(
  s: TPaceState & { gapSeconds: number },
  noun?: TRefusalFigures["noun"],
): null | { limit: TLimitCode; nextAllowedAt: Date; message: string } {
  const r = checkPace(s);
  if (r.ok) return null;
  const message = refusalMessage(r.limit, r.nextAllowedAt, s.now, s.timeZone, {
    limit: s.limit,
    hourlyLimit: s.hourlyLimit,
    weeklyLimit: s.weeklyLimit,
    gapSeconds: s.gapSeconds,
    noun,
  });
  return { limit: r.limit, nextAllowedAt: r.nextAllowedAt, message };
}
