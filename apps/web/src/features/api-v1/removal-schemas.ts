import { z } from "zod";
import { strictBody } from "./review-schemas";
import type { TLimitCode, TOutcomeCode, TWithdrawalOutcomeCode } from "@crm/core";

// Guided removal sessions in /api/v1 (issue 11): an account's removal budget, recording what
// happened on LinkedIn for an approved removal, and undoing it. The wire format is the services'
// TRemovalBudget / TOutcomeResult / TUndoResult as they are; apiJson strips anything else (the
// budget's accountId is the path's). The CLI's `budget` command prints the same budget fields.

const ZInstant = z.string().describe("ISO 8601 date-time, UTC");

export const OUTCOME_CODES = ["removed", "not_found", "kept"] as const satisfies readonly TOutcomeCode[];
/** For a WITHDRAW_INVITATION item (issue 17): the invitation withdrawal's outcomes. */
export const WITHDRAWAL_OUTCOME_CODES = ["withdrawn", "accepted", "kept"] as const satisfies readonly TWithdrawalOutcomeCode[];
/** What POST /review-items/{id}/outcome takes: the item's kind says which of them fit. */
export const ANY_OUTCOME_CODES = ["removed", "not_found", "kept", "withdrawn", "accepted"] as const;
export const LIMIT_CODES = ["PACE_WAIT", "HOURLY_LIMIT", "DAILY_LIMIT", "WEEKLY_LIMIT"] as const satisfies readonly TLimitCode[];

export const ZLimitCode = z
  .enum(LIMIT_CODES)
  .describe("PACE_WAIT: the gap after the last removal (about 90 s, jittered) has not passed; HOURLY_LIMIT: the rolling hour's ceiling; DAILY_LIMIT: today's limit (the account's local day); WEEKLY_LIMIT: the ceiling of the last 7 local days.");

/** The GET's body, and the `budget` of every write's answer. */
export const ZRemovalBudget = z.object({
  limit: z.int().min(0).max(50).describe("The daily limit in force: the account owner's, or the default for the account's size (10, 20 or 25); never above 50."),
  used: z.int().min(0).describe("Removals confirmed today (the account's local day)."),
  remaining: z.int().min(0).describe("Removals still allowed today: the daily limit left, capped by the weekly room."),
  hourUsed: z.int().min(0).describe("Removals confirmed in the last 60 minutes."),
  weekUsed: z.int().min(0).describe("Removals in the last 7 local days, today included."),
  nextAllowedAt: ZInstant.nullable().describe("When the next “removed” is allowed; null when it is allowed now."),
  resetsAt: ZInstant.describe("The start of the account's next local day, when `used` starts again from 0."),
  timeZone: z.string().describe("The account's IANA time zone: its days are counted in it."),
  hourlyLimit: z.int().min(1),
  weeklyLimit: z.int().min(1),
  gapSeconds: z.int().min(0).describe("The minimum gap between removals before jitter (±20 %, never below 30 s)."),
  blockedBy: ZLimitCode.nullable().describe("What stops a removal until `nextAllowedAt`; null when nothing does."),
  localDate: z.string().describe("Today in the account's time zone (YYYY-MM-DD)."),
});
export const BUDGET_FIELDS = Object.keys(ZRemovalBudget.shape) as Array<keyof typeof ZRemovalBudget.shape>;

export const ZRemovalOutcomeCode = z.enum(OUTCOME_CODES);

export const ZRecordedOutcome = z.object({
  id: z.string().describe("The outcome's id: POST /removal-outcomes/{id}/undo takes it back."),
  itemId: z.string().describe("The review item (an approved removal)."),
  connectionId: z.string(),
  outcome: ZRemovalOutcomeCode,
  createdAt: ZInstant,
  undoUntil: ZInstant.nullable().describe("Undo is possible until then (10 minutes after it was recorded); null once undone or superseded."),
  counted: z.boolean().describe("It spent budget: a “removed” not given back by an undo."),
});

export const ZOutcomeResult = z.object({
  outcome: ZRecordedOutcome,
  duplicate: z.boolean().describe("The same outcome was already recorded for this item (a retry or double click): it was not counted again."),
  budget: ZRemovalBudget,
});

export const ZUndoOutcomeResult = z.object({
  outcome: ZRecordedOutcome,
  budgetReturned: z.boolean().describe("The budget came back: a “removed” undone with linkedInTouched false."),
  budget: ZRemovalBudget,
});

// --- invitation withdrawals (issue 17) ---------------------------------------------------------

/** The withdrawal allowance: the removal budget's fields, counted over withdrawals (30 a day by default, never above 60). */
export const ZWithdrawalBudget = ZRemovalBudget.extend({
  limit: z.int().min(0).max(60).describe("The daily withdrawal limit in force: the account owner's, or 30; never above 60."),
  used: z.int().min(0).describe("Withdrawals confirmed today (the account's local day)."),
  remaining: z.int().min(0).describe("Withdrawals still allowed today: the daily limit left, capped by the weekly room."),
  hourUsed: z.int().min(0).describe("Withdrawals confirmed in the last 60 minutes (at most 20 an hour)."),
  weekUsed: z.int().min(0).describe("Withdrawals in the last 7 local days, today included (at most 5 × the daily limit)."),
  nextAllowedAt: ZInstant.nullable().describe("When the next “withdrawn” is allowed; null when it is allowed now."),
  gapSeconds: z.int().min(0).describe("The minimum gap between withdrawals before jitter (45 s, ±20 %, never below 30 s)."),
  blockedBy: ZLimitCode.nullable().describe("What stops a withdrawal until `nextAllowedAt`; null when nothing does."),
});

/** GET /accounts/{accountId}/removal-budget: the removal budget, plus the withdrawal allowance (additive). */
export const ZAccountBudget = ZRemovalBudget.extend({
  withdrawals: ZWithdrawalBudget.describe("The account's invitation withdrawal allowance: its own counts and limits, on the same lock as removals."),
});

export const ZWithdrawalOutcomeCode = z.enum(WITHDRAWAL_OUTCOME_CODES);

export const ZRecordedWithdrawal = z.object({
  id: z.string().describe("The outcome's id: POST /withdrawal-outcomes/{id}/undo takes it back."),
  itemId: z.string().describe("The review item (an approved invitation withdrawal)."),
  invitationId: z.string(),
  outcome: ZWithdrawalOutcomeCode,
  createdAt: ZInstant,
  undoUntil: ZInstant.nullable().describe("Undo is possible until then (10 minutes after it was recorded); null once undone or superseded."),
  counted: z.boolean().describe("It spent allowance: a “withdrawn” not given back by an undo."),
});

export const ZWithdrawalResult = z.object({
  outcome: ZRecordedWithdrawal,
  duplicate: z.boolean().describe("The same outcome was already recorded for this item (a retry or double click): it was not counted again."),
  budget: ZWithdrawalBudget,
});

export const ZUndoWithdrawalResult = z.object({
  outcome: ZRecordedWithdrawal,
  budgetReturned: z.boolean().describe("The allowance came back: a “withdrawn” undone with linkedInTouched false."),
  budget: ZWithdrawalBudget,
});

/** The answer of POST /review-items/{id}/outcome: a removal's or a withdrawal's, by the item's kind. */
export const ZReviewOutcomeResult = z.union([ZOutcomeResult, ZWithdrawalResult]);

/** The 429 of a “removed” the account's pace does not allow now. */
export const ZBudgetRefused = z.object({
  error: z.object({
    code: ZLimitCode,
    message: z.string().describe("Which limit, and when the next removal is allowed (in the account's time zone)."),
    nextAllowedAt: ZInstant.describe("When the next “removed” is allowed; Retry-After says the same in seconds."),
  }),
});

// --- requests ----------------------------------------------------------------------------------
export const ZOutcomeBody = strictBody({
  outcome: z
    .enum(OUTCOME_CODES, {
      error: (iss) =>
        iss.input === undefined
          ? `Give an outcome: one of ${OUTCOME_CODES.join(", ")}.`
          : `Unknown outcome “${String(iss.input).slice(0, 40)}”. Use one of ${OUTCOME_CODES.join(", ")}.`,
    })
    .describe("removed: you removed them on LinkedIn (spends one removal of the budget); not_found: you could not find them (costs nothing, they leave today's plan); kept: you keep them after all (costs nothing, decided Keep)."),
});

/** The body for an invitation withdrawal item (issue 17). */
export const ZWithdrawalOutcomeBody = strictBody({
  outcome: ZWithdrawalOutcomeCode.describe(
    "withdrawn: you withdrew the invitation on LinkedIn (spends one withdrawal of the allowance); accepted: they accepted it meanwhile (free, the item is done); kept: keep waiting (free, decided Keep).",
  ),
});

/** The documented body of POST /review-items/{id}/outcome: a removal's or a withdrawal's, by the item's kind. */
export const ZReviewOutcomeBodyDoc = z.union([ZOutcomeBody, ZWithdrawalOutcomeBody]);

/**
 * What the route reads: any of the five codes, with one message naming both sets; whether the
 * code fits the item's kind is the service's 400 (it knows the kind).
 */
export const ZReviewOutcomeBody = strictBody({
  outcome: z.enum(ANY_OUTCOME_CODES, {
    error: (iss) =>
      iss.input === undefined
        ? `Give an outcome: one of ${OUTCOME_CODES.join(", ")} for a removal, or ${WITHDRAWAL_OUTCOME_CODES.join(", ")} for an invitation withdrawal.`
        : `Unknown outcome “${String(iss.input).slice(0, 40)}”. Use one of ${OUTCOME_CODES.join(", ")} for a removal, or ${WITHDRAWAL_OUTCOME_CODES.join(", ")} for an invitation withdrawal.`,
  }),
});

export const ZUndoOutcomeBody = strictBody({
  linkedInTouched: z
    .boolean("linkedInTouched must be true or false.")
    .optional()
    .describe("Required to undo a “removed” (or a “withdrawn”): false (“I clicked by mistake”, LinkedIn was not touched) gives the budget back; true keeps it spent, since LinkedIn saw a removal. Ignored for the other outcomes."),
});
