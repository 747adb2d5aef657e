import type { TRawTx } from "@crm/db";
import type { TGuidedItemState } from "../guided/types";
import type { TTeamContext } from "../teams/membership";

// The withdraw item as recordWithdrawal decides on it, read and locked right after the account's
// lock: its state, its invitation and its live outcome.

export type TWithdrawEnum = "WITHDRAWN" | "ACCEPTED" | "KEPT";

export type TWithdrawState = TGuidedItemState<TWithdrawEnum> & {
  invitationId: string;
  invitationName: string;
  /** PENDING, or ACCEPTED / GONE according to a later archive. */
  invitationStatus: string;
  invitationChangedAt: Date | null;
};

export async function readWithdrawState(tx: TRawTx, ctx: TTeamContext, itemId: string, accountId: string): Promise<TWithdrawState | null> {
  const [row] = await tx.$queryRaw<TWithdrawState[]>`
    SELECT i.state::text AS state, i.decision::text AS decision, du.name AS "decidedByName", i."decidedById", i."decidedAt", i."decisionReason",
           i."snoozedUntil", i."closedReason", i."closedAt", i."executedAt", i."lastChange",
           p.id AS "invitationId", p.name AS "invitationName", p.status::text AS "invitationStatus", p."statusChangedAt" AS "invitationChangedAt",
           qs.rules AS settings,
           coalesce((SELECT u.name FROM "User" u WHERE u.id = ${ctx.userId}), 'Someone') AS "actorName",
           lo.id AS "liveId", lo.outcome::text AS "liveOutcome", lo."createdAt" AS "liveAt", lo.counted AS "liveCounted"
      FROM "ReviewItem" i
      JOIN "PendingInvitation" p ON p.id = i."invitationId" AND p."teamId" = i."teamId"
      LEFT JOIN "QueueSettings" qs ON qs."teamId" = i."teamId"
      LEFT JOIN "User" du ON du.id = i."decidedById"
      LEFT JOIN "WithdrawalOutcome" lo ON lo."teamId" = i."teamId" AND lo."liveFor" = i.id
     WHERE i."teamId" = ${ctx.teamId} AND i.id = ${itemId} AND i."accountId" = ${accountId}
       FOR UPDATE OF i`;
  return row ?? null;
}
