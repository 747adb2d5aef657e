// Words of the withdrawals lane. Pure and client-safe (types only from @crm/core).

export const WITHDRAW_NOUN = { one: "withdrawal", many: "withdrawals" };

export const WITHDRAW_OUTCOME_LABELS: Record<string, string> = { withdrawn: "Withdrawn", accepted: "They accepted", kept: "Keep waiting" };

/** Votes on a withdraw item: Remove reads "Withdraw", Keep "Keep waiting" (docs/decisions/0013). */
export const WITHDRAW_VOTE_LABELS: Record<string, string> = { withdraw: "Withdraw", keep_waiting: "Keep waiting", snooze: "Snooze" };

/** "4 of 30 withdrawals today". */
export function withdrawalsTodayText(b: { used: number; limit: number }): string {
  return `${b.used.toLocaleString("en")} of ${b.limit.toLocaleString("en")} withdrawals today`;
}

/** "159 days", "1 day". */
export const ageText = (days: number) => `${days.toLocaleString("en")} ${days === 1 ? "day" : "days"}`;

export const laneHref = (slug: string, accountId: string, lane: "removals" | "withdrawals") =>
  `/t/${slug}/removals/${accountId}${lane === "withdrawals" ? "?lane=withdrawals" : ""}`;
