import { Prisma, type TTx } from "@crm/db";
import { conflict, invalid } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { itemWhereSql } from "./list-review-items";
import { wakeSnoozed } from "./queue-views";
import { BULK_REVIEW_MAX, type TReviewListInput } from "./types";

// "All N matching" for a bulk review action: exactly the queue list's WHERE (list-review-items.ts
// itemWhereSql, with its filter defaults), so "all N matching" acts on the N the list shows, and
// the ids never travel to the browser.

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The list's condition over ReviewItem `i` (kept under this name for callers of bulk-target). */
export async function reviewItemsWhere(tx: TTx, ctx: TTeamContext, f: Omit<TReviewListInput, "cursor" | "limit">): Promise<Prisma.Sql> {
  return itemWhereSql(tx, ctx, f);
}

/** The target's item ids in this team (at most BULK_REVIEW_MAX + 1, so "too many" shows), and unknown ids. */
export async function resolveBulkTarget(
  tx: TTx,
  ctx: TTeamContext,
  target: { ids: string[] } | { all: Omit<TReviewListInput, "cursor" | "limit">; expectedCount?: number },
): Promise<{ ids: string[]; unknown: string[] }> {
  if ("ids" in target) {
    if (!Array.isArray(target.ids)) throw invalid("ids", "Select at least one item.");
    const ids = [...new Set(target.ids)];
    if (ids.length === 0) throw invalid("ids", "Select at least one item.");
    if (ids.length > BULK_REVIEW_MAX) throw invalid("ids", `Select at most ${BULK_REVIEW_MAX.toLocaleString("en")} items.`);
    const bad = ids.find((id) => typeof id !== "string" || !ID.test(id));
    if (bad !== undefined) throw invalid("ids", `“${String(bad).slice(0, 40)}” is not an item id.`);
    const found = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "ReviewItem" WHERE "teamId" = ${ctx.teamId} AND id IN (SELECT unnest(${ids}::text[]))`;
    const known = new Set(found.map((r) => r.id));
    return { ids: ids.filter((id) => known.has(id)), unknown: ids.filter((id) => !known.has(id)) };
  }
  await wakeSnoozed(tx, ctx.teamId);
  const where = await reviewItemsWhere(tx, ctx, target.all ?? {});
  const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT i.id FROM "ReviewItem" i WHERE ${where} ORDER BY i.id LIMIT ${BULK_REVIEW_MAX + 1}`;
  if (rows.length > BULK_REVIEW_MAX) throw invalid("target", `More than ${BULK_REVIEW_MAX.toLocaleString("en")} items match: narrow the filter.`);
  if (target.expectedCount !== undefined && target.expectedCount !== rows.length) {
    throw conflict(`The list changed: ${rows.length.toLocaleString("en")} now match (you saw ${target.expectedCount.toLocaleString("en")}). Check it and try again.`, "expectedCount");
  }
  return { ids: rows.map((r) => r.id), unknown: [] };
}
