import { invalid } from "../errors";
import { REVIEW_CHOICE_CODES, REVIEW_REASON_MAX, type TReviewChoiceCode } from "./types";
import type { TReviewChoiceEnum } from "./codes";

// What a vote or decision says, checked once for the single, bulk and API paths. Errors name the
// field the form or API client has to fix.

export type TChoiceInput = {
  choice: TReviewChoiceEnum;
  code: TReviewChoiceCode;
  reason: string | null;
  snoozeUntil: Date | null;
  /** Follow-up decisions only: the reminder's due date. */
  followUpOn: Date | null;
};

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;

export const CHOICE_LABELS: Record<TReviewChoiceCode, string> = { keep: "Keep", remove: "Remove", follow_up: "Follow up", snooze: "Snooze" };

/** The same choices as a withdraw_invitation item shows them (docs/decisions/0013); it has no follow-up. */
export const INVITATION_CHOICE_LABELS: Record<TReviewChoiceCode, string> = { keep: "Keep waiting", remove: "Withdraw", follow_up: "Follow up", snooze: "Snooze" };

/** The labels for an item of this kind (enum or code). */
export const choiceLabelsFor = (kind: string | null | undefined) => (kind?.toUpperCase() === "WITHDRAW_INVITATION" ? INVITATION_CHOICE_LABELS : CHOICE_LABELS);

export const FOLLOW_UP_NOT_FOR_INVITATION = "Follow-up is not a choice for an invitation; choose Withdraw, Keep waiting or Snooze.";

/** A choice this kind of item takes: an invitation (WITHDRAW_INVITATION) is withdrawn, kept waiting or snoozed, never followed up. */
export function assertChoiceForKind(kind: string, choice: TReviewChoiceEnum): void {
  if (kind === "WITHDRAW_INVITATION" && choice === "FOLLOW_UP") throw invalid("choice", FOLLOW_UP_NOT_FOR_INVITATION);
}

export function parseChoice(raw: unknown): { choice: TReviewChoiceEnum; code: TReviewChoiceCode } {
  const code = typeof raw === "string" ? raw.trim().toLowerCase() : "";
  if (!(REVIEW_CHOICE_CODES as readonly string[]).includes(code)) {
    const shown = typeof raw === "string" ? `“${raw.slice(0, 40)}” is not a choice. ` : "";
    throw invalid("choice", `${shown}Choose one of: ${REVIEW_CHOICE_CODES.join(", ")}.`);
  }
  return { choice: code.toUpperCase() as TReviewChoiceEnum, code: code as TReviewChoiceCode };
}

export function parseReason(raw: unknown): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== "string") throw invalid("reason", "The reason must be text.");
  const reason = raw.replace(/\r\n?/g, "\n").trim();
  if (reason.length > REVIEW_REASON_MAX) throw invalid("reason", `A reason has at most ${REVIEW_REASON_MAX} characters (this one has ${reason.length}).`);
  return reason || null;
}

/** An ISO date (start of that day, UTC) or date-time; null when absent. */
function parseDate(field: string, raw: unknown): Date | null {
  if (raw === undefined || raw === null || raw === "") return null;
  const s = typeof raw === "string" ? raw.trim() : "";
  const ok = DATE_ONLY.test(s) || DATE_TIME.test(s);
  const d = ok ? new Date(DATE_ONLY.test(s) ? `${s}T00:00:00Z` : s) : null;
  if (!d || Number.isNaN(d.getTime())) throw invalid(field, "Give a date as YYYY-MM-DD (or an ISO date and time).");
  // Date rolls an impossible day over ("2027-02-30" → 2 March): the calendar day must read back.
  const day = s.slice(0, 10);
  if (new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) throw invalid(field, `${day} is not a date in the calendar.`);
  return d;
}

function mustBeAhead(field: string, d: Date, now: Date, what: string): Date {
  if (d.getTime() <= now.getTime()) throw invalid(field, `${what} must be in the future.`);
  if (d.getTime() > now.getTime() + 366 * DAY_MS) throw invalid(field, `${what} can be at most one year ahead.`);
  return d;
}

export function parseChoiceInput(
  raw: { choice: unknown; reason?: unknown; snoozeUntil?: unknown; followUpOn?: unknown },
  now = new Date(),
): TChoiceInput {
  const { choice, code } = parseChoice(raw.choice);
  const reason = parseReason(raw.reason);
  let snoozeUntil: Date | null = null;
  if (choice === "SNOOZE") {
    const d = parseDate("snoozeUntil", raw.snoozeUntil);
    if (!d) throw invalid("snoozeUntil", "Snoozing needs a date to bring the item back on.");
    snoozeUntil = mustBeAhead("snoozeUntil", d, now, "The snooze date");
  }
  let followUpOn: Date | null = null;
  if (choice === "FOLLOW_UP") {
    const d = parseDate("followUpOn", raw.followUpOn);
    followUpOn = d ? mustBeAhead("followUpOn", d, now, "The follow-up date") : null;
  }
  return { choice, code, reason, snoozeUntil, followUpOn };
}

/** Decisions always carry the version the decider saw. */
export function parseVersion(raw: unknown, required: boolean): number | null {
  if (raw === undefined || raw === null) {
    if (required) throw invalid("version", "Send the item's version (from when you loaded it), so a change made meanwhile is not overwritten.");
    return null;
  }
  if (typeof raw !== "number" || !Number.isInteger(raw) || raw < 1 || raw > 2_147_483_647) throw invalid("version", "The version is a positive whole number.");
  return raw;
}
