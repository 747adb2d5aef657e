import type { TRawTx } from "@crm/db";
import { json, type TLastChange } from "../review/review-write";
import type { TTeamContext } from "../teams/membership";
import { ts } from "./lock-budget";
import type { TOutcomeEnum } from "./outcome-input";

// The undo's read (after the account's lock) and its one write statement.

export type TUndoState = {
  outcome: TOutcomeEnum;
  accountId: string;
  itemId: string;
  connectionId: string;
  localDate: string;
  createdAt: Date;
  counted: boolean;
  liveFor: string | null;
  undoneAt: Date | null;
  prevNextAllowedAt: Date | null;
  lastRemovedAt: Date | null;
  /** The counted removal before this one (lastRemovedAt once this one is given back). */
  prevRemovedAt: Date | null;
  actorName: string;
  /** For a "Keep after all": the approval it replaced ({decisionReason, decidedById, decidedAt}). */
  keptBefore: { decisionReason?: string | null; decidedById?: string | null; decidedAt?: string | null } | null;
};

export async function readUndoState(tx: TRawTx, ctx: TTeamContext, outcomeId: string): Promise<TUndoState | null> {
  const [row] = await tx.$queryRaw<TUndoState[]>`
    SELECT o.outcome::text AS outcome, o."accountId", o."itemId", o."connectionId", o."localDate"::text AS "localDate", o."createdAt", o.counted,
           o."liveFor", o."undoneAt", o."prevNextAllowedAt", b."lastRemovedAt",
           (SELECT p."createdAt" FROM "RemovalOutcome" p
             WHERE p."teamId" = o."teamId" AND p."accountId" = o."accountId" AND p."createdAt" <= o."createdAt" AND p.id <> o.id AND counted
             ORDER BY p."createdAt" DESC LIMIT 1) AS "prevRemovedAt",
           coalesce((SELECT u.name FROM "User" u WHERE u.id = ${ctx.userId}), 'Someone') AS "actorName",
           CASE WHEN o.outcome = 'KEPT' THEN
             (SELECT al.metadata->'before' FROM "AuditLog" al
               WHERE al."teamId" = o."teamId" AND al."targetId" = o."itemId" AND al.action = 'removal.outcome' AND al.metadata->>'outcomeId' = o.id
               ORDER BY al."createdAt" DESC LIMIT 1)
           END AS "keptBefore"
      FROM "RemovalOutcome" o
      JOIN "RemovalBudget" b ON b."accountId" = o."accountId" AND b."teamId" = o."teamId"
     WHERE o."teamId" = ${ctx.teamId} AND o.id = ${outcomeId}
       FOR UPDATE OF o`;
  return row ?? null;
}

/**
 * One statement: the outcome undone (no longer live; uncounted when the budget comes back), the
 * day's count and the gap given back when they should be, the item an approved removal again
 * (back in today's plan unless LinkedIn saw the removal), the person connected again, and the item's history row. Each part hangs off
 * the outcome and the item changing, so a moved item changes nothing (the caller then throws).
 */
export async function writeUndo(
  tx: TRawTx,
  ctx: TTeamContext,
  s: TUndoState,
  a: { outcomeId: string; now: Date; today: string; budgetReturned: boolean; restorePace: boolean; lastChange: TLastChange; audit: Record<string, unknown> },
): Promise<{ outcome: boolean; item: boolean }> {
  const { now } = a;
  const kept = s.outcome === "KEPT";
  const before = s.keptBefore ?? {};
  const decidedAt = ts(before.decidedAt ? new Date(before.decidedAt) : null);
  const [r] = await tx.$queryRaw<Array<{ outcome: boolean; item: boolean }>>`
    WITH it AS (
      UPDATE "ReviewItem" i
         SET state = 'APPROVED', decision = 'REMOVE', "executedAt" = NULL, "notFoundAt" = NULL, "keepUntil" = NULL,
             "decisionReason" = CASE WHEN ${kept} THEN ${before.decisionReason ?? null}::text ELSE i."decisionReason" END,
             "decidedById" = CASE WHEN ${kept} THEN coalesce(${before.decidedById ?? null}::text, i."decidedById") ELSE i."decidedById" END,
             "decidedAt" = CASE WHEN ${kept} THEN coalesce(${decidedAt}, i."decidedAt") ELSE i."decidedAt" END,
             -- LinkedIn saw the removal (budget not returned): not back in today's session.
             "plannedOn" = CASE WHEN ${s.outcome}::text = 'REMOVED' AND NOT ${a.budgetReturned} THEN NULL ELSE ${a.today}::date END, "lastChange" = ${json(a.lastChange)}::jsonb, version = i.version + 1, "updatedAt" = ${ts(now)}
       WHERE i.id = ${s.itemId} AND i."teamId" = ${ctx.teamId}
         AND CASE ${s.outcome}::text
               WHEN 'REMOVED' THEN i.state = 'DONE' AND i."executedAt" IS NOT NULL
               WHEN 'NOT_FOUND' THEN i.state = 'APPROVED' AND i."executedAt" IS NULL
               ELSE i.state = 'DONE' AND i.decision = 'KEEP' AND i."executedAt" IS NULL END
      RETURNING i.id
    ), o AS (
      UPDATE "RemovalOutcome"
         SET "undoneAt" = ${ts(now)}, "liveFor" = NULL, counted = counted AND NOT ${a.budgetReturned}, "budgetReturned" = ${a.budgetReturned}
       WHERE id = ${a.outcomeId} AND "teamId" = ${ctx.teamId} AND "liveFor" IS NOT NULL AND EXISTS (SELECT 1 FROM it)
      RETURNING id
    ), d AS (
      UPDATE "RemovalDay" SET used = used - 1, "updatedAt" = ${ts(now)}
       WHERE "teamId" = ${ctx.teamId} AND "accountId" = ${s.accountId}
         AND "localDate" = ${s.localDate}::date AND used > 0 AND ${a.budgetReturned} AND EXISTS (SELECT 1 FROM o)
    ), b AS (
      UPDATE "RemovalBudget" SET "nextAllowedAt" = ${ts(s.prevNextAllowedAt)}, "lastRemovedAt" = ${ts(s.prevRemovedAt)}, "updatedAt" = ${ts(now)}
       WHERE "teamId" = ${ctx.teamId} AND "accountId" = ${s.accountId}
         AND ${a.restorePace} AND EXISTS (SELECT 1 FROM o)
    ), c AS (
      -- Back to CONNECTED only from the pending state this removal set: an export may have settled it since.
      UPDATE "Connection" SET status = 'CONNECTED', "updatedAt" = ${ts(now)}
       WHERE id = ${s.connectionId} AND "teamId" = ${ctx.teamId} AND status = 'REMOVAL_PENDING' AND ${s.outcome === "REMOVED"} AND EXISTS (SELECT 1 FROM o)
    ), au AS (
      INSERT INTO "AuditLog" (id, "teamId", "actorUserId", action, "targetType", "targetId", metadata, "createdAt")
      SELECT gen_random_uuid()::text, ${ctx.teamId}, ${ctx.userId}, 'removal.undo', 'review_item', it.id, ${json(a.audit)}::jsonb, ${ts(now)}
        FROM it WHERE EXISTS (SELECT 1 FROM o)
    )
    SELECT EXISTS (SELECT 1 FROM o) AS outcome, EXISTS (SELECT 1 FROM it) AS item`;
  return r ?? { outcome: false, item: false };
}
