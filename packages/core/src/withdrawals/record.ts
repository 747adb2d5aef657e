import { randomUUID } from "node:crypto";
import { withTeamRaw } from "@crm/db";
import { conflict, notFound } from "../errors";
import { checkId } from "../removals/outcome-input";
import { alreadyRecordedAs, undoUntilOf } from "../guided/recorded";
import { jitteredGapMs, refusalMessage } from "../removals/policy";
import { BudgetRefusedError } from "../removals/refusal";
import { localDateOf, localDay } from "../removals/local-day";
import type { TClock } from "../removals/types";
import { describeChange, lastChangeOf, settledText, writeRulesOf } from "../review/review-write";
import type { TTeamContext } from "../teams/membership";
import { loadWithdrawInputs, readWithdrawBudget, withdrawBudgetOf, withdrawRefusal, type TWithdrawInputs } from "./budget";
import { parseWithdrawalOutcome, WITHDRAW_CODE, WITHDRAW_ENUM, WITHDRAW_LABEL } from "./input";
import { openWithdrawalItem } from "./open";
import { WITHDRAW_NOUN } from "./policy";
import { readWithdrawState, type TWithdrawEnum, type TWithdrawState } from "./state";
import { supersedeWithdrawal, writeAccepted, writeKeptWaiting, writeWithdrawn, type TWithdrawWriteArgs } from "./writes";
import type { TRecordedWithdrawal, TWithdrawalResult } from "./types";

// Recording what happened on LinkedIn for an approved withdrawal (docs/decisions/0013), with the
// removal's guarantees: one transaction; the account's RemovalBudget row locked first; every check
// after the lock; the day's withdrawUsed raised only while below the limit in the same statement
// that records the withdrawal. "accepted" and "kept" cost nothing.

/**
 * The account's owner records the outcome of an approved withdraw item. "withdrawn" spends the
 * withdrawal allowance (BudgetRefusedError when a limit stops it); the same outcome twice returns
 * the first (duplicate: true); a different one while one is live is a 409.
 */
export async function recordWithdrawal(ctx: TTeamContext, itemId: string, input: { outcome: unknown }, clock?: TClock): Promise<TWithdrawalResult> {
  const outcome = WITHDRAW_ENUM[parseWithdrawalOutcome(input)];
  const id = checkId(itemId, "This invitation withdrawal");
  const now = clock?.now ?? new Date();
  const random = clock?.random ?? Math.random;
  return withTeamRaw(
    ctx.teamId,
    async (tx) => {
      const account = await openWithdrawalItem(tx, ctx, id, now);
      const s = await readWithdrawState(tx, ctx, id, account.accountId);
      if (!s) throw notFound("This invitation withdrawal");

      if (s.liveId && s.liveOutcome && s.liveAt) {
        const live = { id: s.liveId, itemId: id, invitationId: s.invitationId, outcome: s.liveOutcome, createdAt: s.liveAt, counted: s.liveCounted === true, live: true };
        if (stillCurrent(s, s.liveOutcome)) {
          if (s.liveOutcome === outcome) return { outcome: toRecordedWithdrawal(live, now), duplicate: true, budget: await readWithdrawBudget(tx, ctx.teamId, account.accountId, now) };
          throw alreadyRecorded(live, now, account.timeZone);
        }
        await supersedeWithdrawal(tx, ctx.teamId, s.liveId, now);
      }
      if (s.state !== "APPROVED" || s.executedAt) throw notApproved(s, now);

      const outcomeId = randomUUID();
      const args: TWithdrawWriteArgs = {
        ctx,
        outcomeId,
        itemId: id,
        accountId: account.accountId,
        invitationId: s.invitationId,
        localDate: localDay(now, account.timeZone).localDate,
        now,
        lastChange: lastChangeOf(ctx, s.actorName, ACTION[outcome].action, ACTION[outcome].choice, now),
        audit: {},
      };
      const recorded = { id: outcomeId, itemId: id, invitationId: s.invitationId, outcome, createdAt: now, counted: outcome === "WITHDRAWN", live: true };
      if (outcome === "WITHDRAWN") {
        // Spending allowance on an invitation an archive already showed settled would count a withdrawal LinkedIn never saw.
        if (s.invitationStatus !== "PENDING") throw notPending(s, account.timeZone);
        const p = await loadWithdrawInputs(tx, ctx.teamId, account.accountId, now);
        const refusal = withdrawRefusal(p, now);
        if (refusal) throw new BudgetRefusedError(refusal.limit, refusal.nextAllowedAt, withdrawBudgetOf(p, now), refusal.message, now);
        const nextAllowedAt = new Date(now.getTime() + jitteredGapMs(p.limits.gapSeconds, random));
        const w = await writeWithdrawn(tx, { ...args, limit: p.limits.dailyLimit, prevNextAllowedAt: p.nextAllowedAt, nextAllowedAt });
        if (w.used === null) {
          // Under the lock the count cannot have moved; a writer that skipped it still meets the condition.
          const message = refusalMessage("DAILY_LIMIT", p.resetsAt, now, account.timeZone, { limit: p.limits.dailyLimit, noun: WITHDRAW_NOUN });
          throw new BudgetRefusedError("DAILY_LIMIT", p.resetsAt, withdrawBudgetOf(p, now), message, now);
        }
        if (!w.item) throw changedMeanwhile();
        return { outcome: toRecordedWithdrawal(recorded, now), duplicate: false, budget: withdrawBudgetOf(afterWithdrawal(p, w.used, now, nextAllowedAt), now) };
      }
      if (outcome === "ACCEPTED") {
        if (!(await writeAccepted(tx, args))) throw changedMeanwhile();
      } else {
        const keepMonths = writeRulesOf(s.settings).keepMonths;
        // What the keep replaced, so an undo puts the approval back as it was.
        args.audit = { keepMonths, before: { decisionReason: s.decisionReason, decidedById: s.decidedById, decidedAt: s.decidedAt?.toISOString() ?? null } };
        if (!(await writeKeptWaiting(tx, { ...args, keepMonths }))) throw changedMeanwhile();
      }
      return { outcome: toRecordedWithdrawal(recorded, now), duplicate: false, budget: await readWithdrawBudget(tx, ctx.teamId, account.accountId, now) };
    },
    { interactive: true },
  );
}

const ACTION: Record<TWithdrawEnum, { action: string; choice: string | null }> = {
  WITHDRAWN: { action: "executed", choice: "REMOVE" },
  ACCEPTED: { action: "accepted", choice: null },
  KEPT: { action: "decided", choice: "KEEP" },
};

/** Whether the live outcome still describes the item (an archive may have sent it back to the session). */
function stillCurrent(s: TWithdrawState, live: TWithdrawEnum): boolean {
  if (live === "WITHDRAWN") return s.executedAt !== null;
  if (live === "ACCEPTED") return s.state === "DONE" && s.closedReason === "accepted";
  return s.state === "DONE" && s.decision === "KEEP";
}

function afterWithdrawal(p: TWithdrawInputs, used: number, now: Date, nextAllowedAt: Date): TWithdrawInputs {
  const others = p.weekDays.filter((d) => d.localDate !== p.localDate);
  return { ...p, used, weekDays: [...others, { localDate: p.localDate, used }], hourTimes: [...p.hourTimes, now], nextAllowedAt, lastAt: now };
}

export function toRecordedWithdrawal(
  o: { id: string; itemId: string; invitationId: string; outcome: TWithdrawEnum; createdAt: Date; counted: boolean; live: boolean },
  now: Date,
): TRecordedWithdrawal {
  return {
    id: o.id,
    itemId: o.itemId,
    invitationId: o.invitationId,
    outcome: WITHDRAW_CODE[o.outcome],
    createdAt: o.createdAt.toISOString(),
    undoUntil: undoUntilOf(o.createdAt, o.live, now),
    counted: o.counted,
  };
}

/** Another outcome is live for the item: the removal session's sentence, with the withdrawal's label. */
function alreadyRecorded(live: { outcome: TWithdrawEnum; createdAt: Date }, now: Date, timeZone: string): Error {
  return alreadyRecordedAs(WITHDRAW_LABEL[WITHDRAW_CODE[live.outcome]], live.createdAt, now, timeZone);
}

function notApproved(s: TWithdrawState, now: Date): Error {
  const last = s.lastChange ? ` (${describeChange(s.lastChange, now)})` : "";
  const what = s.state === "OPEN" ? `It is open for review${last}` : `It is now: ${settledText(s)}${last}`;
  return conflict(`This invitation withdrawal is not approved. ${what}. Only approved withdrawals can be recorded: approve it in the review queue first.`);
}

function notPending(s: TWithdrawState, timeZone: string): Error {
  const when = s.invitationChangedAt ? ` in your export of ${localDateOf(s.invitationChangedAt, timeZone)}` : "";
  return conflict(
    s.invitationStatus === "ACCEPTED"
      ? `${s.invitationName} accepted the invitation${when}, so there is nothing to withdraw. Choose “They accepted”.`
      : `The invitation to ${s.invitationName} is no longer pending${when}, so there is nothing to withdraw. Choose “They accepted” or “Keep waiting” to take it off the list.`,
  );
}

const changedMeanwhile = () => conflict("This invitation withdrawal changed while you recorded it. Reload the session and try again.");
