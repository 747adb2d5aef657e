import { changeTags, getConnection, type TTeamContext } from "@crm/core";
import { ZConnectionTags } from "@/features/api-v1/schemas";
import { apiJson } from "@/lib/api-v1";

/** One tag on one connection; the connection is looked up first so an unknown id is a 404, not a no-op. */
export async function tagOne(ctx: TTeamContext, connectionId: string, tagId: string, op: "add" | "remove"): Promise<Response> {
  const before = await getConnection(ctx, connectionId);
  const { count } = await changeTags(ctx, { tagId, op, target: { ids: [connectionId] } });
  const tags = count > 0 ? (await getConnection(ctx, connectionId)).tags : before.tags;
  return apiJson(ZConnectionTags, { connectionId, changed: count > 0, tags });
}
