import { Prisma, type TRawTx } from "@crm/db";
import type { TFunction, TSeniority } from "@crm/scoring";
import { flagLabel } from "../filter/labels";
import { prefilterGroups } from "../filter/prefilter";
import { searchTerms } from "../filter/search";
import { usesScore } from "../filter/canonical";
import { afterSql, anyIdSql, baseWhereSql, fromSql, idSql, narrowsBeyondSort, orderByKeySql, orderBySql, scoreJoinSql, sortKeySql, sortValueSql, whereSql, type TSqlScope } from "../filter/sql";
import type { TConnectionFilter, TConnectionStatus, TFit, TSortDir, TSortKey } from "../filter/types";
import type { TKeyset } from "./cursor";

// One page of the connections table in two statements whatever its size: the rows (sorted and
// cut to the page first, then joined with the account label and the ICP score) and the tags of
// exactly those rows.

const { sql, empty } = Prisma;

export type TConnectionRow = {
  id: string;
  accountId: string;
  accountLabel: string;
  firstName: string;
  lastName: string;
  name: string;
  email: string | null;
  profileUrl: string | null;
  position: string | null;
  company: string | null;
  seniority: TSeniority | null;
  function: TFunction | null;
  /** YYYY-MM-DD */
  connectedOn: string | null;
  /** ISO 8601, UTC */
  lastInteractionAt: string | null;
  messageCount: number;
  endorsedMe: boolean;
  endorsementCount: number;
  recommendedMe: boolean;
  status: TConnectionStatus;
  jobChangedAt: string | null;
  tags: Array<{ id: string; name: string; color: string }>;
  score: number | null;
  fit: TFit | null;
  flags: Array<{ code: string; label: string }>;
};

type TRawRow = Omit<TConnectionRow, "name" | "tags" | "fit" | "flags"> & { band: string | null; flags: string[] | null; sortValue: string | null };

const ISO = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';

// A narrowing filter first walks the table's order (issue 13, decision 0014). Whether the page
// should walk an index in its order and test each row, or collect every match and sort them, turns
// on how many rows match, and that is what the planner guesses worst: free text it cannot estimate
// at all (it takes a common word for rare: "corpration", 3,000 of 30,000 rows, sorted them all in
// 50 ms), and a filter on a new team's scores it estimates from the other teams' (a score range
// that matched none of a fresh team's rows walked all 30,000 of them: 140 ms). So the page is
// first looked for among the first WALK_ROWS rows of the team in the page's order: if its rows
// (and one more) are there, they are exactly the page, since every later row sorts after them. If
// not, matches are rare, and they are collected first and then sorted. Either way no page reads
// more than WALK_ROWS rows in order. Only orders an index walks (the migrations' sort indexes),
// forwards or backwards: the walk reads rows whose key is present, and missing keys sort last in
// both directions, so the first rows with a key still come first. A filter whose only narrowing
// is a bound on the sort's own column needs none of this: the index seeks to the bound.
export const WALK_ROWS = 2000;
/** The direction each sort's index reads forwards (the migrations' sort indexes). */
const INDEX_DIR: Readonly<Record<TSortKey, TSortDir | null>> = {
  connectedOn: "desc",
  lastInteraction: "desc",
  score: "desc",
  name: "asc",
  company: "asc",
  position: "asc",
  seniority: "desc",
};

/**
 * Whether a page of this filter is first looked for by a bounded walk (see above). Not for two or
 * more words none of which the index can narrow ("pedro weber": two typo-tolerant 5-letter words):
 * all of them together are rare, so the walk would be wasted before the full read anyway.
 */
export function walksFirst(filter: TConnectionFilter, limit: number): boolean {
  if (INDEX_DIR[filter.sort] === null || limit * 10 > WALK_ROWS || !narrowsBeyondSort(filter)) return false;
  return !(filter.q && searchTerms(filter.q).length >= 2 && prefilterGroups(filter).length === 0);
}

export type TPageMode = "plan" | "walk" | "collect";

/**
 * The page's ids: as the planner sees fit (`plan`), among the first WALK_ROWS in order (`walk`), or
 * every match collected before sorting (`collect`).
 */
function idsSql(filter: TConnectionFilter, scope: TSqlScope, after: TKeyset | null, limit: number, mode: TPageMode): Prisma.Sql {
  const keyset = after ? sql` AND ${afterSql(filter.sort, filter.dir, after)}` : empty;
  const value = sortValueSql(filter.sort);
  const from = fromSql(scope, usesScore(filter));
  if (mode === "plan") return sql`SELECT c.id, ${value} AS "sortValue" FROM ${from} WHERE ${whereSql(filter, scope)}${keyset} ${orderBySql(filter.sort, filter.dir)} LIMIT ${limit + 1}::int`;
  if (mode === "collect") {
    return sql`WITH m AS MATERIALIZED (
        SELECT c.id, ${sortKeySql(filter.sort)} AS sk, ${value} AS "sortValue" FROM ${from} WHERE ${whereSql(filter, scope)}${keyset}
      ) SELECT m.id, m."sortValue" FROM m ${orderByKeySql("m", filter.dir)} LIMIT ${limit + 1}::int`;
  }
  // The walk's rows keep their order (its key is a column of the subquery), so the statement stops
  // at the page's last match. The prefilter would narrow nothing here. The walk carries the whole
  // row, so its conditions are tested without looking each row up again (that cost 2000 primary-key
  // lookups: 16 → 5 ms for a walk that finds nothing).
  // By score, the walk reads the ICP's scores alone, in their index's order: joined to the team's
  // connections the planner misjudges the size (two hidden ids) and sorts them all. Only scored
  // rows, then: the unscored sort after all of them, and a walk that finds too few falls back to
  // collecting anyway. (The lateral alias lets the keyset and ORDER BY say c.id.)
  // Against the index's direction a backward scan gives NULLS FIRST: the same order for present keys.
  const backwards = INDEX_DIR[filter.sort] !== filter.dir;
  const byScore = filter.sort === "score" && scope.icpId;
  const walked = (select: Prisma.Sql, from: Prisma.Sql, where: Prisma.Sql) =>
    sql`SELECT ${select}, ${sortKeySql(filter.sort)} AS sk, ${value} AS "sortValue" FROM ${from}
         WHERE ${where} AND ${sortKeySql(filter.sort)} IS NOT NULL${keyset} ${orderBySql(filter.sort, filter.dir, backwards)} LIMIT ${WALK_ROWS}::int`;
  const rows = byScore
    ? sql`(${walked(sql`c.id`, sql`"IcpScore" s CROSS JOIN LATERAL (SELECT s."connectionId" AS id) c`, sql`s."teamId" = ${idSql(scope.teamId)} AND s."icpId" = ${idSql(scope.icpId!)}`)}) w
        JOIN "Connection" c ON c.id = w.id AND c."teamId" = ${idSql(scope.teamId)}`
    : sql`(${walked(sql`c.*`, fromSql(scope, false), baseWhereSql(filter, scope))}) c`;
  const w: "w" | "c" = byScore ? "w" : "c";
  return sql`SELECT c.id, ${Prisma.raw(w)}."sortValue" FROM ${rows}${usesScore(filter) ? scoreJoinSql(scope) : empty}
    WHERE ${whereSql(filter, scope, { prefilter: false })} ${orderByKeySql(w, filter.dir, backwards)} LIMIT ${limit + 1}::int`;
}

/** The page's statement: the page's ids first, then everything else for just those rows. */
export function pageSql(filter: TConnectionFilter, scope: TSqlScope, after: TKeyset | null, limit: number, mode: TPageMode = "plan"): Prisma.Sql {
  const order = orderBySql(filter.sort, filter.dir);
  // Joining scores and accounts before the sort would do it for every matching row.
  const ids = idsSql(filter, scope, after, limit, mode);
  const scores = scope.icpId ? sql`s."score", s."band", s."flags"` : sql`NULL::int AS "score", NULL::text AS "band", NULL::text[] AS "flags"`;
  return sql`
    SELECT c.id, c."accountId", a."label" AS "accountLabel", c."firstName", c."lastName", c."email", c."profileUrl",
           c."position", c."company", c."seniority", c."function", to_char(c."connectedOn", 'YYYY-MM-DD') AS "connectedOn",
           to_char(c."lastInteractionAt", ${ISO}) AS "lastInteractionAt", c."messageCount", c."endorsedMe",
           c."endorsementCount", c."recommendedMe", c."status"::text AS "status", to_char(c."jobChangedAt", ${ISO}) AS "jobChangedAt",
           ${scores}, p."sortValue"
    FROM (${ids}) p
    JOIN "Connection" c ON c.id = p.id AND c."teamId" = ${idSql(scope.teamId)}
    JOIN "LinkedInAccount" a ON a."teamId" = c."teamId" AND a.id = c."accountId"${scoreJoinSql(scope)}
    ${order}`;
}

/** One page (up to `limit` rows after `after`) and the keyset of its last row if more follow. */
export async function fetchPage(
  tx: TRawTx,
  filter: TConnectionFilter,
  scope: TSqlScope,
  after: TKeyset | null,
  limit: number,
): Promise<{ rows: TConnectionRow[]; next: TKeyset | null }> {
  const walk = walksFirst(filter, limit);
  const walked = walk ? await tx.$queryRaw<TRawRow[]>(pageSql(filter, scope, after, limit, "walk")) : null;
  const raw = walked && walked.length > limit ? walked : await tx.$queryRaw<TRawRow[]>(pageSql(filter, scope, after, limit, walk ? "collect" : "plan"));
  const more = raw.length > limit;
  const page = more ? raw.slice(0, limit) : raw;
  const tags = await tagsOf(tx, scope.teamId, page.map((r) => r.id));
  const rows = page.map(({ band, flags, sortValue: _cursorOnly, ...r }): TConnectionRow => ({
    ...r,
    name: `${r.firstName} ${r.lastName}`.trim(),
    tags: tags.get(r.id) ?? [],
    fit: band as TFit | null,
    flags: (flags ?? []).map((code) => ({ code, label: flagLabel(code) })),
  }));
  const last = page[page.length - 1];
  return { rows, next: more && last ? { value: last.sortValue, id: last.id } : null };
}

async function tagsOf(tx: TRawTx, teamId: string, ids: string[]): Promise<Map<string, TConnectionRow["tags"]>> {
  const byRow = new Map<string, TConnectionRow["tags"]>();
  if (!ids.length) return byRow;
  const rows = await tx.$queryRaw<Array<{ connectionId: string; id: string; name: string; color: string }>>`
    SELECT ct."connectionId", t.id, t."name", t."color"
    FROM "ConnectionTag" ct JOIN "Tag" t ON t."teamId" = ct."teamId" AND t.id = ct."tagId"
    WHERE ct."teamId" = ${idSql(teamId)} AND ct."connectionId" = ${anyIdSql(ids)}
    ORDER BY t."nameKey", t.id`;
  for (const { connectionId, ...tag } of rows) {
    const list = byRow.get(connectionId);
    if (list) list.push(tag);
    else byRow.set(connectionId, [tag]);
  }
  return byRow;
}
