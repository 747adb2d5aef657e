// The withdrawal allowance's numbers (docs/decisions/0013): 30 a day by default, never above 60,
// 45 s apart (± 20 % jitter, never below 30 s: removals' jitteredGapMs), 20 an hour, 5 × the daily
// limit in 7 days. Pure; the pacing decision itself is the removals' checkPace.

export const WITHDRAW_DEFAULT_DAILY = 30;
export const WITHDRAW_HARD_CAP = 60;
export const WITHDRAW_WARN_ABOVE = 30;
export const WITHDRAW_GAP_SECONDS = 45;
export const WITHDRAW_HOURLY_LIMIT = 20;
export const WITHDRAW_WEEKLY_FACTOR = 5;

/** Refusal sentences name withdrawals, not removals. */
export const WITHDRAW_NOUN = { one: "withdrawal", many: "withdrawals" };

export const WITHDRAW_RISK_WARNING =
  "More than 30 withdrawals a day is above what LinkedIn users report as safe: withdrawing in bulk is a pattern LinkedIn watches. Spread withdrawals over several days instead.";

/** The limits in force from the stored daily limit (null = 30); clamped even if a row says otherwise. */
export function withdrawalLimits(stored: number | null): { dailyLimit: number; gapSeconds: number; hourlyLimit: number; weeklyLimit: number } {
  const raw = stored ?? WITHDRAW_DEFAULT_DAILY;
  const dailyLimit = Math.min(WITHDRAW_HARD_CAP, Math.max(1, Math.round(Number.isFinite(raw) ? raw : WITHDRAW_DEFAULT_DAILY)));
  return { dailyLimit, gapSeconds: WITHDRAW_GAP_SECONDS, hourlyLimit: WITHDRAW_HOURLY_LIMIT, weeklyLimit: WITHDRAW_WEEKLY_FACTOR * dailyLimit };
}

export function withdrawRiskWarning(dailyLimit: number): string | null {
  return dailyLimit > WITHDRAW_WARN_ABOVE ? WITHDRAW_RISK_WARNING : null;
}
