import { localDay, weekWindow } from "../removals/local-day";
import { hourCount, paceRefusal, weekSum, type TPaceState, type TRefusalFigures } from "../removals/policy";
import type { TRemovalBudget } from "../removals/types";

// The pacing arithmetic both guided sessions share (removals and invitation withdrawals): each
// reads its own inputs in one statement (removals/budget.ts, withdrawals/budget.ts), then turns
// them into the policy's state and the budget routes show the same way. Only the noun of the
// refusal sentence differs, so it is the one parameter.

/** What the policy needs of an account's inputs at `now`; both TPaceInputs and TWithdrawInputs fit. */
export type TPaceCore = {
  account: { id: string; timeZone: string };
  limits: { dailyLimit: number; gapSeconds: number; hourlyLimit: number; weeklyLimit: number };
  localDate: string;
  resetsAt: Date;
  /** Counted today in the account's zone. */
  used: number;
  /** The rolling window's days (today and the 6 before). */
  weekDays: Array<{ localDate: string; used: number }>;
  /** Counted actions in the last hour, oldest first. */
  hourTimes: Date[];
  /** The gap's end after the last counted action (may be in the past). */
  nextAllowedAt: Date | null;
};

/** The policy's view of the inputs at `now` (checkPace / paceRefusal take it as is). */
export function paceStateOf(p: TPaceCore, now: Date): TPaceState & { gapSeconds: number } {
  return {
    now,
    limit: p.limits.dailyLimit,
    used: p.used,
    hourlyLimit: p.limits.hourlyLimit,
    hourTimes: p.hourTimes,
    weeklyLimit: p.limits.weeklyLimit,
    weekDays: p.weekDays,
    nextAllowedAt: p.nextAllowedAt,
    resetsAt: p.resetsAt,
    timeZone: p.account.timeZone,
    gapSeconds: p.limits.gapSeconds,
  };
}

/** The budget as routes show it, from inputs read at `now`; `noun` names the action in the refusal (default: removals). */
export function budgetOf(p: TPaceCore, now: Date, noun?: TRefusalFigures["noun"]): TRemovalBudget {
  const refusal = paceRefusal(paceStateOf(p, now), noun);
  const weekUsed = weekSum(p.weekDays, p.localDate);
  const remaining = Math.max(0, Math.min(p.limits.dailyLimit - p.used, p.limits.weeklyLimit - weekUsed));
  return {
    accountId: p.account.id,
    limit: p.limits.dailyLimit,
    used: p.used,
    remaining,
    hourUsed: hourCount(p.hourTimes, now),
    hourlyLimit: p.limits.hourlyLimit,
    weekUsed,
    weeklyLimit: p.limits.weeklyLimit,
    gapSeconds: p.limits.gapSeconds,
    nextAllowedAt: refusal ? refusal.nextAllowedAt.toISOString() : null,
    blockedBy: refusal ? refusal.limit : null,
    resetsAt: p.resetsAt.toISOString(),
    timeZone: p.account.timeZone,
    localDate: p.localDate,
  };
}

/**
 * Today and the rolling week from the RemovalDay rows a budget statement read (json_agg: dates may
 * come back as strings with a time part, counts as strings). The statement fetches every date `now`
 * can be in any zone, so the account's local date is picked here.
 */
export function localCounts(rows: Array<{ localDate: string; used: number }> | null, now: Date, timeZone: string) {
  const { localDate, resetsAt } = localDay(now, timeZone);
  const { from } = weekWindow(localDate);
  const days = (rows ?? []).map((d) => ({ localDate: String(d.localDate).slice(0, 10), used: Number(d.used) }));
  return {
    localDate,
    resetsAt,
    used: days.find((d) => d.localDate === localDate)?.used ?? 0,
    weekDays: days.filter((d) => d.localDate >= from && d.localDate <= localDate),
  };
}
