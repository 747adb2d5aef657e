import type { TRawTx } from "@crm/db";
import { latestSlots } from "./member-zone-sql";
import type { TDigestUser } from "./types";

/**
 * The member's latest weekly slot at or before `at`, computed with the same SQL expressions as
 * crm_digests_due (the sweep), so the CLI and the sweep agree on the period to the week, DST
 * included: local wall time, ISO week of the local slot.
 */
export async function latestWeeklySlot(tx: TRawTx, teamId: string, userId: string, at: Date): Promise<TDigestUser> {
  const slot = (await latestSlots(tx, teamId, [{ userId, dueAt: at }], at, "weekly")).get(userId)!;
  return { userId, period: slot.period, dueAt: slot.dueAt };
}
