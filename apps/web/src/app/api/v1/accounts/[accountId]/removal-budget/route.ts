import { getRemovalBudget, getWithdrawalBudget } from "@crm/core";
import { ZAccountBudget } from "@/features/api-v1/removal-schemas";
import { apiJson, apiV1Route, otherMethods, pathId } from "@/lib/api-v1";

// Any member's key reads an account's removal budget, with its invitation withdrawal allowance
// under `withdrawals` (additive, issue 17); another team's account is a 404 (RLS).
export const GET = apiV1Route<{ accountId: string }>({ scope: "read" }, async (_req, { ctx, params }) => {
  const accountId = pathId(params.accountId, "This LinkedIn account");
  const now = new Date();
  const [budget, withdrawals] = await Promise.all([getRemovalBudget(ctx, accountId, { now }), getWithdrawalBudget(ctx, accountId, { now })]);
  return apiJson(ZAccountBudget, { ...budget, withdrawals });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
