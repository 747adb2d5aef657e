import { randomUUID } from "node:crypto";
import { withTeamRaw } from "@crm/db";
import { conflict, forbidden } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { assertChoiceForKind, parseChoiceInput, parseVersion } from "./choice-input";
import { canDecideFor, loadItemRows } from "./item-summary";
import { applyDecision } from "./review-apply";
import { checkVersion, lastChangeOf, lockItem, notActionable, writeRulesOf } from "./review-write";
import type * as T from "./types";

// The account's owner (or an admin, where the team allows it) decides. Remove only approves: the
// removal session (issue 11) executes it and sets executedAt. A snoozed item can be decided early.

export async function decideItem(ctx: TTeamContext, itemId: string, input: T.TDecisionInput): Promise<T.TReviewItemSummary> {
  const choice = parseChoiceInput({ choice: input.choice, reason: input.reason, snoozeUntil: input.snoozeUntil, followUpOn: input.followUpOn });
  const version = parseVersion(input.version, true);
  return withTeamRaw(ctx.teamId, async (tx) => {
    const item = await lockItem(tx, ctx, itemId);
    assertChoiceForKind(item.kind, choice.choice);
    const rules = writeRulesOf(item.settings);
    if (!canDecideFor(ctx, item, rules)) {
      const admins = rules.adminsDecide ? " (or an admin)" : "";
      throw forbidden(`Only ${item.ownerName ?? "the account's owner"}, who owns ${item.accountLabel}${admins}, decides on its items. Your vote counts: vote instead.`);
    }
    checkVersion(item, version);
    if (item.state !== "OPEN" && item.state !== "SNOOZED") throw notActionable(item);
    const lastChange = lastChangeOf(ctx, item.actorName, "decided", choice.choice);
    const batchId = randomUUID();
    const audit = {
      action: "review.decide",
      metadata: {
        before: item.state.toLowerCase(),
        after: { remove: "approved", keep: "done", follow_up: "done", snooze: "snoozed" }[choice.code],
        choice: choice.code,
        reason: choice.reason,
        ...(choice.snoozeUntil ? { snoozeUntil: choice.snoozeUntil.toISOString() } : {}),
        ...(choice.followUpOn ? { followUpOn: choice.followUpOn.toISOString() } : {}),
      },
    };
    // The audit row is written by the decision's own statement.
    const changed = await applyDecision(tx, ctx, [item.id], choice, { batchId, keepMonths: rules.keepMonths, lastChange, audit });
    if (changed.length !== 1) throw conflict("This item changed while you decided. Reload it.");
    const [summary] = (await loadItemRows(tx, ctx, [item.id], rules, { last: true })).map((r) => r.summary);
    return summary!;
  }, { interactive: true, tune: { genericPlans: true } });
}
