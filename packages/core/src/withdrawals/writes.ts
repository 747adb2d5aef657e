import { Prisma, type TRawTx } from "@crm/db";
import { json, type TLastChange } from "../review/review-write";
import { ts } from "../removals/lock-budget";
import type { TTeamContext } from "../teams/membership";
import type { TWithdrawEnum } from "./state";

// One statement per outcome, like removals/outcome-writes.ts: every part hangs off the
// conditional ones (the day's withdrawUsed below the limit, the item still approved), so a failed
// condition writes nothing there and the caller rolls back by throwing.

export type TWithdrawWriteArgs = {
  ctx: TTeamContext;
  outcomeId: string;
  itemId: string;
  accountId: string;
  invitationId: string;
  localDate: string;
  now: Date;
  lastChange: TLastChange;
  audit: Record<string, unknown>;
};

/** RemovalDay.withdrawUsed + 1 only while below `limit`; then the outcome, the gap, the item (DONE, executed) and the invitation's withdrawnAt. */
export async function writeWithdrawn(
  tx: TRawTx,
  a: TWithdrawWriteArgs & { limit: number; prevNextAllowedAt: Date | null; nextAllowedAt: Date },
): Promise<{ used: number | null; item: boolean }> {
  const { ctx, now } = a;
  const [r] = await tx.$queryRaw<Array<{ used: number | null; item: boolean }>>`
    WITH d AS (
      INSERT INTO "RemovalDay" AS d ("teamId", "accountId", "localDate", used, "withdrawUsed", "createdAt", "updatedAt")
      VALUES (${ctx.teamId}, ${a.accountId}, ${a.localDate}::date, 0, 1, ${ts(now)}, ${ts(now)})
      ON CONFLICT ("teamId", "accountId", "localDate") DO UPDATE SET "withdrawUsed" = d."withdrawUsed" + 1, "updatedAt" = EXCLUDED."updatedAt"
       WHERE d."withdrawUsed" < ${a.limit}::int
      RETURNING d."withdrawUsed" AS used
    ), it AS (
      UPDATE "ReviewItem"
         SET state = 'DONE', "executedAt" = ${ts(now)}, "retryNote" = NULL, "claimedById" = NULL, "claimExpiresAt" = NULL,
             "lastChange" = ${json(a.lastChange)}::jsonb, version = version + 1, "updatedAt" = ${ts(now)}
       WHERE id = ${a.itemId} AND "teamId" = ${ctx.teamId} AND state = 'APPROVED' AND "executedAt" IS NULL AND EXISTS (SELECT 1 FROM d)
      RETURNING id
    ), o AS (
      INSERT INTO "WithdrawalOutcome" (id, "teamId", "accountId", "itemId", "invitationId", outcome, "localDate", counted, "liveFor", "prevNextAllowedAt", "recordedById", "createdAt")
      SELECT ${a.outcomeId}, ${ctx.teamId}, ${a.accountId}, it.id, ${a.invitationId}, 'WITHDRAWN', ${a.localDate}::date, true, it.id, ${ts(a.prevNextAllowedAt)}, ${ctx.userId}, ${ts(now)}
        FROM it
    ), b AS (
      UPDATE "RemovalBudget" SET "withdrawNextAllowedAt" = ${ts(a.nextAllowedAt)}, "withdrawLastAt" = ${ts(now)}, "updatedAt" = ${ts(now)}
       WHERE "accountId" = ${a.accountId} AND "teamId" = ${ctx.teamId} AND EXISTS (SELECT 1 FROM it)
    ), p AS (
      UPDATE "PendingInvitation" SET "withdrawnAt" = ${ts(now)}
       WHERE id = ${a.invitationId} AND "teamId" = ${ctx.teamId} AND EXISTS (SELECT 1 FROM it)
    ), au AS (${auditSql(a, "WITHDRAWN")})
    SELECT (SELECT used FROM d) AS used, EXISTS (SELECT 1 FROM it) AS item`;
  return r ?? { used: null, item: false };
}

/** "They accepted": free; the item is done (the decision stays), closedReason "accepted". */
export async function writeAccepted(tx: TRawTx, a: TWithdrawWriteArgs): Promise<boolean> {
  const { ctx, now } = a;
  const [r] = await tx.$queryRaw<Array<{ item: boolean }>>`
    WITH it AS (
      UPDATE "ReviewItem"
         SET state = 'DONE', "closedReason" = 'accepted', "closedAt" = ${ts(now)}, "claimedById" = NULL, "claimExpiresAt" = NULL,
             "lastChange" = ${json(a.lastChange)}::jsonb, version = version + 1, "updatedAt" = ${ts(now)}
       WHERE id = ${a.itemId} AND "teamId" = ${ctx.teamId} AND state = 'APPROVED' AND "executedAt" IS NULL
      RETURNING id
    ), o AS (${outcomeSql(a, "ACCEPTED")}), au AS (${auditSql(a, "ACCEPTED")})
    SELECT EXISTS (SELECT 1 FROM it) AS item`;
  return r?.item === true;
}

/** "Keep waiting": free; a Keep decision with keepUntil as the queue's Keep. */
export async function writeKeptWaiting(tx: TRawTx, a: TWithdrawWriteArgs & { keepMonths: number }): Promise<boolean> {
  const { ctx, now } = a;
  const [r] = await tx.$queryRaw<Array<{ item: boolean }>>`
    WITH it AS (
      UPDATE "ReviewItem"
         SET state = 'DONE', decision = 'KEEP', "decisionReason" = 'Kept waiting (withdrawal session)', "decidedById" = ${ctx.userId},
             "decidedAt" = ${ts(now)}, "keepUntil" = ${ts(now)} + make_interval(months => ${a.keepMonths}::int),
             "claimedById" = NULL, "claimExpiresAt" = NULL,
             "lastChange" = ${json(a.lastChange)}::jsonb, version = version + 1, "updatedAt" = ${ts(now)}
       WHERE id = ${a.itemId} AND "teamId" = ${ctx.teamId} AND state = 'APPROVED' AND "executedAt" IS NULL
      RETURNING id
    ), o AS (${outcomeSql(a, "KEPT")}), au AS (${auditSql(a, "KEPT")})
    SELECT EXISTS (SELECT 1 FROM it) AS item`;
  return r?.item === true;
}

/** A live outcome the item has moved past (verified against an archive and sent back): no longer live. */
export async function supersedeWithdrawal(tx: TRawTx, teamId: string, outcomeId: string, now: Date): Promise<void> {
  await tx.$executeRaw`
    UPDATE "WithdrawalOutcome" SET "supersededAt" = ${ts(now)}, "liveFor" = NULL
     WHERE id = ${outcomeId} AND "teamId" = ${teamId} AND "liveFor" IS NOT NULL`;
}

function outcomeSql(a: TWithdrawWriteArgs, outcome: TWithdrawEnum) {
  return Prisma.sql`
      INSERT INTO "WithdrawalOutcome" (id, "teamId", "accountId", "itemId", "invitationId", outcome, "localDate", counted, "liveFor", "recordedById", "createdAt")
      SELECT ${a.outcomeId}, ${a.ctx.teamId}, ${a.accountId}, it.id, ${a.invitationId}, ${outcome}::"WithdrawalOutcomeKind", ${a.localDate}::date, false, it.id, ${a.ctx.userId}, ${ts(a.now)}
        FROM it`;
}

function auditSql(a: TWithdrawWriteArgs, outcome: TWithdrawEnum) {
  const metadata = { ...a.audit, outcome: outcome.toLowerCase(), outcomeId: a.outcomeId, itemId: a.itemId, invitationId: a.invitationId, localDate: a.localDate };
  return Prisma.sql`
      INSERT INTO "AuditLog" (id, "teamId", "actorUserId", action, "targetType", "targetId", metadata, "createdAt")
      SELECT gen_random_uuid()::text, ${a.ctx.teamId}, ${a.ctx.userId}, 'withdrawal.outcome', 'review_item', it.id, ${json(metadata)}::jsonb, ${ts(a.now)}
        FROM it`;
}
