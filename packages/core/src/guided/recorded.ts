import { conflict } from "../errors";
import { UNDO_WINDOW_MS } from "../removals/policy";

// What a recorded outcome looks like to the person running a guided session, the same for removals
// and invitation withdrawals: how long it can be undone, when it was recorded in the account's own
// clock, and the sentence when another outcome already stands.

/** Undo is possible until then (10 minutes after it was recorded), while the outcome is live. */
export function undoUntilOf(createdAt: Date, live: boolean, now: Date): string | null {
  const until = createdAt.getTime() + UNDO_WINDOW_MS;
  return live && now.getTime() < until ? new Date(until).toISOString() : null;
}

/** "14:02" in the account's zone, or "14:02 on 3 Dec" when not today there. */
export function clockTime(at: Date, now: Date, timeZone: string): string {
  const hm = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
  const day = (d: Date) => new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short" }).format(d);
  return day(at) === day(now) ? hm : `${hm} on ${day(at)}`;
}

/** Another outcome (shown as `label`) is live for the item: say which and how to change it. */
export function alreadyRecordedAs(label: string, createdAt: Date, now: Date, timeZone: string): Error {
  const when = clockTime(createdAt, now, timeZone);
  const undoable = now.getTime() < createdAt.getTime() + UNDO_WINDOW_MS;
  return conflict(
    undoable
      ? `Already recorded as “${label}” at ${when}. Undo it first (within 10 minutes) to record something else.`
      : `Already recorded as “${label}” at ${when}; the 10 minutes to undo it have passed, so it stands.`,
    "outcome",
  );
}

/** A timestamp from json_agg (a timestamp without zone, so no offset): read it as UTC. */
export const jsonTimeUtc = (t: string) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t : `${t}Z`);
