import { Prisma, withTeam } from "@crm/db";
import { z } from "zod";
import { usesScore } from "../connections/filter/canonical";
import { parseFilter } from "../connections/filter/parse";
import { CONNECTION_STATUSES } from "../connections/filter/types";
import { matchingIdsSql, resolveIcp } from "../connections/query/list";
import { invalid } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { loadItemSummaries } from "./item-summary";
import { isCanonicalIsoTime } from "./notifications";
import { assertAccount, ITEM_ID, kindSql, parseKind, parseState, parseView, stateSql, viewSql, wakeSnoozed } from "./queue-views";
import { REVIEW_PAGE_LIMITS } from "./types";
import type * as T from "./types";

// The queue's table and the REST list. Order: oldest item first (createdAt, then id), one order
// for every view and kind so a keyset cursor stays valid across pages. (Score order was tempting
// for removals, but it is not an indexed column of the item; FIFO keeps the list cheap and
// stable.) The filter is the connections workspace's language, narrowing the items' people.

const FILTER_MAX = 20_000;
const CURSOR_MAX = 400;
const ZCursor = z.object({ c: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/), id: z.string().regex(ITEM_ID) }).strict();

type TAfter = z.infer<typeof ZCursor>;
const encodeCursor = (at: TAfter) => Buffer.from(JSON.stringify(at), "utf8").toString("base64url");

function decodeCursor(raw: string): TAfter {
  const broken = () => invalid("cursor", "This page link is not valid (it was changed or cut short). Go back to the first page.");
  if (raw.length > CURSOR_MAX || !/^[A-Za-z0-9_-]+$/.test(raw)) throw broken();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw broken();
  }
  const parsed = ZCursor.safeParse(json);
  // The regex lets "2026-02-30T…" through; only a time that round-trips is one we wrote.
  if (!parsed.success || !isCanonicalIsoTime(parsed.data.c)) throw broken();
  return parsed.data;
}

function pageLimit(limit: unknown): number {
  if (limit === undefined || limit === null) return REVIEW_PAGE_LIMITS.default;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > REVIEW_PAGE_LIMITS.max) {
    throw invalid("limit", `Ask for 1 to ${REVIEW_PAGE_LIMITS.max} items per page.`);
  }
  return limit;
}

/** The workspace filter from its query string; without a status it means every status (an approved removal is no longer "connected"). */
export function queueFilter(raw: string | undefined) {
  if (raw === undefined || raw.trim() === "" || raw.trim() === "?") return null;
  if (raw.length > FILTER_MAX) throw invalid("filter", `The filter has at most ${FILTER_MAX.toLocaleString("en")} characters.`);
  const query = raw.replace(/^\?/, "");
  const { filter, errors } = parseFilter(query);
  const first = errors[0];
  if (first) throw invalid("filter", `The filter has a problem with “${first.param}”: ${first.message}`);
  if (!new URLSearchParams(query).has("status")) filter.status = [...CONNECTION_STATUSES];
  return filter;
}

/** The WHERE condition over "ReviewItem" i for list input (without cursor), inside the caller's team transaction. */
export async function itemWhereSql(tx: Prisma.TransactionClient, ctx: TTeamContext, input: Omit<T.TReviewListInput, "cursor" | "limit">): Promise<Prisma.Sql> {
  const view = parseView(input.view);
  const kind = parseKind(input.kind);
  const state = parseState(input.state);
  const filter = queueFilter(input.filter);
  const accountId = await assertAccount(tx, ctx.teamId, input.accountId);
  const parts = [Prisma.sql`i."teamId" = ${ctx.teamId}`];
  if (accountId) parts.push(Prisma.sql`i."accountId" = ${accountId}`);
  if (view) parts.push(viewSql(view, ctx.userId));
  if (state) parts.push(stateSql(state));
  if (kind) parts.push(kindSql(kind));
  if (filter) {
    const icp = filter.icp || usesScore(filter) ? await resolveIcp(tx, ctx, filter) : null;
    parts.push(Prisma.sql`i."connectionId" IN (${matchingIdsSql(ctx, filter, icp?.id ?? null)})`);
  }
  return Prisma.join(parts, " AND ");
}

export async function listReviewItems(ctx: TTeamContext, input: T.TReviewListInput): Promise<T.TReviewPage> {
  const limit = pageLimit(input.limit);
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  return withTeam(
    ctx.teamId,
    async (tx) => {
      await wakeSnoozed(tx, ctx.teamId);
      const where = await itemWhereSql(tx, ctx, input);
      const keyset = after ? Prisma.sql` AND (i."createdAt", i.id) > (${after.c}::timestamp(3), ${after.id})` : Prisma.empty;
      const rows = await tx.$queryRaw<Array<{ id: string; createdAt: Date }>>`
        SELECT i.id, i."createdAt" FROM "ReviewItem" i
         WHERE ${where}${keyset}
         ORDER BY i."createdAt", i.id
         LIMIT ${limit + 1}`;
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const items = await loadItemSummaries(tx, ctx, page.map((r) => r.id));
      return { items, nextCursor: rows.length > limit && last ? encodeCursor({ c: last.createdAt.toISOString(), id: last.id }) : null };
    },
    { interactive: true },
  );
}
