import type { TRemovalBudget } from "@crm/core";
import { progressText } from "../format";

/** "12 of 20 today, 61 this week" with the hour's count: always visible on the session page. */
export function BudgetLine({ budget, plannedToday, leftToday, backlog }: { budget: TRemovalBudget; plannedToday: number; leftToday: number; backlog: number }) {
  return (
    <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 rounded-md bg-gray-50 px-4 py-3 ring-1 ring-gray-200">
      <p className="text-lg font-semibold tabular-nums text-gray-900" data-testid="removal-progress">{progressText(budget)}</p>
      <p className="text-sm text-gray-700">
        {budget.hourUsed} of {budget.hourlyLimit} this hour · {budget.remaining} left today · {leftToday} of {plannedToday} planned still to do
        {backlog > 0 && <> · {backlog} approved for later days</>}
      </p>
    </div>
  );
}
