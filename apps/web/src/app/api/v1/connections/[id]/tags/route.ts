import { ZTagConnectionBody } from "@/features/api-v1/schemas";
import { apiV1Route, otherMethods, pathId, readBody } from "@/lib/api-v1";
import { tagOne } from "@/features/api-v1/tag-one";

export const POST = apiV1Route<{ id: string }>({ scope: "write" }, async (req, { ctx, params }) => {
  const id = pathId(params.id, "This connection");
  const { tagId } = await readBody(req, ZTagConnectionBody);
  return tagOne(ctx, id, tagId, "add");
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
