import { Prisma, type TRawTx } from "@crm/db";
import type { TTeamContext } from "../teams/membership";
import { json, type TLastChange } from "../review/review-write";
import { ts } from "./lock-budget";
import type { TOutcomeEnum } from "./outcome-input";

// One statement per outcome: the outcome row, the item's and the connection's new state, the
// audit row and (for "removed") the day's count and the gap. Every part hangs off the conditional
// ones (the day's count below the limit, the item still approved), so a failed condition writes
// nothing there and the caller rolls the rest back by throwing.

export type TWriteArgs = {
  ctx: TTeamContext;
  outcomeId: string;
  itemId: string;
  accountId: string;
  connectionId: string;
  localDate: string;
  now: Date;
  lastChange: TLastChange;
  /** Merged into the audit row's metadata. */
  audit: Record<string, unknown>;
};

/** RemovalDay.used + 1 only while below `limit`; then the outcome, the gap, the item (DONE) and the person (REMOVAL_PENDING). */
export async function writeRemoved(
  tx: TRawTx,
  a: TWriteArgs & { limit: number; prevNextAllowedAt: Date | null; nextAllowedAt: Date },
): Promise<{ used: number | null; item: boolean }> {
  const { ctx, now } = a;
  const [r] = await tx.$queryRaw<Array<{ used: number | null; item: boolean }>>`
    WITH d AS (
      INSERT INTO "RemovalDay" AS d ("teamId", "accountId", "localDate", used, "createdAt", "updatedAt")
      VALUES (${ctx.teamId}, ${a.accountId}, ${a.localDate}::date, 1, ${ts(now)}, ${ts(now)})
      ON CONFLICT ("teamId", "accountId", "localDate") DO UPDATE SET used = d.used + 1, "updatedAt" = EXCLUDED."updatedAt"
       WHERE d.used < ${a.limit}::int
      RETURNING d.used
    ), it AS (
      UPDATE "ReviewItem"
         SET state = 'DONE', "executedAt" = ${ts(now)}, "claimedById" = NULL, "claimExpiresAt" = NULL,
             "lastChange" = ${json(a.lastChange)}::jsonb, version = version + 1, "updatedAt" = ${ts(now)}
       WHERE id = ${a.itemId} AND "teamId" = ${ctx.teamId} AND state = 'APPROVED' AND "executedAt" IS NULL AND EXISTS (SELECT 1 FROM d)
      RETURNING id
    ), o AS (
      INSERT INTO "RemovalOutcome" (id, "teamId", "accountId", "itemId", "connectionId", outcome, "localDate", counted, "liveFor", "prevNextAllowedAt", "recordedById", "createdAt")
      SELECT ${a.outcomeId}, ${ctx.teamId}, ${a.accountId}, it.id, ${a.connectionId}, 'REMOVED', ${a.localDate}::date, true, it.id, ${ts(a.prevNextAllowedAt)}, ${ctx.userId}, ${ts(now)}
        FROM it
    ), b AS (
      UPDATE "RemovalBudget" SET "nextAllowedAt" = ${ts(a.nextAllowedAt)}, "lastRemovedAt" = ${ts(now)}, "updatedAt" = ${ts(now)}
       WHERE "accountId" = ${a.accountId} AND "teamId" = ${ctx.teamId} AND EXISTS (SELECT 1 FROM it)
    ), c AS (
      UPDATE "Connection" SET status = 'REMOVAL_PENDING', "updatedAt" = ${ts(now)}
       WHERE id = ${a.connectionId} AND "teamId" = ${ctx.teamId} AND status = 'CONNECTED' AND EXISTS (SELECT 1 FROM it)
    ), au AS (${auditSql(a, "REMOVED")})
    SELECT (SELECT used FROM d) AS used, EXISTS (SELECT 1 FROM it) AS item`;
  return r ?? { used: null, item: false };
}

/** "Couldn't find them": free; the item stays approved but leaves today's plan until a newer export. */
export async function writeNotFound(tx: TRawTx, a: TWriteArgs): Promise<boolean> {
  const { ctx, now } = a;
  const [r] = await tx.$queryRaw<Array<{ item: boolean }>>`
    WITH it AS (
      UPDATE "ReviewItem"
         SET "notFoundAt" = ${ts(now)}, "plannedOn" = NULL, "claimedById" = NULL, "claimExpiresAt" = NULL,
             "lastChange" = ${json(a.lastChange)}::jsonb, version = version + 1, "updatedAt" = ${ts(now)}
       WHERE id = ${a.itemId} AND "teamId" = ${ctx.teamId} AND state = 'APPROVED' AND "executedAt" IS NULL
      RETURNING id
    ), o AS (${outcomeSql(a, "NOT_FOUND")}), au AS (${auditSql(a, "NOT_FOUND")})
    SELECT EXISTS (SELECT 1 FROM it) AS item`;
  return r?.item === true;
}

/** "Keep after all": free; a Keep decision (keepUntil as the queue's Keep) made by the owner in the session. */
export async function writeKept(tx: TRawTx, a: TWriteArgs & { keepMonths: number }): Promise<boolean> {
  const { ctx, now } = a;
  const [r] = await tx.$queryRaw<Array<{ item: boolean }>>`
    WITH it AS (
      UPDATE "ReviewItem"
         SET state = 'DONE', decision = 'KEEP', "decisionReason" = 'Kept after all (removal session)', "decidedById" = ${ctx.userId},
             "decidedAt" = ${ts(now)}, "keepUntil" = ${ts(now)} + make_interval(months => ${a.keepMonths}::int),
             "plannedOn" = NULL, "claimedById" = NULL, "claimExpiresAt" = NULL,
             "lastChange" = ${json(a.lastChange)}::jsonb, version = version + 1, "updatedAt" = ${ts(now)}
       WHERE id = ${a.itemId} AND "teamId" = ${ctx.teamId} AND state = 'APPROVED' AND "executedAt" IS NULL
      RETURNING id
    ), o AS (${outcomeSql(a, "KEPT")}), au AS (${auditSql(a, "KEPT")})
    SELECT EXISTS (SELECT 1 FROM it) AS item`;
  return r?.item === true;
}

/**
 * A live outcome the item has moved past (a "Couldn't find them" before a newer export planned
 * them again, a "Keep after all" whose keep ran out and was approved again): superseded, so the
 * new outcome becomes the item's live one. Rare, hence its own statement.
 */
export async function supersedeOutcome(tx: TRawTx, teamId: string, outcomeId: string, now: Date): Promise<void> {
  await tx.$executeRaw`
    UPDATE "RemovalOutcome" SET "supersededAt" = ${ts(now)}, "liveFor" = NULL
     WHERE id = ${outcomeId} AND "teamId" = ${teamId} AND "liveFor" IS NOT NULL`;
}

/** The free outcomes' row (counted false), written only when the item changed (`it`). */
function outcomeSql(a: TWriteArgs, outcome: TOutcomeEnum) {
  return Prisma.sql`
      INSERT INTO "RemovalOutcome" (id, "teamId", "accountId", "itemId", "connectionId", outcome, "localDate", counted, "liveFor", "recordedById", "createdAt")
      SELECT ${a.outcomeId}, ${a.ctx.teamId}, ${a.accountId}, it.id, ${a.connectionId}, ${outcome}::"RemovalOutcomeKind", ${a.localDate}::date, false, it.id, ${a.ctx.userId}, ${ts(a.now)}
        FROM it`;
}

/** The item's history row ("removal.outcome"), written only when the item changed (`it`). */
function auditSql(a: TWriteArgs, outcome: TOutcomeEnum) {
  const metadata = { ...a.audit, outcome: outcome.toLowerCase(), outcomeId: a.outcomeId, itemId: a.itemId, connectionId: a.connectionId, localDate: a.localDate };
  return Prisma.sql`
      INSERT INTO "AuditLog" (id, "teamId", "actorUserId", action, "targetType", "targetId", metadata, "createdAt")
      SELECT gen_random_uuid()::text, ${a.ctx.teamId}, ${a.ctx.userId}, 'removal.outcome', 'review_item', it.id, ${json(metadata)}::jsonb, ${ts(a.now)}
        FROM it`;
}
