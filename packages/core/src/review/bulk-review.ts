import { randomUUID } from "node:crypto";
import { withTeam } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { invalid } from "../errors";
import { roleAtLeast, type TTeamContext } from "../teams/membership";
import { parseChoiceInput } from "./choice-input";
import { resolveBulkTarget } from "./bulk-target";
import { applyDecision, applyVote, HASH_JOINS_FROM, preferHashJoins } from "./review-apply";
import { lastChangeOf, loadWriteRules, settledText, type TLockedItem } from "./review-write";
import type * as T from "./types";

// Vote or decide on a selection or on "all N matching", set-based: one batch id, one ReviewChange
// per changed item (so one undo puts the whole batch back), one audit row. Items the caller may
// not act on are skipped and say why.

const SKIPPED_SHOWN = 1000;

export async function bulkReview(ctx: TTeamContext, input: T.TBulkReviewInput): Promise<T.TBulkReviewResult> {
  if (input?.action !== "vote" && input?.action !== "decide") throw invalid("action", "Choose vote or decide.");
  if (!input.target || typeof input.target !== "object") throw invalid("target", "Select items, or all matching the filters.");
  const choice = parseChoiceInput(input);
  return withTeam(ctx.teamId, async (tx) => {
    const target = await resolveBulkTarget(tx, ctx, input.target);
    const unknown = target.unknown;
    // An invitation has no follow-up: such items are skipped, saying why, and the rest go ahead.
    const noFollowUp = choice.choice === "FOLLOW_UP" ? await invitationItems(tx, ctx, target.ids) : [];
    const ids = noFollowUp.length === 0 ? target.ids : target.ids.filter((id) => !noFollowUp.includes(id));
    if (ids.length >= HASH_JOINS_FROM) await preferHashJoins(tx);
    const rules = await loadWriteRules(tx, ctx.teamId);
    const accounts = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "LinkedInAccount"
       WHERE "teamId" = ${ctx.teamId} AND ("ownerUserId" = ${ctx.userId} OR ${rules.adminsDecide && roleAtLeast(ctx.role, "ADMIN")}::boolean)`;
    const decide = input.action === "decide";
    const allowed = decide ? accounts.map((a) => a.id) : null;
    const states = decide ? ["OPEN", "SNOOZED"] : ["OPEN"];
    const notActionable = await tx.$queryRaw<Array<Pick<TLockedItem, "kind" | "state" | "decision" | "decidedByName" | "snoozedUntil" | "closedReason"> & { id: string; owned: boolean; ownerName: string | null; accountLabel: string }>>`
      SELECT i.id, i.kind::text AS kind, i.state::text AS state, i.decision::text AS decision, du.name AS "decidedByName", i."snoozedUntil", i."closedReason",
             (${allowed}::text[] IS NULL OR i."accountId" = ANY(${allowed ?? []}::text[])) AS owned, ou.name AS "ownerName", a.label AS "accountLabel"
        FROM "ReviewItem" i
        JOIN "LinkedInAccount" a ON a.id = i."accountId" AND a."teamId" = i."teamId"
        LEFT JOIN "User" ou ON ou.id = a."ownerUserId"
        LEFT JOIN "User" du ON du.id = i."decidedById"
       WHERE i."teamId" = ${ctx.teamId} AND i.id IN (SELECT unnest(${ids}::text[]))
         AND (i.state::text <> ALL(${states}::text[]) OR NOT (${allowed}::text[] IS NULL OR i."accountId" = ANY(${allowed ?? []}::text[])))
       ORDER BY i.id LIMIT ${SKIPPED_SHOWN}`;
    const skipped = [
      ...unknown.map((id) => ({ id, why: "not found in this team" })),
      ...noFollowUp.map((id) => ({ id, why: "an invitation has no follow-up (choose Withdraw, Keep waiting or Snooze)" })),
      ...notActionable.map((r) => ({
        id: r.id,
        why: !r.owned ? `only ${r.ownerName ?? "the account's owner"}, who owns ${r.accountLabel}, decides` : `already decided: ${settledText(r)}`,
      })),
    ].slice(0, SKIPPED_SHOWN);
    const actor = await tx.user.findUnique({ where: { id: ctx.userId }, select: { name: true } });
    const lastChange = lastChangeOf(ctx, actor?.name ?? "Someone", decide ? "decided" : "voted", choice.choice);
    const batchId = randomUUID();
    const actionable = notActionable.length === 0 ? ids : await actionableIds(tx, ctx, ids, states, allowed);
    const changed = decide
      ? await applyDecision(tx, ctx, actionable, choice, { batchId, keepMonths: rules.keepMonths, lastChange, groupNotifications: true })
      : (await applyVote(tx, ctx, actionable, choice, { batchId, lastChange, notifyOwners: true })).map((r) => r.id);
    await recordAudit(tx, {
      teamId: ctx.teamId,
      actorUserId: ctx.userId,
      action: decide ? "review.decide" : "review.vote",
      targetType: "review_batch",
      targetId: batchId,
      metadata: {
        batchId,
        count: changed.length,
        skipped: target.ids.length + unknown.length - changed.length,
        scope: "ids" in input.target ? "selection" : "filter",
        before: null,
        after: null,
        choice: choice.code,
        reason: choice.reason,
      },
    });
    return { batchId, count: changed.length, skipped };
  }, { interactive: true });
}

/** The withdraw_invitation items among `ids` (a follow-up skips them). */
async function invitationItems(tx: Parameters<Parameters<typeof withTeam>[1]>[0], ctx: TTeamContext, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT i.id FROM "ReviewItem" i
     WHERE i."teamId" = ${ctx.teamId} AND i.id IN (SELECT unnest(${ids}::text[])) AND i."invitationId" IS NOT NULL
     ORDER BY i.id`;
  return rows.map((r) => r.id);
}

/** The ids the caller may act on (more than SKIPPED_SHOWN may be skipped, so ask the database). */
async function actionableIds(tx: Parameters<Parameters<typeof withTeam>[1]>[0], ctx: TTeamContext, ids: string[], states: string[], allowed: string[] | null): Promise<string[]> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT i.id FROM "ReviewItem" i
     WHERE i."teamId" = ${ctx.teamId} AND i.id IN (SELECT unnest(${ids}::text[])) AND i.state::text = ANY(${states}::text[])
       AND (${allowed}::text[] IS NULL OR i."accountId" = ANY(${allowed ?? []}::text[]))`;
  return rows.map((r) => r.id);
}
