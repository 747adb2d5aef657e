import type { z } from "zod";
import type { TOpenApiHelpers } from "./openapi-review";
import * as R from "./removal-schemas";

// Guided removal sessions' part of the OpenAPI document (openapi.ts assembles it): the removal
// budget of an account, recording an outcome for an approved removal, and undoing one; and the
// invitation withdrawals that share the account's lock (issue 17): their allowance in the budget's
// answer, their outcomes on the same outcome route, and their own undo.

type TJson = Record<string, unknown>;

export const REMOVAL_RESPONSES: Record<string, z.ZodType> = {
  RemovalBudget: R.ZRemovalBudget,
  RecordedOutcome: R.ZRecordedOutcome,
  OutcomeResult: R.ZOutcomeResult,
  UndoOutcomeResult: R.ZUndoOutcomeResult,
  BudgetRefused: R.ZBudgetRefused,
  AccountBudget: R.ZAccountBudget,
  WithdrawalBudget: R.ZWithdrawalBudget,
  RecordedWithdrawal: R.ZRecordedWithdrawal,
  WithdrawalResult: R.ZWithdrawalResult,
  ReviewOutcomeResult: R.ZReviewOutcomeResult,
  UndoWithdrawalResult: R.ZUndoWithdrawalResult,
};

export const REMOVAL_REQUESTS: Record<string, z.ZodType> = {
  OutcomeBody: R.ZOutcomeBody,
  WithdrawalOutcomeBody: R.ZWithdrawalOutcomeBody,
  ReviewOutcomeBody: R.ZReviewOutcomeBodyDoc,
  UndoOutcomeBody: R.ZUndoOutcomeBody,
};

const OWNER_ONLY =
  "The key acts as the member who created it; only the LinkedIn account's owner (the person signed in to it on LinkedIn) records and undoes its removals: anyone else's key gets 403 (code FORBIDDEN). Needs a read-and-write key.";

export function removalPaths(h: TOpenApiHelpers): TJson {
  const tags = ["Removals"];
  return {
    "/accounts/{accountId}/removal-budget": {
      get: {
        operationId: "getRemovalBudget",
        summary: "A LinkedIn account's removal budget: today's limit, what is used, and when the next removal is allowed",
        description:
          "Any member's key may read it. Days are the account's local days (`timeZone`); the week is the last 7 local days; the hour is the last 60 minutes. `nextAllowedAt` and `blockedBy` say what stops the next removal right now, if anything. `withdrawals` is the account's invitation withdrawal allowance in the same shape (30 a day by default, 45 s apart, 20 an hour).",
        tags,
        parameters: [h.pathParam("accountId", "A LinkedIn account id of the key's team; another team's id is 404.")],
        responses: { "200": h.ok("The budget now", "AccountBudget"), "404": h.err("NotFound"), ...h.READ_ERRORS },
      },
    },
    "/review-items/{id}/outcome": {
      post: {
        operationId: "recordRemovalOutcome",
        summary: "Record what happened on LinkedIn for an approved removal or invitation withdrawal",
        description: `The item must be an approved removal (\`removed\`, \`not_found\`, \`kept\`) or an approved invitation withdrawal (\`withdrawn\`, \`accepted\`, \`kept\`); an outcome of the other kind is a 400 naming the allowed values, and the answer has the kind's shape (\`connectionId\` or \`invitationId\`). \`withdrawn\` spends one withdrawal of the account's own withdrawal allowance (the \`withdrawals\` budget), paced and refused like removals; \`accepted\` and \`kept\` are free. For a removal: \`removed\` spends one removal of the account's budget, enforced on the server whatever the client: a removal the budget does not allow now is a 429 whose code says which limit (PACE_WAIT, HOURLY_LIMIT, DAILY_LIMIT or WEEKLY_LIMIT) with \`nextAllowedAt\` and Retry-After; nothing is recorded then. \`not_found\` and \`kept\` cost nothing. Recording the same outcome again (a retry) answers the first one with \`duplicate: true\` and counts nothing; a different outcome while one is recorded is a 409 (undo it first). ${OWNER_ONLY}`,
        tags,
        parameters: [h.pathParam("id", "A review item id of the key's team; another team's id is 404.")],
        requestBody: h.body("ReviewOutcomeBody"),
        responses: { "200": h.ok("The recorded outcome and the budget (or withdrawal allowance) after it", "ReviewOutcomeResult"), "404": h.err("NotFound"), "409": h.err("Conflict"), ...h.WRITE_ERRORS },
      },
    },
    "/removal-outcomes/{id}/undo": {
      post: {
        operationId: "undoRemovalOutcome",
        summary: "Undo a recorded outcome within 10 minutes",
        description: `The item goes back to today's session. Undoing a \`removed\` needs \`linkedInTouched\`: false (“I clicked by mistake”) gives the removal back to the budget; true keeps it spent. The other outcomes need no body. After 10 minutes, or for an outcome already undone, a 409 says what to do instead. ${OWNER_ONLY}`,
        tags,
        parameters: [h.pathParam("id", "An outcome id (`outcome.id` of the recording's answer) of the key's team; another team's id is 404.")],
        requestBody: { ...(h.body("UndoOutcomeBody") as TJson), required: false },
        responses: { "200": h.ok("The outcome after the undo and the budget", "UndoOutcomeResult"), "404": h.err("NotFound"), "409": h.err("Conflict"), ...h.WRITE_ERRORS },
      },
    },
    "/withdrawal-outcomes/{id}/undo": {
      post: {
        operationId: "undoWithdrawalOutcome",
        summary: "Undo a recorded invitation withdrawal outcome within 10 minutes",
        description: `The item goes back to the session (approved). Undoing a \`withdrawn\` needs \`linkedInTouched\`: false (“I clicked by mistake”) gives the withdrawal back to the allowance; true keeps it spent. \`accepted\` and \`kept\` need no body. After 10 minutes, or for an outcome already undone, a 409 says so. ${OWNER_ONLY}`,
        tags,
        parameters: [h.pathParam("id", "A withdrawal outcome id (`outcome.id` of the recording's answer) of the key's team; another team's id is 404.")],
        requestBody: { ...(h.body("UndoOutcomeBody") as TJson), required: false },
        responses: { "200": h.ok("The outcome after the undo and the withdrawal allowance", "UndoWithdrawalResult"), "404": h.err("NotFound"), "409": h.err("Conflict"), ...h.WRITE_ERRORS },
      },
    },
  };
}
