import { createTag, listTags } from "@crm/core";
import { ZCreateTagBody, ZTag, ZTagList } from "@/features/api-v1/schemas";
import { apiJson, apiV1Route, otherMethods, readBody } from "@/lib/api-v1";

export const GET = apiV1Route({ scope: "read" }, async (_req, { ctx }) => apiJson(ZTagList, { data: await listTags(ctx) }));

export const POST = apiV1Route({ scope: "write" }, async (req, { ctx }) => {
  const body = await readBody(req, ZCreateTagBody);
  return apiJson(ZTag, await createTag(ctx, body), 201);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
