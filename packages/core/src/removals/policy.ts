// Pure removal policy (docs/decisions/0010): tiers, the owner's bounds, pacing with jitter, and
// the decision whether a confirmation is allowed now. No I/O; unit-tested.
import type { TLimitCode, TTier } from "./types";

export const HARD_CAP = 50;
export const WARN_ABOVE = 30;
export const MIN_GAP_SECONDS = 30;
export const MAX_GAP_SECONDS = 3600;
export const DEFAULT_GAP_SECONDS = 90;
export const GAP_JITTER = 0.2;
export const DEFAULT_HOURLY_LIMIT = 12;
export const WEEKLY_FACTOR = 5;
export const MAX_WEEKLY_LIMIT = 350;
export const UNDO_WINDOW_MS = 10 * 60_000;

/** The tier and its default daily limit from the account's size and age. */
export declare function tierOf(input: { connectionCount: number; isNew: boolean }): { tier: TTier; defaultDailyLimit: number };

/** The limits in force from the stored overrides (null = default). */
export declare function effectiveLimits(
  stored: { dailyLimit: number | null; gapSeconds: number; hourlyLimit: number; weeklyLimit: number | null },
  defaultDailyLimit: number,
): { dailyLimit: number; gapSeconds: number; hourlyLimit: number; weeklyLimit: number };

/** The gap after a confirmed removal: gapSeconds ± 20 %, never below 30 s; `random` in [0, 1). */
export declare function jitteredGapMs(gapSeconds: number, random: () => number): number;

/** The warning shown (and required to be acknowledged) for a daily limit above 30; null otherwise. */
export declare function riskWarning(dailyLimit: number): string | null;

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

/**
 * Whether a "Removed" is allowed at `now`; when not, the first limit that stops it (daily, then
 * weekly, hourly, pace) and the earliest time every limit allows the next one.
 */
export declare function checkPace(s: TPaceState): { ok: true } | { ok: false; limit: TLimitCode; nextAllowedAt: Date };

/** The user's sentence for a refusal ("Wait 1 min 12 s: removals are spaced at least 90 s apart."). */
export declare function refusalMessage(limit: TLimitCode, nextAllowedAt: Date, now: Date, timeZone: string): string;
