import { castVote } from "@crm/core";
import { ZReviewItem, ZReviewVoteBody } from "@/features/api-v1/review-schemas";
import { apiJson, apiV1Route, otherMethods, pathId, readBody } from "@/lib/api-v1";
import { reviewerContext } from "@/lib/api-v1-reviewer";

// The vote is the key creator's: a second vote in the same round replaces their first.
export const POST = apiV1Route<{ id: string }>({ scope: "write" }, async (req, { ctx, creatorRole, params }) => {
  const id = pathId(params.id, "This review item");
  const body = await readBody(req, ZReviewVoteBody);
  return apiJson(ZReviewItem, await castVote(reviewerContext({ ctx, creatorRole }), id, body));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
