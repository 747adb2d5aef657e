import { Prisma } from "@crm/db";
import { usesScore } from "../filter/canonical";
import { candidatesSql, prefilterGroups, prefilterPays } from "../filter/prefilter";
import { searchTerms } from "../filter/search";
import { afterSql, baseWhereSql, fromSql, idSql, narrowsBeyondSort, orderByKeySql, orderBySql, scoreJoinSql, sortKeySql, sortValueSql, whereSql, type TSqlScope } from "../filter/sql";
import { DEFAULT_FILTER, type TConnectionFilter, type TSortDir, type TSortKey } from "../filter/types";
import type { TKeyset } from "./cursor";

// The statement that finds a page's ids (rows.ts joins the rest to them), in three modes.
//
// A narrowing filter first walks the table's order (issue 13, decision 0014). Whether the page
// should walk an index in its order and test each row, or collect every match and sort them, turns
// on how many rows match, and that is what the planner guesses worst: free text it cannot estimate
// at all (it takes a common word for rare: "corpration", 3,000 of 30,000 rows, sorted them all in
// 50 ms), and a filter on a new team's scores it estimates from the other teams' (a score range
// that matched none of a fresh team's rows walked all 30,000 of them: 140 ms). So the page is
// first looked for among the first WALK_ROWS rows of the team in the page's order (`walk`): if its
// rows (and one more) are there, they are exactly the page, since every later row sorts after
// them. If not, the matches are collected (`collect`). Only orders an index walks (the
// migrations' sort indexes), forwards or backwards: the walk reads rows whose key is present, and
// missing keys sort last in both directions, so the first rows with a key still come first. A
// filter whose only narrowing is a bound on the sort's own column needs none of this: the index
// seeks to the bound.
//
// Behind search's index prefilter, the candidates come with the columns the table sorts by
// (crm_connection_candidate_keys): they are sorted where they are, and only the page's rows are
// looked up and tested, in that order ("engineer" most senior first on a new team: the walk of the
// seniority index it replaced read 21,000 rows to find 51 of 6,006 candidates, 17 ms; the sort
// takes ~2 ms). Sorting by score needs each candidate's score, a lookup (~10 µs), which is too
// much when a common word's matches come late in the order ("engineer" by score on a team whose
// engineers score lowest: 6,000 candidates, 73 ms). So the candidates are counted: up to DEEP_FROM
// of them are collected and sorted by score (SORT_UP_TO by the other sorts); beyond that the order
// is walked to its end with a hash of the candidates (a probe per index entry, ~1 µs on a fresh
// team whose pages are not yet all-visible, less once they are), stopping at the page's last row
// (73 → 30 ms). At 1,000 candidates both cost about the same (~10–20 ms) by score. Sorting costs
// n log n comparisons (ICU ones for text) and spills past work_mem, while a walk among that many
// candidates (a third of a 30,000-row team) soon fills its page: a word that common on a large
// team walks.
export const WALK_ROWS = 2000;
const DEEP_FROM = 1000;
const SORT_UP_TO = 10_000;
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

const { sql, empty, raw } = Prisma;

/**
 * Whether a page of this filter is first looked for by a bounded walk (see above). Not for two or
 * more words none of which the index can narrow: all of them together are rare, so the walk would
 * be wasted before the full read anyway.
 */
export function walksFirst(filter: TConnectionFilter, limit: number): boolean {
  if (INDEX_DIR[filter.sort] === null || limit * 10 > WALK_ROWS || !narrowsBeyondSort(filter)) return false;
  return !(filter.q && searchTerms(filter.q).length >= 2 && prefilterGroups(filter).length === 0);
}

/**
 * The statement a page tries first. Where search's prefilter pays, its candidates are counted and
 * decide between collecting them and walking the order with their hash (`collect`); a blind walk
 * first was wasted whenever a common word's matches came late in the order ("engineer" best score
 * first: 2,000 rows tested for nothing, ~20 ms, before the candidates anyway).
 */
export function firstMode(filter: TConnectionFilter, limit: number): "walk" | "collect" | "plan" {
  if (!walksFirst(filter, limit)) return "plan";
  return prefilterPays(prefilterGroups(filter)) ? "collect" : "walk";
}

/**
 * `collect` runs first only where the prefilter pays anyway, otherwise after a walk that found the
 * matches rare. Rare because of the text alone when nothing else narrows the rows the walk read
 * and those were the connected ones (the candidates cover every status and account): then a term
 * as written goes to its candidates too (prefilter.ts). A common word with a rare other condition
 * ("ana" among owners) would bring thousands of candidates to test: 16 → 50–75 ms (review).
 */
function rareText(filter: TConnectionFilter): boolean {
  const { q: _q, company: _company, ...rest } = filter;
  const status = filter.status?.length ? filter.status : DEFAULT_FILTER.status;
  return !narrowsBeyondSort(rest) && !filter.accounts?.length && status.includes("CONNECTED");
}

/** `deep`: `collect` as if the candidates were always too many to collect or sort (tests use it). */
export type TPageMode = "plan" | "walk" | "collect" | "deep";

type TParts = { filter: TConnectionFilter; scope: TSqlScope; keyset: Prisma.Sql; limit: number };

/**
 * The page's ids and sort values: as the planner sees fit (`plan`), among the first WALK_ROWS in
 * order (`walk`), or every match (`collect`, behind the prefilter where it pays: see above).
 */
export function idsSql(filter: TConnectionFilter, scope: TSqlScope, after: TKeyset | null, limit: number, mode: TPageMode): Prisma.Sql {
  const p: TParts = { filter, scope, keyset: after ? sql` AND ${afterSql(filter.sort, filter.dir, after)}` : empty, limit };
  if (mode === "plan") {
    return sql`SELECT c.id, ${sortValueSql(filter.sort)} AS "sortValue" FROM ${fromSql(scope, usesScore(filter))} WHERE ${whereSql(filter, scope)}${p.keyset} ${orderBySql(filter.sort, filter.dir)} LIMIT ${limit + 1}::int`;
  }
  if (mode === "walk") return sql`SELECT c.id, c."sortValue" FROM (${walkSql(p, sql`${WALK_ROWS}::int`, false)}) c`;
  const candidates = candidatesSql(filter, idSql(scope.teamId), { rare: rareText(filter) });
  if (!candidates) return sql`SELECT m.id, m."sortValue" FROM (${collectSql(p, true)}) m`;
  const sorts = filter.sort !== "score";
  // Both branches are gated by the count, an init plan: the other one never runs.
  const most = mode === "deep" ? -1 : sorts ? SORT_UP_TO : DEEP_FROM;
  const near = sorts ? sortedCandidatesSql(p) : collectSql(p, "cand");
  // By a column the candidates carry, each keeps just its id and sort key (narrow rows materialize
  // and sort faster), and those before the cursor are left out at once (a later walk skips them too).
  const cand = sorts ? sql`SELECT c.id, ${sortKeySql(filter.sort)} AS sk FROM ${candidates} c WHERE true${p.keyset}` : sql`SELECT k.id FROM ${candidates} k`;
  return sql`WITH cand AS MATERIALIZED (${cand}), n AS MATERIALIZED (SELECT count(*)::int AS n FROM cand)
    SELECT p.id, p."sortValue" FROM (
      (SELECT m.id, m."sortValue", m.sk FROM (${near}) m WHERE (SELECT n.n FROM n) <= ${most}::int)
      UNION ALL
      (SELECT d.id, d."sortValue", d.sk FROM (${deepSql(p)}) d WHERE (SELECT n.n FROM n) > ${most}::int)
    ) p ${orderByKeySql("p", filter.dir)} LIMIT ${limit + 1}::int`;
}

/**
 * The page among the candidates (`cand`: ids and sort keys past the cursor), sorted (see above;
 * not for the score sort). The sorted subquery keeps its order (OFFSET 0 keeps the conditions out
 * of it, so they are tested only on the rows the page reaches), and each row is looked up in that
 * order by a lateral subquery (its LIMIT keeps the planner from making it a hash join that tests
 * every row of the team), stopping at the page's last match.
 */
function sortedCandidatesSql({ filter, scope, limit }: TParts): Prisma.Sql {
  return sql`SELECT k.id, (k.sk)::text AS "sortValue", k.sk FROM (SELECT m.id, m.sk FROM cand m ${orderByKeySql("m", filter.dir)} OFFSET 0) k
    CROSS JOIN LATERAL (SELECT 1 FROM ${fromSql(scope, usesScore(filter))} WHERE c.id = k.id AND ${whereSql(filter, scope, { prefilter: false })} LIMIT 1) hit
    ${orderByKeySql("k", filter.dir)} LIMIT ${limit + 1}::int`;
}

/** Every match, collected first (a MATERIALIZED CTE keeps the planner from walking an order), then sorted. */
function collectSql({ filter, scope, keyset, limit }: TParts, prefilter: true | "cand"): Prisma.Sql {
  return sql`WITH m AS MATERIALIZED (
      SELECT c.id, ${sortKeySql(filter.sort)} AS sk, ${sortValueSql(filter.sort)} AS "sortValue" FROM ${fromSql(scope, usesScore(filter))}
       WHERE ${whereSql(filter, scope, { prefilter })}${keyset}
    ) SELECT m.id, m."sortValue", m.sk FROM m ${orderByKeySql("m", filter.dir)} LIMIT ${limit + 1}::int`;
}

/**
 * The page's order walked to its end among the candidates (`cand`), then the candidates without a
 * sort key (they sort last), each part read only as far as the page needs. That relies on Append
 * reading its parts in order, which holds without parallel workers: interactive reads run with
 * none (raw-tx.ts) and crm_connection_candidate_keys is PARALLEL UNSAFE.
 */
function deepSql(p: TParts): Prisma.Sql {
  const { filter, scope, limit } = p;
  const unkeyed = sql`SELECT c.id, ${sortValueSql(filter.sort)} AS "sortValue", ${sortKeySql(filter.sort)} AS sk FROM ${fromSql(scope, true)}
     WHERE c.id IN (SELECT cand.id FROM cand) AND ${sortKeySql(filter.sort)} IS NULL AND ${whereSql(filter, scope, { prefilter: false })}${p.keyset}
     ORDER BY c.id ${raw(filter.dir === "asc" ? "ASC" : "DESC")}`;
  return sql`SELECT x.id, x."sortValue", x.sk FROM (
      (${walkSql(p, sql`(SELECT n.n FROM n)`, true)})
      UNION ALL
      (${unkeyed})
    ) x LIMIT ${limit + 1}::int`;
}

/**
 * The page's matches among the rows of the team in the page's order that have a sort key: the
 * first `bound` of them, or (`amongCandidates`) the first `bound` candidates, tested by a hash of
 * `cand`. The walk's rows keep their order (its key is a column of the subquery), so the statement
 * stops at the page's last match, and the walk carries the whole row, so its conditions are tested
 * without looking each row up again (a walk that finds nothing: 16 → 5 ms).
 * By score, the walk reads the ICP's scores alone, in their index's order: joined to the team's
 * connections the planner misjudges the size (two hidden ids) and sorts them all. (The lateral
 * alias lets the keyset and ORDER BY say c.id.) Against the index's direction a backward scan gives
 * NULLS FIRST: the same order for present keys.
 */
function walkSql({ filter, scope, keyset, limit }: TParts, bound: Prisma.Sql, amongCandidates: boolean): Prisma.Sql {
  const backwards = INDEX_DIR[filter.sort] !== filter.dir;
  const byScore = filter.sort === "score" && scope.icpId;
  const key = sortKeySql(filter.sort);
  // IS TRUE keeps IN from becoming a join (which would lose the order): a hashed subplan per row.
  const member = amongCandidates ? sql` AND (c.id IN (SELECT cand.id FROM cand)) IS TRUE` : empty;
  const walked = (select: Prisma.Sql, from: Prisma.Sql, where: Prisma.Sql) =>
    sql`SELECT ${select}, ${key} AS sk, ${sortValueSql(filter.sort)} AS "sortValue" FROM ${from}
         WHERE ${where} AND ${key} IS NOT NULL${member}${keyset} ${orderBySql(filter.sort, filter.dir, backwards)} LIMIT ${bound}`;
  const rows = byScore
    ? sql`(${walked(sql`c.id`, sql`"IcpScore" s CROSS JOIN LATERAL (SELECT s."connectionId" AS id) c`, sql`s."teamId" = ${idSql(scope.teamId)} AND s."icpId" = ${idSql(scope.icpId!)}`)}) w
        JOIN "Connection" c ON c.id = w.id AND c."teamId" = ${idSql(scope.teamId)}`
    : sql`(${walked(sql`c.*`, fromSql(scope, false), baseWhereSql(filter, scope))}) c`;
  const w = byScore ? "w" : "c";
  return sql`SELECT c.id, ${raw(w)}."sortValue", ${raw(w)}.sk FROM ${rows}${usesScore(filter) ? scoreJoinSql(scope) : empty}
    WHERE ${whereSql(filter, scope, { prefilter: false })} ${orderByKeySql(w, filter.dir, backwards)} LIMIT ${limit + 1}::int`;
}
