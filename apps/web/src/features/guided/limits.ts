import type { TLimitCode, TRemovalBudget } from "@crm/core";
import { timeIn, zoneName } from "../removals/format";

// The rules both guided lanes (removals, invitation withdrawals) read off one budget shape: what
// locks the next card and when the day is over. Pure, so both pages decide the same way.

export type TRefusal = { code: TLimitCode; message: string; nextAllowedAt: string };
export type TEnded = { reason: "DAILY_LIMIT" | "WEEKLY_LIMIT" | "EMPTY"; resetsAt: string; message: string };
export type TWait = { limit: TLimitCode; until: string; message: string | null };

export const isLimitCode = (c: string | null): c is TLimitCode => c === "PACE_WAIT" || c === "HOURLY_LIMIT" || c === "DAILY_LIMIT" || c === "WEEKLY_LIMIT";

/** What locks the next card: a 429 the server sent, else the budget's own block (the later wins). */
export function waitOf(b: TRemovalBudget, refusal: TRefusal | null, now: number): TWait | null {
  const own = b.nextAllowedAt && b.blockedBy ? { limit: b.blockedBy, until: b.nextAllowedAt, message: null } : null;
  const refused = refusal ? { limit: refusal.code, until: refusal.nextAllowedAt, message: refusal.message } : null;
  const w = own && refused ? (refused.until >= own.until ? refused : own) : (own ?? refused);
  return w && new Date(w.until).getTime() > now ? w : null;
}

/**
 * The server's end, or the daily limit reached by the budget an outcome just returned: the end
 * panel at once, not a wait panel for the moment until the session reloads. `limitText` names the
 * limit in the lane's words ("12", "12 withdrawals").
 */
export function endedOf(s: { ended: TEnded | null; budget: TRemovalBudget }, limitText: (limit: number) => string): TEnded | null {
  if (s.ended) return s.ended;
  const b = s.budget;
  if (b.used < b.limit) return null;
  return { reason: "DAILY_LIMIT", resetsAt: b.resetsAt, message: `That’s today’s safe limit (${limitText(b.limit)}); come back tomorrow. It resets at ${timeIn(b.resetsAt, b.timeZone)} (${zoneName(b.timeZone)}).` };
}
