"use client";
import type { TWithdrawalOutcomeCode } from "@crm/core";
import { RecentOutcomesList, type TRecentCopy, type TRecentProps } from "@/features/guided/recent-outcomes-list";
import { WITHDRAW_OUTCOME_LABELS } from "../format";

// The withdrawal lane's words for the shared list of today's outcomes.
const COPY: TRecentCopy<TWithdrawalOutcomeCode> = {
  testId: "withdrawal-recent",
  questionTestId: "withdrawal-undo-question",
  empty: "No withdrawals recorded today yet.",
  labels: WITHDRAW_OUTCOME_LABELS,
  counted: "withdrawn",
  givenBack: "Undone, given back to today’s withdrawals",
  question: (name) => `Did you already withdraw the invitation to ${name} on LinkedIn?`,
  explain: (name) => `Today’s withdrawal comes back only if you did not: a withdrawal LinkedIn saw still counts toward its pace. Either way ${name} goes back into the session.`,
  yes: "Yes, I withdrew it on LinkedIn",
};

/** Today's withdrawal outcomes with Undo (the behaviour: RecentOutcomesList). */
export function WithdrawalRecent(props: TRecentProps<TWithdrawalOutcomeCode>) {
  return <RecentOutcomesList copy={COPY} {...props} />;
}
