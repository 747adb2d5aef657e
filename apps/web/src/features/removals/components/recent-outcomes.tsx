"use client";
import type { TOutcomeCode } from "@crm/core";
import { RecentOutcomesList, type TRecentCopy, type TRecentProps } from "@/features/guided/recent-outcomes-list";
import { OUTCOME_LABELS } from "../format";

// The removal lane's words for the shared list of today's outcomes.
const COPY: TRecentCopy<TOutcomeCode> = {
  testId: "removal-recent",
  questionTestId: "undo-question",
  empty: "Nothing recorded today yet.",
  labels: OUTCOME_LABELS,
  counted: "removed",
  givenBack: "Undone, budget given back",
  question: (name) => `Did you already remove ${name} on LinkedIn?`,
  explain: (name) => `Today’s budget comes back only if you did not: a removal LinkedIn saw still counts toward its pace. Either way ${name} goes back into today’s session.`,
  yes: "Yes, I removed them on LinkedIn",
};

/** Today's removal outcomes with Undo (the behaviour: RecentOutcomesList). */
export function RecentOutcomes(props: TRecentProps<TOutcomeCode>) {
  return <RecentOutcomesList copy={COPY} {...props} />;
}
