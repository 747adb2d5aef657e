import { getReviewItem } from "@crm/core";
import { ZReviewItemDetail } from "@/features/api-v1/review-schemas";
import { apiJson, apiV1Route, otherMethods, pathId } from "@/lib/api-v1";
import { reviewerContext } from "@/lib/api-v1-reviewer";

export const GET = apiV1Route<{ id: string }>({ scope: "read" }, async (_req, { ctx, creatorRole, params }) =>
  apiJson(ZReviewItemDetail, await getReviewItem(reviewerContext({ ctx, creatorRole }), pathId(params.id, "This review item"))),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
