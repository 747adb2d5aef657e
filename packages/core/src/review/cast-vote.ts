import { randomUUID } from "node:crypto";
import { withTeam, withTeamRaw } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { conflict } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { assertChoiceForKind, parseChoiceInput, parseVersion } from "./choice-input";
import { choiceCode } from "./codes";
import { loadItemRows, readRulesOf } from "./item-summary";
import { applyVote } from "./review-apply";
import { checkVersion, lastChangeOf, lockItem, notActionable, type TLockedItem } from "./review-write";
import type * as T from "./types";

// Any member proposes keep / remove / follow up / snooze on an open item. A vote replaces the
// voter's earlier vote of the round; the account owner hears that items wait (once a day).

function mustBeOpen(item: TLockedItem): void {
  if (item.state !== "OPEN") throw notActionable(item);
}

export async function castVote(ctx: TTeamContext, itemId: string, input: T.TVoteInput): Promise<T.TReviewItemSummary> {
  const choice = parseChoiceInput({ choice: input.choice, reason: input.reason, snoozeUntil: input.snoozeUntil });
  const version = parseVersion(input.version, false);
  return withTeamRaw(ctx.teamId, async (tx) => {
    const item = await lockItem(tx, ctx, itemId);
    assertChoiceForKind(item.kind, choice.choice);
    checkVersion(item, version);
    mustBeOpen(item);
    const lastChange = lastChangeOf(ctx, item.actorName, "voted", choice.choice);
    // The audit row ({before, after, choice, reason}; before = the vote it replaced) is written by the same statement.
    const audit = {
      action: "review.vote",
      metadata: {
        after: choice.code,
        choice: choice.code,
        reason: choice.reason,
        ...(choice.snoozeUntil ? { snoozeUntil: choice.snoozeUntil.toISOString() } : {}),
      },
    };
    const applied = await applyVote(tx, ctx, [item.id], choice, { batchId: randomUUID(), lastChange, notifyOwners: true, audit });
    if (applied.length !== 1) throw conflict("This item changed while you voted. Reload it.");
    const [summary] = (await loadItemRows(tx, ctx, [item.id], readRulesOf(item.settings), { last: true })).map((r) => r.summary);
    return summary!;
  }, { interactive: true, tune: { genericPlans: true } });
}

/** Takes back the caller's vote of the current round. */
export async function retractVote(ctx: TTeamContext, itemId: string): Promise<T.TReviewItemSummary> {
  return withTeam(ctx.teamId, async (tx) => {
    const item = await lockItem(tx, ctx, itemId);
    mustBeOpen(item);
    const [gone] = await tx.$queryRaw<Array<{ choice: string }>>`
      DELETE FROM "ReviewVote" WHERE "teamId" = ${ctx.teamId} AND "itemId" = ${item.id} AND round = ${item.round} AND "userId" = ${ctx.userId}
      RETURNING choice::text`;
    if (!gone) throw conflict("You have no vote on this item to take back.");
    // What undo would put back is gone with the vote: its history is settled.
    await tx.$executeRaw`
      UPDATE "ReviewChange" SET "undoneAt" = now()
       WHERE "teamId" = ${ctx.teamId} AND "itemId" = ${item.id} AND "userId" = ${ctx.userId} AND "undoneAt" IS NULL AND before->>'action' = 'vote'`;
    const lastChange = lastChangeOf(ctx, item.actorName, "vote_retracted", gone.choice);
    await tx.$executeRaw`
      UPDATE "ReviewItem" SET "voteCount" = GREATEST("voteCount" - 1, 0), version = version + 1, "lastChange" = ${JSON.stringify(lastChange)}::jsonb, "updatedAt" = now()
       WHERE id = ${item.id} AND "teamId" = ${ctx.teamId}`;
    await recordAudit(tx, {
      teamId: ctx.teamId,
      actorUserId: ctx.userId,
      action: "review.vote_retracted",
      targetType: "review_item",
      targetId: item.id,
      metadata: { before: choiceCode(gone.choice), after: null, choice: choiceCode(gone.choice), reason: null },
    });
    const [summary] = (await loadItemRows(tx, ctx, [item.id], readRulesOf(item.settings))).map((r) => r.summary);
    return summary!;
  }, { interactive: true });
}
