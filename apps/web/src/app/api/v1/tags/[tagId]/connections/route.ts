import { changeTags } from "@crm/core";
import { ZBulkTagBody, ZBulkTagResult } from "@/features/api-v1/schemas";
import { apiJson, apiV1Route, otherMethods, pathId, readBody } from "@/lib/api-v1";

// Bulk tagging by id. Ids of other teams (or unknown ones) are skipped by the team-scoped query,
// so `count` says how many of the team's connections actually changed.
const bulk = (op: "add" | "remove") =>
  apiV1Route<{ tagId: string }>({ scope: "write" }, async (req, { ctx, params }) => {
    const tagId = pathId(params.tagId, "This tag");
    const { connectionIds } = await readBody(req, ZBulkTagBody);
    return apiJson(ZBulkTagResult, await changeTags(ctx, { tagId, op, target: { ids: connectionIds } }));
  });

export const POST = bulk("add");
export const DELETE = bulk("remove");

export const { GET, PUT, PATCH, OPTIONS } = otherMethods("POST", "DELETE");
