import { Prisma, type TTx } from "@crm/db";
import { invalid } from "../errors";
import type { TTeamContext } from "../teams/membership";
import type { TConnectionFilter } from "./filter/types";
import { matchingIdsSql, resolveIcp } from "./query/list";

// What a bulk action applies to: the rows the user ticked, or everything matching the filter they
// were looking at ("all N matching"), resolved in SQL so 30,000 ids never travel to the browser.

export type TBulkTarget = { ids: string[] } | { filter: TConnectionFilter };

export const MAX_TARGET_IDS = 5_000;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `SELECT c.id …` for the target, always limited to the team's connections. */
export async function targetIdsSql(tx: TTx, ctx: TTeamContext, target: TBulkTarget): Promise<Prisma.Sql> {
  if ("filter" in target) {
    const icp = await resolveIcp(tx, ctx, target.filter);
    return matchingIdsSql(ctx, target.filter, icp?.id ?? null);
  }
  const ids = [...new Set(target.ids)];
  if (ids.length === 0) throw invalid("ids", "Select at least one connection.");
  if (ids.length > MAX_TARGET_IDS) throw invalid("ids", `Select at most ${MAX_TARGET_IDS} connections, or apply the action to all matching the filter.`);
  const bad = ids.find((id) => !ID.test(id));
  if (bad !== undefined) throw invalid("ids", `“${bad.slice(0, 40)}” is not a connection id.`);
  return Prisma.sql`SELECT c.id FROM "Connection" c WHERE c."teamId" = ${ctx.teamId} AND c.id = ANY(${ids}::text[])`;
}
