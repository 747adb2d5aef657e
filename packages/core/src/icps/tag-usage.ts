import { withTeam } from "@crm/db";
import type { TTeamContext } from "../teams/membership";
import { tagUsage } from "./tag-rules";

/** Which profiles have a rule on each tag: the tags page says so before a
 *  rename, merge or delete. */
export type TTagIcpUse = Record<string, Array<{ id: string; name: string }>>;

export async function listTagIcpUsage(ctx: TTeamContext): Promise<TTagIcpUse> {
  const usage = await withTeam(ctx.teamId, (tx) => tagUsage(tx, ctx.teamId));
  return Object.fromEntries(usage);
}
