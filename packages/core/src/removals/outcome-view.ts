import { conflict } from "../errors";
import { describeChange, settledText, type TLastChange } from "../review/review-write";
import { OUTCOME_CODE, OUTCOME_LABEL, type TOutcomeEnum } from "./outcome-input";
import { UNDO_WINDOW_MS } from "./policy";
import type { TRecordedOutcome } from "./types";

// The shapes and sentences recordOutcome and undoOutcome answer with.

export function toRecordedOutcome(
  o: { id: string; itemId: string; connectionId: string; outcome: TOutcomeEnum; createdAt: Date; counted: boolean; live: boolean },
  now: Date,
): TRecordedOutcome {
  const until = o.createdAt.getTime() + UNDO_WINDOW_MS;
  return {
    id: o.id,
    itemId: o.itemId,
    connectionId: o.connectionId,
    outcome: OUTCOME_CODE[o.outcome],
    createdAt: o.createdAt.toISOString(),
    undoUntil: o.live && now.getTime() < until ? new Date(until).toISOString() : null,
    counted: o.counted,
  };
}

/** "14:02" in the account's zone, or "14:02 on 3 Dec" when not today there. */
export function clockTime(at: Date, now: Date, timeZone: string): string {
  const hm = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
  const day = (d: Date) => new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short" }).format(d);
  return day(at) === day(now) ? hm : `${hm} on ${day(at)}`;
}

/** Another outcome is live for the item: say which and how to change it. */
export function alreadyRecorded(live: { outcome: TOutcomeEnum; createdAt: Date }, now: Date, timeZone: string): Error {
  const label = OUTCOME_LABEL[OUTCOME_CODE[live.outcome]];
  const when = clockTime(live.createdAt, now, timeZone);
  const undoable = now.getTime() < live.createdAt.getTime() + UNDO_WINDOW_MS;
  return conflict(
    undoable
      ? `Already recorded as “${label}” at ${when}. Undo it first (within 10 minutes) to record something else.`
      : `Already recorded as “${label}” at ${when}; the 10 minutes to undo it have passed, so it stands.`,
    "outcome",
  );
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
