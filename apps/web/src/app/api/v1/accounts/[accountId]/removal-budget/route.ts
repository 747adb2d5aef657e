import { getRemovalBudget } from "@crm/core";
import { ZRemovalBudget } from "@/features/api-v1/removal-schemas";
import { apiJson, apiV1Route, otherMethods, pathId } from "@/lib/api-v1";

// Any member's key reads an account's removal budget; another team's account is a 404 (RLS).
export const GET = apiV1Route<{ accountId: string }>({ scope: "read" }, async (_req, { ctx, params }) =>
  apiJson(ZRemovalBudget, await getRemovalBudget(ctx, pathId(params.accountId, "This LinkedIn account"))),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
