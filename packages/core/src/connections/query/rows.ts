import { Prisma, type TRawTx } from "@crm/db";
import type { TFunction, TSeniority } from "@crm/scoring";
import { flagLabel } from "../filter/labels";
import { usesScore } from "../filter/canonical";
import { afterSql, anyIdSql, fromSql, hasTextFilter, idSql, orderBySql, scoreJoinSql, sortValueSql, textWhereSql, whereSql, type TSqlScope } from "../filter/sql";
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

// Free text first walks the table's order (issue 13, decision 0014). The planner cannot estimate a
// search or "company contains" (typo patterns, trigram similarity, a folded needle): it takes them
// for rare and sorts every match, which is right for a name (a few rows) and wrong for a common
// word ("corpration": 3,000 of 30,000 rows, 50 ms). So a page with free text is first looked for
// among the first WALK_ROWS rows in the page's order, by an index, with the rest of the filter
// applied: if the page's rows (and one more) are there, they are exactly the page, since every
// later row sorts after them. Otherwise the full statement runs (with the index prefilter, which
// is quick exactly when matches are rare). Only for orders an index walks (the migrations'
// sort indexes): another order would sort the team's rows just to find the first WALK_ROWS.
export const WALK_ROWS = 2000;
const WALKABLE: ReadonlyArray<[TSortKey, TSortDir]> = [
  ["connectedOn", "desc"],
  ["lastInteraction", "desc"],
  ["score", "desc"],
  ["name", "asc"],
  ["company", "asc"],
  ["position", "asc"],
];

/** Whether a page of this filter is first looked for by a bounded walk (see above). */
export function walksFirst(filter: TConnectionFilter, limit: number): boolean {
  return hasTextFilter(filter) && limit * 10 <= WALK_ROWS && WALKABLE.some(([s, d]) => s === filter.sort && d === filter.dir);
}

/** The page's ids: all matching rows sorted and cut, or (walk) the free text tested on the first WALK_ROWS in order. */
function idsSql(filter: TConnectionFilter, scope: TSqlScope, after: TKeyset | null, limit: number, walk: boolean): Prisma.Sql {
  const keyset = after ? sql` AND ${afterSql(filter.sort, filter.dir, after)}` : empty;
  const order = orderBySql(filter.sort, filter.dir);
  const from = fromSql(scope, usesScore(filter));
  if (!walk) return sql`SELECT c.id, ${sortValueSql(filter.sort)} AS "sortValue" FROM ${from} WHERE ${whereSql(filter, scope)}${keyset} ${order} LIMIT ${limit + 1}::int`;
  // A subquery scan keeps its rows' order, so the outer LIMIT takes the first matches in page order
  // and the walk stops as soon as it has them.
  return sql`SELECT c.id, c."sortValue" FROM (
      SELECT c.id, c."searchText", c."company", ${sortValueSql(filter.sort)} AS "sortValue" FROM ${from}
       WHERE ${whereSql(filter, scope, { withText: false })}${keyset} ${order} LIMIT ${WALK_ROWS}::int
    ) c WHERE ${textWhereSql(filter)} LIMIT ${limit + 1}::int`;
}

/** The page's statement: the page's ids first, then everything else for just those rows. */
export function pageSql(filter: TConnectionFilter, scope: TSqlScope, after: TKeyset | null, limit: number, opts: { walk?: boolean } = {}): Prisma.Sql {
  const order = orderBySql(filter.sort, filter.dir);
  // Joining scores and accounts before the sort would do it for every matching row.
  const ids = idsSql(filter, scope, after, limit, opts.walk ?? false);
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
  const walked = walksFirst(filter, limit) ? await tx.$queryRaw<TRawRow[]>(pageSql(filter, scope, after, limit, { walk: true })) : null;
  const raw = walked && walked.length > limit ? walked : await tx.$queryRaw<TRawRow[]>(pageSql(filter, scope, after, limit));
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
