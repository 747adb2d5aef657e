import { isDomainError, listReviewItems } from "@crm/core";
import { parseReviewListQuery, ZReviewItemList } from "@/features/api-v1/review-schemas";
import { ApiError, apiJson, apiV1Route, otherMethods } from "@/lib/api-v1";
import { reviewerContext } from "@/lib/api-v1-reviewer";

export const GET = apiV1Route({ scope: "read" }, async (req, { ctx, creatorRole }) => {
  const q = parseReviewListQuery(new URL(req.url).searchParams);
  if (!q.ok) throw new ApiError(400, "VALIDATION", q.message, q.field);
  const { account, kind, state, cursor, limit } = q.value;
  try {
    const page = await listReviewItems(reviewerContext({ ctx, creatorRole }), { accountId: account, kind, state, cursor, limit });
    return apiJson(ZReviewItemList, { data: page.items, nextCursor: page.nextCursor });
  } catch (e) {
    // The only id the list looks up is the account: name the parameter, as the connections list does.
    if (account && isDomainError(e) && e.code === "NOT_FOUND") throw new ApiError(404, "NOT_FOUND", e.message, "account");
    throw e;
  }
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
