// Guided invitation withdrawals (issue 17, docs/decisions/0013).
export * from "./types";
export { WITHDRAW_DEFAULT_DAILY, WITHDRAW_HARD_CAP, WITHDRAW_WARN_ABOVE, WITHDRAW_GAP_SECONDS, WITHDRAW_HOURLY_LIMIT, WITHDRAW_WEEKLY_FACTOR, withdrawalLimits, withdrawRiskWarning } from "./policy";
export { WITHDRAWAL_OUTCOME_CODES } from "./input";
export { getWithdrawalBudget } from "./budget";
export { recordWithdrawal } from "./record";
export { undoWithdrawal } from "./undo";
export { recordReviewOutcome, type TReviewOutcomeResult } from "./dispatch";
export { getWithdrawalSession, progressText as withdrawalProgressText, SENT_INVITATIONS_URL } from "./session";
export { getWithdrawalPolicy, updateWithdrawalPolicy } from "./policy-service";
