import type { TLastChange } from "../review/review-write";
import type { TRemovalBudget } from "../removals/types";

// Shapes both guided sessions (removals, invitation withdrawals) answer with, so the session pages
// and their JSON routes read them the same way. Each session names them (TSessionOutcomeRow,
// TWithdrawalOutcomeRow, ...) with its own outcome codes.

/** One of today's outcomes in a session's "recent" list. */
export type TGuidedOutcomeRow<TCode extends string> = {
  outcomeId: string;
  itemId: string;
  name: string;
  outcome: TCode;
  createdAt: string;
  /** Still undoable until then; null when no longer. */
  undoUntil: string | null;
  budgetReturned: boolean;
  undone: boolean;
};

/** The account a session runs for, with its owner (the only one who runs it). */
export type TGuidedAccount = { id: string; label: string; timeZone: string; owner: { id: string; name: string } };

/** Why the session is over for now, until when, and the sentence to show. */
export type TGuidedEnded = null | { reason: "DAILY_LIMIT" | "WEEKLY_LIMIT" | "EMPTY"; resetsAt: string; message: string };

/**
 * The review item as a record path decides on it (read and locked right after the account's lock):
 * its review state and who decided, plus its live outcome. Each session adds what it acts on.
 */
export type TGuidedItemState<TEnum extends string> = {
  state: "OPEN" | "SNOOZED" | "APPROVED" | "DONE" | "CLOSED";
  decision: string | null;
  decidedByName: string | null;
  decidedById: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  snoozedUntil: Date | null;
  closedReason: string | null;
  closedAt: Date | null;
  executedAt: Date | null;
  lastChange: TLastChange | null;
  settings: unknown;
  actorName: string;
  liveId: string | null;
  liveOutcome: TEnum | null;
  liveAt: Date | null;
  liveCounted: boolean | null;
};

/** A recorded outcome as record and undo answer with it; each session adds what it acted on. */
export type TGuidedRecorded<TCode extends string> = {
  id: string;
  itemId: string;
  outcome: TCode;
  createdAt: string;
  /** Undo is possible until then (10 minutes); null once undone or superseded. */
  undoUntil: string | null;
  /** It spent budget (the counted outcome, not given back). */
  counted: boolean;
};

/** What recording answers: the outcome and the budget after it. */
export type TGuidedRecordResult<TOutcome> = {
  outcome: TOutcome;
  /** The same outcome was already live for this item (double click, retry): nothing counted twice. */
  duplicate: boolean;
  budget: TRemovalBudget;
};

/** What undoing answers: the outcome and the budget after it. */
export type TGuidedUndoResult<TOutcome> = {
  outcome: TOutcome;
  /** True when the budget came back (a counted outcome undone with LinkedIn untouched). */
  budgetReturned: boolean;
  budget: TRemovalBudget;
};
