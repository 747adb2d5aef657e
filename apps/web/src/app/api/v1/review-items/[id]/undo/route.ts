import { undoReview } from "@crm/core";
import { ZReviewUndoResult } from "@/features/api-v1/review-schemas";
import { apiJson, apiV1Route, otherMethods, pathId } from "@/lib/api-v1";
import { reviewerContext } from "@/lib/api-v1-reviewer";

// No body: undo takes back the item's latest decision when the key's creator may decide, else
// their own vote of this round.
export const POST = apiV1Route<{ id: string }>({ scope: "write" }, async (_req, { ctx, creatorRole, params }) => {
  const r = await undoReview(reviewerContext({ ctx, creatorRole }), { itemId: pathId(params.id, "This review item") });
  return apiJson(ZReviewUndoResult, { restored: r.restored, skipped: r.skipped, item: r.item ?? null });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
