// Guided invitation withdrawals' shapes (issue 17, docs/decisions/0013). The budget has the
// removal budget's shape (one parser and one countdown for both lanes); the rest mirrors the
// removal session's types with the invitation in place of the connection.
import type { TGuidedAccount, TGuidedEnded, TGuidedOutcomeRow, TGuidedRecorded, TGuidedRecordResult, TGuidedUndoResult } from "../guided/types";
import type { TRemovalBudget } from "../removals/types";

export type TWithdrawalOutcomeCode = "withdrawn" | "accepted" | "kept";

/** The withdrawal allowance: TRemovalBudget's fields, counted over withdrawals. */
export type TWithdrawalBudget = TRemovalBudget;

export type TRecordedWithdrawal = TGuidedRecorded<TWithdrawalOutcomeCode> & { invitationId: string };

export type TWithdrawalResult = TGuidedRecordResult<TRecordedWithdrawal>;

export type TWithdrawalUndoResult = TGuidedUndoResult<TRecordedWithdrawal>;

export type TWithdrawalCard = {
  itemId: string;
  invitation: {
    invitationId: string;
    name: string;
    sentAt: string | null;
    /** Whole days since it was sent (null without a sent date). */
    ageDays: number | null;
    hasMessage: boolean;
  };
  /** The person's profile, or a LinkedIn people search when the archive had no URL. */
  link: { kind: "profile" | "search"; url: string };
  /** LinkedIn's list of sent invitations, where the Withdraw button is. */
  sentInvitationsUrl: string;
  why: {
    decidedBy: { id: string; name: string } | null;
    decidedAt: string | null;
    decisionReason: string | null;
    /** The rules' sentences ("Sent 2026-08-01 without a personal message"). */
    rules: string[];
    votes: Array<{ user: { id: string; name: string }; choice: string; reason: string | null }>;
  };
  /** "Still pending in your export of 2026-12-01": an earlier withdrawal did not happen. */
  retryNote: string | null;
};

export type TWithdrawalOutcomeRow = TGuidedOutcomeRow<TWithdrawalOutcomeCode>;

export type TWithdrawalSession = {
  account: TGuidedAccount;
  canRun: boolean;
  budget: TWithdrawalBudget;
  /** The invitation to act on now (owner only); null when blocked for the day, empty or not the owner. */
  card: TWithdrawalCard | null;
  /** Approved withdrawals not yet acted on, the card included. */
  approved: number;
  /** The next few after the card, in the session's order (owner only; at most 5). */
  upNext: Array<{ itemId: string; name: string; sentAt: string | null; hasMessage: boolean }>;
  /** "4 of 30 today, 12 this week". */
  progress: string;
  /** Today's outcomes, newest first (at most 20). */
  recent: TWithdrawalOutcomeRow[];
  ended: TGuidedEnded;
};

export type TWithdrawalPolicy = {
  accountId: string;
  accountLabel: string;
  timeZone: string;
  defaultDailyLimit: number;
  hardCap: number;
  dailyLimit: number;
  dailyLimitOverridden: boolean;
  gapSeconds: number;
  hourlyLimit: number;
  weeklyLimit: number;
  /** Above 30 a day: why that is risky (required to be acknowledged when saving). */
  warning: string | null;
  canEdit: boolean;
};

export type TWithdrawalPolicyInput = {
  /** null: back to the default (30). */
  withdrawDailyLimit: number | null;
  /** Required (true) for a daily limit above 30. */
  acknowledgeRisk?: boolean;
};
