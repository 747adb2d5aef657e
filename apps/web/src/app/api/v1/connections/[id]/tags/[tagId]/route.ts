import { apiV1Route, otherMethods, pathId } from "@/lib/api-v1";
import { tagOne } from "@/features/api-v1/tag-one";

export const DELETE = apiV1Route<{ id: string; tagId: string }>({ scope: "write" }, async (_req, { ctx, params }) =>
  tagOne(ctx, pathId(params.id, "This connection"), pathId(params.tagId, "This tag"), "remove"),
);

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods("DELETE");
