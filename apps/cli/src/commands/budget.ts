import { parseArgs } from "node:util";
import { findAccountByLabel, getRemovalBudget, getWithdrawalBudget, isDomainError, operatorTeamContext, type TRemovalBudget, type TWithdrawalBudget } from "@crm/core";
import type { TCommand } from "./index";

const err = (msg: string) => process.stderr.write(`${msg}\n`);

/**
 * The fields and order of GET /api/v1/accounts/{accountId}/removal-budget (apps/web's
 * ZRemovalBudget): scripts compare the two, so the account id stays out here too.
 */
export const BUDGET_JSON_FIELDS = ["limit", "used", "remaining", "hourUsed", "weekUsed", "nextAllowedAt", "resetsAt", "timeZone", "hourlyLimit", "weeklyLimit", "gapSeconds", "blockedBy", "localDate"] as const;

const pick = (b: TRemovalBudget | TWithdrawalBudget) => Object.fromEntries(BUDGET_JSON_FIELDS.map((k) => [k, b[k]]));

/** The removal budget and, under `withdrawals`, the invitation withdrawal allowance (issue 17), as the GET answers them. */
export function budgetJson(b: TRemovalBudget, w: TWithdrawalBudget): string {
  return JSON.stringify({ ...pick(b), withdrawals: pick(w) });
}

export const BUDGET_COMMANDS: Record<string, TCommand> = {
  budget: {
    summary: "print a LinkedIn account's removal budget as JSON (the same as the REST API's GET)",
    usage:
      "budget --team <slug> --account <label>\n  Prints the account's removal budget now, as GET /api/v1/accounts/{accountId}/removal-budget answers it:\n  {limit, used, remaining, hourUsed, weekUsed, nextAllowedAt, resetsAt, timeZone, …, withdrawals: {…}}. Read-only.",
    run: async (args) => {
      const { values } = parseArgs({ args, options: { team: { type: "string" }, account: { type: "string" } } });
      if (!values.team || !values.account) {
        err("budget: --team <slug> and --account <label> are required");
        return 2;
      }
      try {
        const ctx = await operatorTeamContext(values.team);
        const account = await findAccountByLabel(ctx, values.account);
        const now = new Date();
        const [budget, withdrawals] = await Promise.all([getRemovalBudget(ctx, account.id, { now }), getWithdrawalBudget(ctx, account.id, { now })]);
        process.stdout.write(`${budgetJson(budget, withdrawals)}\n`);
        return 0;
      } catch (e) {
        if (isDomainError(e)) {
          err(`budget: ${e.details.field ? `${e.details.field}: ` : ""}${e.message}`);
          return 1;
        }
        throw e;
      }
    },
  },
};
