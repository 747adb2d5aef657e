import { recordReviewOutcome } from "@crm/core";
import { ZOutcomeResult, ZReviewOutcomeBody, ZWithdrawalResult } from "@/features/api-v1/removal-schemas";
import { apiJson, apiV1Route, otherMethods, pathId, readBody } from "@/lib/api-v1";

// Recorded as the key's creator: the service refuses (403) anyone but the account's owner, and a
// "removed" or "withdrawn" the allowance does not allow now (BudgetRefusedError → 429 with
// nextAllowedAt, api-v1.ts). The item's kind picks the session: a removal or an invitation
// withdrawal (docs/decisions/0013); an outcome of the other kind is a 400 naming the allowed ones.
export const POST = apiV1Route<{ id: string }>({ scope: "write" }, async (req, { ctx, params }) => {
  const id = pathId(params.id, "This review item");
  const body = await readBody(req, ZReviewOutcomeBody);
  const r = await recordReviewOutcome(ctx, id, body);
  // The wire format has no `kind`: the answer's shape says it (apiJson keeps only the schema's fields).
  return r.kind === "withdraw_invitation" ? apiJson(ZWithdrawalResult, r) : apiJson(ZOutcomeResult, r);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
