import { decideItem } from "@crm/core";
import { ZReviewDecisionBody, ZReviewItem } from "@/features/api-v1/review-schemas";
import { apiJson, apiV1Route, otherMethods, pathId, readBody } from "@/lib/api-v1";
import { reviewerContext } from "@/lib/api-v1-reviewer";

// Decided as the key's creator; the service refuses (403) a member who may not decide for the
// account and (409) a stale version, saying what changed.
export const POST = apiV1Route<{ id: string }>({ scope: "write" }, async (req, { ctx, creatorRole, params }) => {
  const id = pathId(params.id, "This review item");
  const body = await readBody(req, ZReviewDecisionBody);
  return apiJson(ZReviewItem, await decideItem(reviewerContext({ ctx, creatorRole }), id, body));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
