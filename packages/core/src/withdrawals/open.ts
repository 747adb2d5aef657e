import type { TRawTx } from "@crm/db";
import { notFound } from "../errors";
import { finishOpen, type TOpened } from "../removals/lock-budget";
import type { TTeamContext } from "../teams/membership";

// The account a withdrawal is recorded or undone on, locking its RemovalBudget row (the account's
// one lock, shared with removals) in the same round trip when the caller owns the account and
// the row exists. An unknown item, another team's, or one that is not a withdrawal: NOT_FOUND;
// someone else's account: FORBIDDEN (removals/lock-budget.ts finishOpen).

export async function openWithdrawalItem(tx: TRawTx, ctx: TTeamContext, itemId: string, now: Date): Promise<TOpened> {
  const [row] = await tx.$queryRaw<Array<TOpened & { kind: string }>>`
    SELECT i.kind::text AS kind, a.id AS "accountId", a.label AS "accountLabel", a."timeZone", a."ownerUserId", ou.name AS "ownerName",
           (SELECT b."accountId" FROM "RemovalBudget" b
             WHERE b."accountId" = a.id AND b."teamId" = a."teamId" AND a."ownerUserId" = ${ctx.userId} AND i.kind::text = 'WITHDRAW_INVITATION'
               FOR UPDATE) AS locked
      FROM "ReviewItem" i
      JOIN "LinkedInAccount" a ON a.id = i."accountId" AND a."teamId" = i."teamId"
      LEFT JOIN "User" ou ON ou.id = a."ownerUserId"
     WHERE i."teamId" = ${ctx.teamId} AND i.id = ${itemId}`;
  if (!row || row.kind !== "WITHDRAW_INVITATION") throw notFound("This invitation withdrawal");
  return finishOpen(tx, ctx, row, now);
}

export async function openWithdrawalOutcome(tx: TRawTx, ctx: TTeamContext, outcomeId: string, now: Date): Promise<TOpened> {
  const [row] = await tx.$queryRaw<TOpened[]>`
    SELECT a.id AS "accountId", a.label AS "accountLabel", a."timeZone", a."ownerUserId", ou.name AS "ownerName",
           (SELECT b."accountId" FROM "RemovalBudget" b
             WHERE b."accountId" = a.id AND b."teamId" = a."teamId" AND a."ownerUserId" = ${ctx.userId}
               FOR UPDATE) AS locked
      FROM "WithdrawalOutcome" o
      JOIN "LinkedInAccount" a ON a.id = o."accountId" AND a."teamId" = o."teamId"
      LEFT JOIN "User" ou ON ou.id = a."ownerUserId"
     WHERE o."teamId" = ${ctx.teamId} AND o.id = ${outcomeId}`;
  if (!row) throw notFound("This recorded withdrawal");
  return finishOpen(tx, ctx, row, now);
}
