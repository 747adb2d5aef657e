import { conflict } from "../errors";
import { alreadyRecordedAs, undoUntilOf } from "../guided/recorded";
import { describeChange, settledText, type TLastChange } from "../review/review-write";
import { OUTCOME_CODE, OUTCOME_LABEL, type TOutcomeEnum } from "./outcome-input";
import type { TRecordedOutcome } from "./types";

// The shapes and sentences recordOutcome and undoOutcome answer with. The undo window and the
// "already recorded" sentence are the same for withdrawals: they live in guided/recorded.ts.

export function toRecordedOutcome(
  o: { id: string; itemId: string; connectionId: string; outcome: TOutcomeEnum; createdAt: Date; counted: boolean; live: boolean },
  now: Date,
): TRecordedOutcome {
  return {
    id: o.id,
    itemId: o.itemId,
    connectionId: o.connectionId,
    outcome: OUTCOME_CODE[o.outcome],
    createdAt: o.createdAt.toISOString(),
    undoUntil: undoUntilOf(o.createdAt, o.live, now),
    counted: o.counted,
  };
}

/** Another outcome is live for the item: say which and how to change it. */
export function alreadyRecorded(live: { outcome: TOutcomeEnum; createdAt: Date }, now: Date, timeZone: string): Error {
  return alreadyRecordedAs(OUTCOME_LABEL[OUTCOME_CODE[live.outcome]], live.createdAt, now, timeZone);
}

type TItemNow = {
  state: "OPEN" | "SNOOZED" | "APPROVED" | "DONE" | "CLOSED";
  decision: string | null;
  decidedByName: string | null;
  snoozedUntil: Date | null;
  closedReason: string | null;
  closedAt: Date | null;
  lastChange: TLastChange | null;
};

/** The item is no longer an approved removal: what it is now and who made it so. */
export function notApproved(item: TItemNow, now: Date): Error {
  const last = item.lastChange ? ` (${describeChange(item.lastChange, now)})` : "";
  const what =
    item.state === "OPEN"
      ? `It is open for review again${last}`
      : item.state === "DONE" && item.decision === "KEEP"
        ? `They are kept after all${last}`
        : `It is now: ${settledText(item)}${last}`;
  return conflict(`This removal is no longer approved. ${what}. Reload the session: only approved removals can be recorded.`);
}

/** Protected now (endorsed, recommended, a protected tag) but approved without that warning. */
export function protectedNow(name: string, loss: string[]): Error {
  return conflict(
    `Removing ${name} loses what they gave you: ${loss.join(", ")}. This removal was approved without that warning: reopen it in the queue to approve it with the warning, or choose “Keep after all”.`,
  );
}
