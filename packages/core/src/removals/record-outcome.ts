import { randomUUID } from "node:crypto";
import { withTeamRaw } from "@crm/db";
import { conflict, notFound } from "../errors";
import { lastChangeOf, writeRulesOf } from "../review/review-write";
import type { TTeamContext } from "../teams/membership";
import { budgetFromInputs, loadPaceInputs, paceStateOf, readBudget, type TPaceInputs } from "./budget";
import { unavailableIfConnectionLost } from "./connection-lost";
import { localDateOf, localDay } from "./local-day";
import { openItemAccount } from "./lock-budget";
import { checkId, OUTCOME_ENUM, parseOutcome, type TOutcomeEnum } from "./outcome-input";
import { readOutcomeState, type TOutcomeState } from "./outcome-state";
import { alreadyRecorded, notApproved, protectedNow, toRecordedOutcome } from "./outcome-view";
import { supersedeOutcome, writeKept, writeNotFound, writeRemoved, type TWriteArgs } from "./outcome-writes";
import { jitteredGapMs, paceRefusal, refusalMessage } from "./policy";
import { BudgetRefusedError } from "./refusal";
import type { TClock, TOutcomeResult } from "./types";

// Recording what happened on LinkedIn (docs/decisions/0010, "Enforcement"). One transaction: the
// account's budget lock first, every check after it, and the day's count raised only while below
// the limit in the same statement that records the removal, so no replica, tab or API client can
// pass a limit between a read and a write. Statements for a "Removed": set_config (withTeam), lock,
// item, pace inputs, write — five (the budget returned is computed from what they read and wrote);
// "not_found"/"kept": set_config, lock, item, write, budget — five; a duplicate four. Two more
// once per account, when its budget row is created.

/**
 * The account's owner records what happened on LinkedIn for an approved removal. "removed" spends
 * budget under the account's lock (BudgetRefusedError when a limit stops it); "not_found" and
 * "kept" cost nothing. Recording the same outcome twice returns the first (duplicate: true).
 */
export async function recordOutcome(ctx: TTeamContext, itemId: string, input: { outcome: unknown }, clock?: TClock): Promise<TOutcomeResult> {
  const outcome = OUTCOME_ENUM[parseOutcome(input)];
  const id = checkId(itemId, "This removal");
  const now = clock?.now ?? new Date();
  const random = clock?.random ?? Math.random;
  return withTeamRaw(
    ctx.teamId,
    async (tx) => {
      const account = await openItemAccount(tx, ctx, id, now);
      const s = await readOutcomeState(tx, ctx, id, account.accountId);
      if (!s) throw notFound("This removal");

      if (s.liveId && s.liveOutcome && s.liveAt) {
        const live = { id: s.liveId, itemId: id, connectionId: s.connectionId, outcome: s.liveOutcome, createdAt: s.liveAt, counted: s.liveCounted === true, live: true };
        if (stillCurrent(s, s.liveOutcome)) {
          // A double click, a retry, the other tab: the first one stands and nothing counts twice.
          if (s.liveOutcome === outcome) return { outcome: toRecordedOutcome(live, now), duplicate: true, budget: await readBudget(tx, ctx.teamId, account.accountId, now) };
          throw alreadyRecorded(live, now, account.timeZone);
        }
        await supersedeOutcome(tx, ctx.teamId, s.liveId, now);
      }
      if (s.state !== "APPROVED" || s.decision !== "REMOVE" || s.executedAt) throw notApproved(s, now);

      const outcomeId = randomUUID();
      const localDate = localDay(now, account.timeZone).localDate;
      const args: TWriteArgs = {
        ctx,
        outcomeId,
        itemId: id,
        accountId: account.accountId,
        connectionId: s.connectionId,
        localDate,
        now,
        lastChange: lastChangeOf(ctx, s.actorName, ACTION[outcome].action, ACTION[outcome].choice, now),
        audit: {},
      };
      const recorded = { id: outcomeId, itemId: id, connectionId: s.connectionId, outcome, createdAt: now, counted: outcome === "REMOVED", live: true };
      if (outcome === "REMOVED") {
        if (s.loss.length > 0 && s.protectedLoss.length === 0) throw protectedNow(s.connectionName, s.loss);
        // Spending budget on someone an export already showed gone would count a removal LinkedIn never saw.
        if (s.connectionStatus !== "CONNECTED") throw notConnected(s.connectionName, s.connectionGoneAt, account.timeZone);
        const p = await loadPaceInputs(tx, ctx.teamId, account.accountId, now);
        const refusal = paceRefusal(paceStateOf(p, now));
        if (refusal) throw new BudgetRefusedError(refusal.limit, refusal.nextAllowedAt, budgetFromInputs(p, now), refusal.message, now);
        const nextAllowedAt = new Date(now.getTime() + jitteredGapMs(p.limits.gapSeconds, random));
        const w = await writeRemoved(tx, { ...args, limit: p.limits.dailyLimit, prevNextAllowedAt: p.nextAllowedAt, nextAllowedAt });
        if (w.used === null) {
          // Under the lock the count cannot have moved since it was read; a writer that skipped
          // the lock still meets the conditional update.
          const message = refusalMessage("DAILY_LIMIT", p.resetsAt, now, account.timeZone, { limit: p.limits.dailyLimit });
          throw new BudgetRefusedError("DAILY_LIMIT", p.resetsAt, budgetFromInputs(p, now), message, now);
        }
        if (!w.item) throw changedMeanwhile();
        // The budget after the write, from the inputs read under the lock and the day's new count.
        const after = afterRemoval(p, w.used, now, nextAllowedAt);
        return { outcome: toRecordedOutcome(recorded, now), duplicate: false, budget: budgetFromInputs(after, now) };
      }
      if (outcome === "NOT_FOUND") {
        if (!(await writeNotFound(tx, args))) throw changedMeanwhile();
      } else {
        const keepMonths = writeRulesOf(s.settings).keepMonths;
        // What the keep replaced, so an undo puts the approval back as it was.
        args.audit = { keepMonths, before: { decisionReason: s.decisionReason, decidedById: s.decidedById, decidedAt: s.decidedAt?.toISOString() ?? null } };
        if (!(await writeKept(tx, { ...args, keepMonths }))) throw changedMeanwhile();
      }
      return { outcome: toRecordedOutcome(recorded, now), duplicate: false, budget: await readBudget(tx, ctx.teamId, account.accountId, now) };
    },
    { interactive: true },
  ).catch((e: unknown) => {
    throw unavailableIfConnectionLost(e, "this outcome", "Record it again: it is never recorded or counted twice.");
  });
}

const ACTION: Record<TOutcomeEnum, { action: string; choice: string | null }> = {
  REMOVED: { action: "executed", choice: "REMOVE" },
  NOT_FOUND: { action: "not_found", choice: null },
  KEPT: { action: "decided", choice: "KEEP" },
};

/**
 * Whether the item's live outcome still describes it. A "Couldn't find them" ends when a newer
 * export cleared notFoundAt, a "Keep after all" when the keep ran out and the person was approved
 * again; such an outcome gives way to the new one instead of blocking it.
 */
function stillCurrent(s: TOutcomeState, live: TOutcomeEnum): boolean {
  if (live === "REMOVED") return s.executedAt !== null;
  if (live === "NOT_FOUND") return s.state === "APPROVED" && s.notFoundAt !== null;
  return s.state === "DONE" && s.decision === "KEEP";
}

/** The inputs as they are after one more counted removal at `now` (the day's count as the write returned it). */
function afterRemoval(p: TPaceInputs, used: number, now: Date, nextAllowedAt: Date): TPaceInputs {
  const others = p.weekDays.filter((d) => d.localDate !== p.localDate);
  return { ...p, used, weekDays: [...others, { localDate: p.localDate, used }], hourTimes: [...p.hourTimes, now], nextAllowedAt, lastRemovedAt: now };
}

const changedMeanwhile = () => conflict("This removal changed while you recorded it. Reload the session and try again.");

function notConnected(name: string, goneAt: Date | null, timeZone: string) {
  const when = goneAt ? ` in your export of ${localDateOf(goneAt, timeZone)}` : "";
  return conflict(`${name} is no longer in your network${when}, so there is nothing to remove. Choose “Couldn't find them” to take them off the list.`);
}
