import { withTeamRaw } from "@crm/db";
import { conflict, notFound } from "../errors";
import { lastChangeOf } from "../review/review-write";
import type { TTeamContext } from "../teams/membership";
import { readBudget } from "./budget";
import { unavailableIfConnectionLost } from "./connection-lost";
import { localDay } from "./local-day";
import { openOutcomeAccount } from "./lock-budget";
import { checkId, parseLinkedInTouched } from "./outcome-input";
import { toRecordedOutcome } from "./outcome-view";
import { UNDO_WINDOW_MS } from "./policy";
import type { TClock, TUndoResult } from "./types";
import { readUndoState, writeUndo } from "./undo-writes";

// Undo of an outcome (docs/decisions/0010, "Undo"): within 10 minutes, by the account's owner,
// under the account's lock like every budget write. The person returns to today's session; the
// budget comes back only for a "Removed" whose LinkedIn side was never touched. Statements:
// set_config, lock, state, write, budget — five.

/**
 * Within 10 minutes the owner undoes an outcome: the item returns to today's session. The budget
 * comes back only for a "removed" whose LinkedIn side was not touched (linkedInTouched: false).
 */
export async function undoOutcome(ctx: TTeamContext, outcomeId: string, input: { linkedInTouched?: unknown }, clock?: TClock): Promise<TUndoResult> {
  const id = checkId(outcomeId, "This recorded outcome");
  const now = clock?.now ?? new Date();
  return withTeamRaw(
    ctx.teamId,
    async (tx) => {
      const account = await openOutcomeAccount(tx, ctx, id, now);
      const s = await readUndoState(tx, ctx, id);
      if (!s) throw notFound("This recorded outcome");
      if (s.liveFor === null) {
        throw conflict(
          s.undoneAt
            ? "This outcome was already undone."
            : "This outcome no longer stands: a later export showed them still connected, so they are back in the session.",
        );
      }
      if (now.getTime() >= s.createdAt.getTime() + UNDO_WINDOW_MS) {
        throw conflict("The undo window (10 minutes) has passed. If you removed them by mistake, use Reconnect on the Removed people list.");
      }
      // Only a "Removed" asks: LinkedIn saw the others as nothing at all.
      const touched = s.outcome === "REMOVED" ? parseLinkedInTouched(input) : false;
      const budgetReturned = s.outcome === "REMOVED" && s.counted && !touched;
      // The gap goes back only when this was the latest removal: a later one set its own.
      const restorePace = budgetReturned && s.lastRemovedAt !== null && s.lastRemovedAt.getTime() === s.createdAt.getTime();
      const today = localDay(now, account.timeZone).localDate;
      const w = await writeUndo(tx, ctx, s, {
        outcomeId: id,
        now,
        today,
        budgetReturned,
        restorePace,
        lastChange: lastChangeOf(ctx, s.actorName, "undone", null, now),
        audit: { outcome: s.outcome.toLowerCase(), outcomeId: id, itemId: s.itemId, connectionId: s.connectionId, linkedInTouched: s.outcome === "REMOVED" ? touched : null, budgetReturned },
      });
      if (!w.outcome || !w.item) throw conflict("This removal changed since the outcome was recorded, so it cannot be undone here. Reload the session.");
      const undone = { id, itemId: s.itemId, connectionId: s.connectionId, outcome: s.outcome, createdAt: s.createdAt, counted: s.counted && !budgetReturned, live: false };
      return { outcome: toRecordedOutcome(undone, now), budgetReturned, budget: await readBudget(tx, ctx.teamId, account.accountId, now) };
    },
    { interactive: true },
  ).catch((e: unknown) => {
    throw unavailableIfConnectionLost(e, "this undo", "Undo it again: an outcome is only undone once.");
  });
}
