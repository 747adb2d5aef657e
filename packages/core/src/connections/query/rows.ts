import { Prisma, type TRawTx } from "@crm/db";
import type { TFunction, TSeniority } from "@crm/scoring";
import { flagLabel } from "../filter/labels";
import { idSql, orderBySql, scoreJoinSql, type TSqlScope } from "../filter/sql";
import type { TConnectionFilter, TConnectionStatus, TFit } from "../filter/types";
import type { TKeyset } from "./cursor";
import { firstMode, idsSql, type TPageMode } from "./page-ids";


// One page of the connections table in one statement whatever its size: the rows (sorted and cut
// to the page first, then joined with the account label, the ICP score and their tags). The tags
// were a second statement: a round trip (~1–1.5 ms through HTTP on our machines) for what costs
// the page's 50 index lookups here.

const { sql } = Prisma;

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

type TRawRow = Omit<TConnectionRow, "name" | "fit" | "flags"> & { band: string | null; flags: string[] | null; sortValue: string | null };

const ISO = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';

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
           ${scores}, p."sortValue",
           (SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t."name", 'color', t."color") ORDER BY t."nameKey", t.id), '[]'::json)
              FROM "ConnectionTag" ct JOIN "Tag" t ON t."teamId" = ct."teamId" AND t.id = ct."tagId"
             WHERE ct."teamId" = c."teamId" AND ct."connectionId" = c.id) AS "tags"
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
  const first = firstMode(filter, limit);
  const walked = first === "walk" ? await tx.$queryRaw<TRawRow[]>(pageSql(filter, scope, after, limit, "walk")) : null;
  const raw = walked && walked.length > limit ? walked : await tx.$queryRaw<TRawRow[]>(pageSql(filter, scope, after, limit, first === "plan" ? "plan" : "collect"));
  const more = raw.length > limit;
  const page = more ? raw.slice(0, limit) : raw;
  const rows = page.map(({ band, flags, sortValue: _cursorOnly, ...r }): TConnectionRow => ({
    ...r,
    name: `${r.firstName} ${r.lastName}`.trim(),
    fit: band as TFit | null,
    flags: (flags ?? []).map((code) => ({ code, label: flagLabel(code) })),
  }));
  const last = page[page.length - 1];
  return { rows, next: more && last ? { value: last.sortValue, id: last.id } : null };
}
