import { isQueryTimeout, withTeamRaw, type Prisma, type TPrelude, type TRawTx } from "@crm/db";
import { DomainError, invalid } from "../../errors";
import type { TTeamContext } from "../../teams/membership";
import { usesScore } from "../filter/canonical";
import { fromSql, matchingIdsQuery, whereSql, type TSqlScope } from "../filter/sql";
import type { TConnectionFilter } from "../filter/types";
import { decodeCursor, encodeCursor, type TKeyset } from "./cursor";
import { assertFilterRefs } from "./filter-refs";
import { fetchPage, type TConnectionRow } from "./rows";

// The connections query service: the table's pages, the count behind "all N matching", the id
// set bulk actions run on, and a batch walk for exports. All of it is the same WHERE clause
// (filter/sql.ts) inside the team's transaction, as interactive reads: each statement is bounded
// by QUERY_TIMEOUT_MS, and a caller's AbortSignal (the request's) cancels it on the server. Reads
// run on the lean pg path (withTeamRaw, decision 0011): a Prisma interactive transaction alone
// cost more than the page's statements (issue 13).

export type { TConnectionRow } from "./rows";

export type TIcpRef = { id: string; name: string };
export type TConnectionPage = { rows: TConnectionRow[]; nextCursor: string | null; icp: TIcpRef | null };

export const PAGE_LIMITS = { default: 50, max: 200, batchMax: 5_000 } as const;

/**
 * The ICP whose scores the table shows: the filter's (which must be the team's), else the team's
 * first, else none.
 */
export async function resolveIcp(tx: TRawTx, ctx: { teamId: string }, filter: TConnectionFilter): Promise<TIcpRef | null> {
  if (filter.icp) {
    const [icp] = await tx.$queryRaw<TIcpRef[]>`SELECT id, "name" FROM "Icp" WHERE "teamId" = ${ctx.teamId} AND id = ${filter.icp}`;
    if (!icp) throw new DomainError("NOT_FOUND", "This ICP does not exist or you do not have access to it.", { field: "icp" });
    return icp;
  }
  // The default ICP; listConnections sends the same query with BEGIN (its prelude).
  const [first] = await tx.$queryRaw<TIcpRef[]>`SELECT id, "name" FROM "Icp" WHERE "teamId" = ${ctx.teamId} ORDER BY "createdAt", id LIMIT 1`;
  return first ?? null;
}

function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return PAGE_LIMITS.default;
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMITS.max) throw invalid("limit", `Ask for 1 to ${PAGE_LIMITS.max} rows per page.`);
  return limit;
}

export type TQueryOptions = { /** The request's signal: aborting it cancels the running query. */ signal?: AbortSignal };

/** The team's transaction for an interactive read; a statement timeout becomes a 503 the user can act on. */
async function interactive<T>(ctx: TTeamContext, opts: TQueryOptions & { prelude?: TPrelude }, fn: (tx: TRawTx, prelude: unknown[][]) => Promise<T>): Promise<T> {
  try {
    return await withTeamRaw(ctx.teamId, fn, { interactive: true, signal: opts.signal, prepared: false, prelude: opts.prelude, readOnly: true });
  } catch (e) {
    if (!isQueryTimeout(e)) throw e;
    const seconds = Math.max(1, Math.round(e.timeoutMs / 1000));
    throw new DomainError("UNAVAILABLE", `This list took longer than ${seconds} s to load, so we stopped it. Try again in a minute, or narrow the filter.`, { retryAfterSeconds: 60 });
  }
}

export async function listConnections(
  ctx: TTeamContext,
  filter: TConnectionFilter,
  /** strictRefs: a tag or account id the team does not have is a 404 (the REST API's rule). */
  opts: { cursor?: string; limit?: number; strictRefs?: boolean } & TQueryOptions = {},
): Promise<TConnectionPage> {
  const limit = pageLimit(opts.limit);
  const after = opts.cursor ? decodeCursor(opts.cursor, filter.sort, filter.dir) : null;
  // The team's first ICP (the default one) comes with BEGIN, one round trip less per page.
  const prelude: TPrelude | undefined = filter.icp ? undefined : (lit) => `SELECT id, "name" FROM "Icp" WHERE "teamId" = ${lit(ctx.teamId)} ORDER BY "createdAt", id LIMIT 1`;
  return interactive(ctx, { ...opts, prelude }, async (tx, first) => {
    if (opts.strictRefs) await assertFilterRefs(tx, ctx.teamId, filter);
    const icp = prelude ? ((first[0]?.[0] as TIcpRef | undefined) ?? null) : await resolveIcp(tx, ctx, filter);
    const page = await fetchPage(tx, filter, { teamId: ctx.teamId, icpId: icp?.id ?? null }, after, limit);
    return { rows: page.rows, nextCursor: page.next ? encodeCursor(filter.sort, filter.dir, page.next) : null, icp };
  });
}

export async function countConnections(ctx: TTeamContext, filter: TConnectionFilter, opts: TQueryOptions = {}): Promise<number> {
  return interactive(ctx, opts, async (tx) => {
    const icp = filter.icp || usesScore(filter) ? await resolveIcp(tx, ctx, filter) : null;
    const scope: TSqlScope = { teamId: ctx.teamId, icpId: icp?.id ?? null };
    const [row] = await tx.$queryRaw<Array<{ count: number }>>`SELECT count(*)::int AS "count" FROM ${fromSql(scope, usesScore(filter))} WHERE ${whereSql(filter, scope)}`;
    return row?.count ?? 0;
  });
}

/**
 * `SELECT c.id FROM … WHERE …` for the filter, to embed in set-based statements inside the
 * caller's withTeam transaction. `icpId` comes from resolveIcp() in that same transaction.
 */
export function matchingIdsSql(ctx: { teamId: string }, filter: TConnectionFilter, icpId: string | null): Prisma.Sql {
  return matchingIdsQuery(filter, { teamId: ctx.teamId, icpId });
}

/**
 * Every matching row in keyset batches, each read in its own short transaction, so exporting
 * 30,000 rows holds no transaction open while the caller writes them out.
 */
export async function* iterateConnections(ctx: TTeamContext, filter: TConnectionFilter, batchSize = 1000): AsyncGenerator<TConnectionRow[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > PAGE_LIMITS.batchMax) throw invalid("batchSize", `Batches hold 1 to ${PAGE_LIMITS.batchMax} rows.`);
  let icp: TIcpRef | null | undefined;
  let after: TKeyset | null = null;
  for (;;) {
    const page = await interactive(ctx, {}, async (tx) => {
      if (icp === undefined) icp = await resolveIcp(tx, ctx, filter);
      return fetchPage(tx, filter, { teamId: ctx.teamId, icpId: icp?.id ?? null }, after, batchSize);
    });
    if (page.rows.length) yield page.rows;
    if (!page.next) return;
    after = page.next;
  }
}
