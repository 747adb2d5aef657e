import { withTeam, type TTx } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { conflict, forbidden, notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { canDecideFor, loadItemRows } from "./item-summary";
import { applyUndo, HASH_JOINS_FROM } from "./review-apply";
import { describeChange, lastChangeOf, loadWriteRules, lockItem, writeRulesOf, type TLastChange } from "./review-write";
import type * as T from "./types";

// Undo puts back exactly what a decision or vote changed (ReviewChange.before), never over a later
// change: an item changed since is skipped (batch) or refused (one item) with who changed it, and
// an executed removal is final.

const ID = /^[A-Za-z0-9_-]{1,64}$/;
type TUndoResult = { restored: number; skipped: Array<{ id: string; why: string }>; item?: T.TReviewItemSummary };

export async function undoReview(ctx: TTeamContext, input: { itemId: string } | { batchId: string }): Promise<TUndoResult> {
  return "batchId" in input ? undoBatch(ctx, input.batchId) : undoItem(ctx, input.itemId);
}

async function actorName(tx: Parameters<Parameters<typeof withTeam>[1]>[0], userId: string): Promise<string> {
  const u = await tx.user.findUnique({ where: { id: userId }, select: { name: true } });
  return u?.name ?? "Someone";
}

/** The team's accounts the caller may decide for under the current rules and role. */
async function decidableAccounts(tx: TTx, ctx: TTeamContext): Promise<string[]> {
  const rules = await loadWriteRules(tx, ctx.teamId);
  const accounts = await tx.$queryRaw<Array<{ id: string; ownerUserId: string }>>`
    SELECT id, "ownerUserId" FROM "LinkedInAccount" WHERE "teamId" = ${ctx.teamId}`;
  return accounts.filter((a) => canDecideFor(ctx, a, rules)).map((a) => a.id);
}

async function undoBatch(ctx: TTeamContext, batchId: string): Promise<TUndoResult> {
  if (typeof batchId !== "string" || !ID.test(batchId)) throw notFound("This change");
  return withTeam(ctx.teamId, async (tx) => {
    const [batch] = await tx.$queryRaw<Array<{ userId: string | null; open: number; action: string }>>`
      SELECT min("userId") AS "userId", count(*) FILTER (WHERE "undoneAt" IS NULL)::int AS open, min(before->>'action') AS action
        FROM "ReviewChange" WHERE "teamId" = ${ctx.teamId} AND "batchId" = ${batchId}
      HAVING count(*) > 0`;
    if (!batch) throw notFound("This change");
    if (batch.userId !== ctx.userId) throw forbidden("Only the person who made this change can undo it.");
    if (batch.open === 0) throw conflict("This change was already undone.");
    // Undoing a decision is deciding again: only for accounts the caller may decide for now (the
    // admin demoted or "admins decide" turned off since keeps the batch's other items as they are).
    const decideAccountIds = batch.action === "decide" ? await decidableAccounts(tx, ctx) : null;
    const lastChange = lastChangeOf(ctx, await actorName(tx, ctx.userId), "undone", null);
    const r = await applyUndo(tx, ctx, { batchId }, { lastChange, strictVotes: true, decideAccountIds, large: batch.open >= HASH_JOINS_FROM });
    await recordAudit(tx, {
      teamId: ctx.teamId,
      actorUserId: ctx.userId,
      action: "review.undo",
      targetType: "review_batch",
      targetId: batchId,
      metadata: { batchId, undid: batch.action, count: r.restored.length, skipped: r.total - r.restored.length },
    });
    return { restored: r.restored.length, skipped: r.skipped };
  }, { interactive: true });
}

async function undoItem(ctx: TTeamContext, itemId: string): Promise<TUndoResult> {
  return withTeam(ctx.teamId, async (tx) => {
    const item = await lockItem(tx, ctx, itemId);
    const rules = writeRulesOf(item.settings);
    const decided = item.state !== "OPEN";
    let target: { id: string; afterVersion: number; action: "decide" | "vote"; before: unknown } | undefined;
    if (decided && canDecideFor(ctx, item, rules)) {
      if (item.executedAt) throw conflict("This removal was already carried out: it cannot be undone.");
      [target] = await tx.$queryRaw<NonNullable<typeof target>[]>`
        SELECT id, "afterVersion", 'decide' AS action, before FROM "ReviewChange"
         WHERE "teamId" = ${ctx.teamId} AND "itemId" = ${item.id} AND "undoneAt" IS NULL AND before->>'action' = 'decide'
         ORDER BY "createdAt" DESC, "afterVersion" DESC LIMIT 1`;
      if (target && target.afterVersion !== item.version) throw conflict(`This item changed after the decision: ${describeChange(item.lastChange as TLastChange | null)}. Reload it.`);
    }
    if (!target && !decided) {
      [target] = await tx.$queryRaw<NonNullable<typeof target>[]>`
        SELECT id, "afterVersion", 'vote' AS action, before FROM "ReviewChange"
         WHERE "teamId" = ${ctx.teamId} AND "itemId" = ${item.id} AND "userId" = ${ctx.userId} AND "undoneAt" IS NULL
           AND before->>'action' = 'vote' AND (before->>'round')::int = ${item.round}
         ORDER BY "createdAt" DESC, "afterVersion" DESC LIMIT 1`;
    }
    if (!target && !decided) {
      // A vote from before votes kept their history (or written by a script): undo takes it back.
      const gone = await tx.$executeRaw`
        DELETE FROM "ReviewVote" WHERE "teamId" = ${ctx.teamId} AND "itemId" = ${item.id} AND round = ${item.round} AND "userId" = ${ctx.userId}`;
      if (gone > 0) {
        const lastChange = lastChangeOf(ctx, item.actorName, "vote_retracted", null);
        await tx.$executeRaw`
          UPDATE "ReviewItem" SET "voteCount" = GREATEST("voteCount" - 1, 0), version = version + 1, "lastChange" = ${JSON.stringify(lastChange)}::jsonb, "updatedAt" = now()
           WHERE id = ${item.id} AND "teamId" = ${ctx.teamId}`;
        await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "review.undo", targetType: "review_item", targetId: item.id, metadata: { undid: "vote", before: { state: "open" }, after: { state: "open" }, choice: null, reason: null } });
        const [summary] = (await loadItemRows(tx, ctx, [item.id], rules)).map((r) => r.summary);
        return { restored: 1, skipped: [], item: summary! };
      }
    }
    if (!target) throw conflict(decided ? "Nothing to undo here: only the account's owner can undo this decision." : "Nothing to undo: you have no vote on this item.");
    const lastChange = lastChangeOf(ctx, item.actorName, "undone", null);
    const r = await applyUndo(tx, ctx, { changeIds: [target.id] }, { lastChange, strictVotes: false });
    if (r.restored.length === 0) throw conflict(`This item changed since: ${r.skipped[0]?.why ?? "reload it"}.`);
    await recordAudit(tx, {
      teamId: ctx.teamId,
      actorUserId: ctx.userId,
      action: "review.undo",
      targetType: "review_item",
      targetId: item.id,
      metadata: { undid: target.action, before: { state: item.state.toLowerCase() }, after: { state: target.action === "decide" ? snapState(target.before) : item.state.toLowerCase() }, choice: null, reason: null },
    });
    const [summary] = (await loadItemRows(tx, ctx, [item.id], rules)).map((r) => r.summary);
    return { restored: 1, skipped: [], item: summary! };
  }, { interactive: true });
}

const snapState = (before: unknown) => String((before as { item?: { state?: string } })?.item?.state ?? "").toLowerCase() || null;
