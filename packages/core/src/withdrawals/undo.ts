import { withTeamRaw, type TRawTx } from "@crm/db";
import { conflict, notFound } from "../errors";
import { ts } from "../removals/lock-budget";
import { checkId } from "../removals/outcome-input";
import { UNDO_WINDOW_MS } from "../removals/policy";
import type { TClock } from "../removals/types";
import { json, lastChangeOf } from "../review/review-write";
import type { TTeamContext } from "../teams/membership";
import { readWithdrawBudget } from "./budget";
import { parseWithdrawTouched } from "./input";
import { openWithdrawalOutcome } from "./open";
import { toRecordedWithdrawal } from "./record";
import type { TWithdrawEnum } from "./state";
import type { TWithdrawalUndoResult } from "./types";

// Undo of a recorded withdrawal outcome (docs/decisions/0013): within 10 minutes, by the account's
// owner, under the account's lock. The item goes back to the session (APPROVED); the allowance
// comes back only for a "Withdrawn" whose LinkedIn side was not touched.

type TUndoState = {
  outcome: TWithdrawEnum;
  accountId: string;
  itemId: string;
  invitationId: string;
  localDate: string;
  createdAt: Date;
  counted: boolean;
  liveFor: string | null;
  undoneAt: Date | null;
  verifiedAt: Date | null;
  prevNextAllowedAt: Date | null;
  withdrawLastAt: Date | null;
  prevWithdrawnAt: Date | null;
  actorName: string;
  keptBefore: { decisionReason?: string | null; decidedById?: string | null; decidedAt?: string | null } | null;
};

/**
 * Within 10 minutes the owner undoes a withdrawal outcome. A "withdrawn" needs linkedInTouched:
 * false gives the allowance back; true keeps it spent (LinkedIn saw a withdrawal).
 */
export async function undoWithdrawal(ctx: TTeamContext, outcomeId: string, input: { linkedInTouched?: unknown }, clock?: TClock): Promise<TWithdrawalUndoResult> {
  const id = checkId(outcomeId, "This recorded withdrawal");
  const now = clock?.now ?? new Date();
  return withTeamRaw(
    ctx.teamId,
    async (tx) => {
      const account = await openWithdrawalOutcome(tx, ctx, id, now);
      const s = await readUndoState(tx, ctx, id);
      if (!s) throw notFound("This recorded withdrawal");
      if (s.liveFor === null) {
        throw conflict(s.undoneAt ? "This outcome was already undone." : "This outcome no longer stands: a later export showed the invitation still pending, so it is back in the session.");
      }
      if (s.verifiedAt) {
        // An archive already showed what happened on LinkedIn: undoing would contradict it (and give back an allowance LinkedIn spent).
        throw conflict("An archive import has already confirmed this outcome, so it stands.");
      }
      if (now.getTime() >= s.createdAt.getTime() + UNDO_WINDOW_MS) {
        throw conflict("The undo window (10 minutes) has passed, so the outcome stands. The next archive import checks it against LinkedIn.");
      }
      const withdrawn = s.outcome === "WITHDRAWN";
      const touched = withdrawn ? parseWithdrawTouched(input) : false;
      const budgetReturned = withdrawn && s.counted && !touched;
      const restorePace = budgetReturned && s.withdrawLastAt !== null && s.withdrawLastAt.getTime() === s.createdAt.getTime();
      const ok = await writeUndo(tx, ctx, s, {
        outcomeId: id,
        now,
        budgetReturned,
        restorePace,
        clearWithdrawnAt: withdrawn && !touched,
        lastChange: lastChangeOf(ctx, s.actorName, "undone", null, now),
        audit: { outcome: s.outcome.toLowerCase(), outcomeId: id, itemId: s.itemId, invitationId: s.invitationId, linkedInTouched: withdrawn ? touched : null, budgetReturned },
      });
      if (!ok) throw conflict("This invitation withdrawal changed since the outcome was recorded, so it cannot be undone here. Reload the session.");
      const undone = { id, itemId: s.itemId, invitationId: s.invitationId, outcome: s.outcome, createdAt: s.createdAt, counted: s.counted && !budgetReturned, live: false };
      return { outcome: toRecordedWithdrawal(undone, now), budgetReturned, budget: await readWithdrawBudget(tx, ctx.teamId, account.accountId, now) };
    },
    { interactive: true },
  );
}

async function readUndoState(tx: TRawTx, ctx: TTeamContext, outcomeId: string): Promise<TUndoState | null> {
  const [row] = await tx.$queryRaw<TUndoState[]>`
    SELECT o.outcome::text AS outcome, o."accountId", o."itemId", o."invitationId", o."localDate"::text AS "localDate", o."createdAt", o.counted,
           o."liveFor", o."undoneAt", o."verifiedAt", o."prevNextAllowedAt", b."withdrawLastAt",
           (SELECT p."createdAt" FROM "WithdrawalOutcome" p
             WHERE p."teamId" = o."teamId" AND p."accountId" = o."accountId" AND p."createdAt" <= o."createdAt" AND p.id <> o.id AND counted
             ORDER BY p."createdAt" DESC LIMIT 1) AS "prevWithdrawnAt",
           coalesce((SELECT u.name FROM "User" u WHERE u.id = ${ctx.userId}), 'Someone') AS "actorName",
           CASE WHEN o.outcome = 'KEPT' THEN
             (SELECT al.metadata->'before' FROM "AuditLog" al
               WHERE al."teamId" = o."teamId" AND al."targetId" = o."itemId" AND al.action = 'withdrawal.outcome' AND al.metadata->>'outcomeId' = o.id
               ORDER BY al."createdAt" DESC LIMIT 1)
           END AS "keptBefore"
      FROM "WithdrawalOutcome" o
      JOIN "RemovalBudget" b ON b."accountId" = o."accountId" AND b."teamId" = o."teamId"
     WHERE o."teamId" = ${ctx.teamId} AND o.id = ${outcomeId}
       FOR UPDATE OF o`;
  return row ?? null;
}

/** One statement: the item approved again, the outcome undone, the day's count, the pace and the invitation given back when they should be, the audit row. */
async function writeUndo(
  tx: TRawTx,
  ctx: TTeamContext,
  s: TUndoState,
  a: { outcomeId: string; now: Date; budgetReturned: boolean; restorePace: boolean; clearWithdrawnAt: boolean; lastChange: ReturnType<typeof lastChangeOf>; audit: Record<string, unknown> },
): Promise<boolean> {
  const { now } = a;
  const kept = s.outcome === "KEPT";
  const before = s.keptBefore ?? {};
  const decidedAt = ts(before.decidedAt ? new Date(before.decidedAt) : null);
  const [r] = await tx.$queryRaw<Array<{ outcome: boolean }>>`
    WITH it AS (
      UPDATE "ReviewItem" i
         SET state = 'APPROVED', decision = 'REMOVE', "executedAt" = NULL, "keepUntil" = NULL,
             "closedReason" = NULL, "closedAt" = NULL,
             "decisionReason" = CASE WHEN ${kept} THEN ${before.decisionReason ?? null}::text ELSE i."decisionReason" END,
             "decidedById" = CASE WHEN ${kept} THEN coalesce(${before.decidedById ?? null}::text, i."decidedById") ELSE i."decidedById" END,
             "decidedAt" = CASE WHEN ${kept} THEN coalesce(${decidedAt}, i."decidedAt") ELSE i."decidedAt" END,
             "lastChange" = ${json(a.lastChange)}::jsonb, version = i.version + 1, "updatedAt" = ${ts(now)}
       WHERE i.id = ${s.itemId} AND i."teamId" = ${ctx.teamId}
         AND CASE ${s.outcome}::text
               WHEN 'WITHDRAWN' THEN i.state = 'DONE' AND i."executedAt" IS NOT NULL
               WHEN 'ACCEPTED' THEN i.state = 'DONE' AND i."closedReason" = 'accepted'
               ELSE i.state = 'DONE' AND i.decision = 'KEEP' AND i."executedAt" IS NULL END
      RETURNING i.id
    ), o AS (
      UPDATE "WithdrawalOutcome"
         SET "undoneAt" = ${ts(now)}, "liveFor" = NULL, counted = counted AND NOT ${a.budgetReturned}, "budgetReturned" = ${a.budgetReturned}
       WHERE id = ${a.outcomeId} AND "teamId" = ${ctx.teamId} AND "liveFor" IS NOT NULL AND EXISTS (SELECT 1 FROM it)
      RETURNING id
    ), d AS (
      UPDATE "RemovalDay" SET "withdrawUsed" = "withdrawUsed" - 1, "updatedAt" = ${ts(now)}
       WHERE "teamId" = ${ctx.teamId} AND "accountId" = ${s.accountId}
         AND "localDate" = ${s.localDate}::date AND "withdrawUsed" > 0 AND ${a.budgetReturned} AND EXISTS (SELECT 1 FROM o)
    ), b AS (
      UPDATE "RemovalBudget" SET "withdrawNextAllowedAt" = ${ts(s.prevNextAllowedAt)}, "withdrawLastAt" = ${ts(s.prevWithdrawnAt)}, "updatedAt" = ${ts(now)}
       WHERE "teamId" = ${ctx.teamId} AND "accountId" = ${s.accountId} AND ${a.restorePace} AND EXISTS (SELECT 1 FROM o)
    ), p AS (
      -- LinkedIn never saw it: no "re-invited early" warning for this person.
      UPDATE "PendingInvitation" SET "withdrawnAt" = NULL
       WHERE id = ${s.invitationId} AND "teamId" = ${ctx.teamId} AND ${a.clearWithdrawnAt} AND "withdrawnAt" = ${ts(s.createdAt)} AND EXISTS (SELECT 1 FROM o)
    ), au AS (
      INSERT INTO "AuditLog" (id, "teamId", "actorUserId", action, "targetType", "targetId", metadata, "createdAt")
      SELECT gen_random_uuid()::text, ${ctx.teamId}, ${ctx.userId}, 'withdrawal.undo', 'review_item', it.id, ${json(a.audit)}::jsonb, ${ts(now)}
        FROM it WHERE EXISTS (SELECT 1 FROM o)
    )
    SELECT EXISTS (SELECT 1 FROM o) AS outcome`;
  return r?.outcome === true;
}
