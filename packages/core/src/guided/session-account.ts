import type { TTx } from "@crm/db";
import { notFound } from "../errors";
import { refusalMessage, type TRefusalFigures } from "../removals/policy";
import type { TRemovalBudget } from "../removals/types";

// The parts of a guided session page (removals, invitation withdrawals) that do not depend on what
// is being acted on: the account header and "the session is over for the day or the week".

export type TSessionAccount = { id: string; label: string; timeZone: string; ownerUserId: string; ownerName: string | null };

/** The account and its owner's name, inside the caller's team transaction (another team's: 404). */
export async function readSessionAccount(tx: TTx, teamId: string, accountId: string): Promise<TSessionAccount> {
  const [account] = await tx.$queryRaw<TSessionAccount[]>`
    SELECT a.id, a.label, a."timeZone", a."ownerUserId", (SELECT u.name FROM "User" u WHERE u.id = a."ownerUserId") AS "ownerName"
      FROM "LinkedInAccount" a WHERE a.id = ${accountId} AND a."teamId" = ${teamId}`;
  if (!account) throw notFound("This LinkedIn account");
  return account;
}

type TLimitEnded = { reason: "DAILY_LIMIT" | "WEEKLY_LIMIT"; resetsAt: string; message: string };

/**
 * The day's or the week's limit is reached: until when (the refusal's time when the budget names
 * that limit, else the local day's end) and the sentence, with `noun` naming the action. Null when
 * neither is reached; each session then decides whether it is empty.
 */
export function limitEnded(budget: TRemovalBudget, now: Date, noun?: TRefusalFigures["noun"]): TLimitEnded | null {
  const figures = { limit: budget.limit, weeklyLimit: budget.weeklyLimit, noun };
  const blockedUntil =
    budget.nextAllowedAt && (budget.blockedBy === "DAILY_LIMIT" || budget.blockedBy === "WEEKLY_LIMIT") ? new Date(budget.nextAllowedAt) : new Date(budget.resetsAt);
  if (budget.used >= budget.limit) {
    return { reason: "DAILY_LIMIT", resetsAt: blockedUntil.toISOString(), message: refusalMessage("DAILY_LIMIT", blockedUntil, now, budget.timeZone, figures) };
  }
  if (budget.weekUsed >= budget.weeklyLimit) {
    return { reason: "WEEKLY_LIMIT", resetsAt: blockedUntil.toISOString(), message: refusalMessage("WEEKLY_LIMIT", blockedUntil, now, budget.timeZone, figures) };
  }
  return null;
}

/** The account as the session page shows it (an owner who left the team: "Former member"). */
export function sessionAccountView(a: TSessionAccount) {
  return { id: a.id, label: a.label, timeZone: a.timeZone, owner: { id: a.ownerUserId, name: a.ownerName ?? "Former member" } };
}
