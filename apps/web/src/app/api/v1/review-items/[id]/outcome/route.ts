import { recordOutcome } from "@crm/core";
import { ZOutcomeBody, ZOutcomeResult } from "@/features/api-v1/removal-schemas";
import { apiJson, apiV1Route, otherMethods, pathId, readBody } from "@/lib/api-v1";

// Recorded as the key's creator: the service refuses (403) anyone but the account's owner, and a
// "removed" the budget does not allow now (BudgetRefusedError → 429 with nextAllowedAt, api-v1.ts).
export const POST = apiV1Route<{ id: string }>({ scope: "write" }, async (req, { ctx, params }) => {
  const id = pathId(params.id, "This review item");
  const body = await readBody(req, ZOutcomeBody);
  return apiJson(ZOutcomeResult, await recordOutcome(ctx, id, body));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
