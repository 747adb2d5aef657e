import { Prisma } from "@crm/db";
import { invalid } from "../../errors";
import { filtersByScore, usesScore } from "./canonical";
import { prefilterSql } from "./prefilter";
import { foldSearch, halves, likeLiteral, searchTermKind, searchTerms, typoRegex, type TSearchTerm } from "./search";
import { DEFAULT_FILTER, type TConnectionFilter, type TSortDir, type TSortKey } from "./types";

// The filter as SQL over "Connection" c (and "IcpScore" s when an ICP is in play). Every value is
// a bound parameter; the only SQL text chosen from input is the sort expression and direction,
// and both come from the whitelists below. Every statement names c."teamId" itself: row-level
// security is the second wall, not the only one.

const { sql, join, empty } = Prisma;

export type TSqlScope = { teamId: string; icpId: string | null };

// Ids go into the SQL as one-row subqueries ("init plans"), never as plain parameters. A plain
// parameter lets the planner look the value up in the column statistics, and a team, ICP, account
// or tag created since the last ANALYZE is not there: it is estimated at one row. Right after a
// 30,000-row import that made it re-run the page subquery once per connection (minutes). An init
// plan's value is unknown when planning, so the estimate is the average team's (1 / n_distinct):
// the plan no longer depends on statistics catching up with a fresh team. The value is still bound.

/** One id, hidden from the planner's statistics (see above). */
export const idSql = (id: string) => sql`(SELECT ${id}::text)`;

/** `= ANY(ids)` with the ids hidden from the planner's statistics. */
export const anyIdSql = (ids: readonly string[]) => sql`ANY((SELECT ${[...ids]}::text[])::text[])`;

type TSortKind = "text" | "int" | "date" | "timestamp";
type TSortSql = { expr: Prisma.Sql; kind: TSortKind };

// Text sorts compare in the ICU root collation: accents and case sort the way people expect
// (Émile next to Emil, not after Zoë) at the cost of a plain comparison, where unaccenting every
// row first costs three times as much. Blank sorts as missing, i.e. last.
const natural = (col: Prisma.Sql) => sql`(NULLIF(btrim(${col}), '') COLLATE "und-x-icu")`;

// Most senior first when descending; "unknown" and unclassified sort last either way.
const SENIORITY_RANK = sql`(CASE c."seniority" WHEN 'owner' THEN 9 WHEN 'c_level' THEN 8 WHEN 'vp' THEN 7 WHEN 'director' THEN 6 WHEN 'head' THEN 5 WHEN 'manager' THEN 4 WHEN 'senior_ic' THEN 3 WHEN 'ic' THEN 2 WHEN 'intern_student' THEN 1 END)`;

export const SORT_SQL: Readonly<Record<TSortKey, TSortSql>> = {
  name: { expr: natural(sql`c."firstName" || ' ' || c."lastName"`), kind: "text" },
  company: { expr: natural(sql`c."company"`), kind: "text" },
  position: { expr: natural(sql`c."position"`), kind: "text" },
  seniority: { expr: SENIORITY_RANK, kind: "int" },
  connectedOn: { expr: sql`c."connectedOn"`, kind: "date" },
  lastInteraction: { expr: sql`c."lastInteractionAt"`, kind: "timestamp" },
  score: { expr: sql`s."score"`, kind: "int" },
};

const CAST: Readonly<Record<TSortKind, Prisma.Sql>> = { text: sql`::text`, int: sql`::int`, date: sql`::date`, timestamp: sql`::timestamp` };

/** What a cursor value must look like for each kind, so a tampered cursor never reaches a cast. */
export const SORT_VALUE_PATTERN: Readonly<Record<TSortKind, RegExp>> = {
  text: /^[^\u0000]{1,2000}$/su,
  int: /^-?\d{1,9}$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  timestamp: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/,
};

export function sortKind(sort: TSortKey): TSortKind {
  return sortSpec(sort).kind;
}

function sortSpec(sort: TSortKey): TSortSql {
  if (!Object.hasOwn(SORT_SQL, sort)) throw invalid("sort", `Cannot sort by “${String(sort).slice(0, 40)}”.`);
  return SORT_SQL[sort];
}

function direction(dir: TSortDir): { word: Prisma.Sql; after: Prisma.Sql } {
  if (dir === "asc") return { word: sql`ASC`, after: sql`>` };
  if (dir === "desc") return { word: sql`DESC`, after: sql`<` };
  throw invalid("dir", `“${String(dir).slice(0, 40)}” is not a sort direction. Use asc or desc.`);
}

function orderOf(key: Prisma.Sql, id: Prisma.Sql, dir: TSortDir, nullsFirst: boolean): Prisma.Sql {
  const { word } = direction(dir);
  return sql`ORDER BY ${key} ${word} ${nullsFirst ? sql`NULLS FIRST` : sql`NULLS LAST`}, ${id} ${word}`;
}

/**
 * ORDER BY with missing values last in both directions and the id as the tie-breaker.
 * `nullsFirst` only for rows whose key is never missing (rows.ts walk): the same order, in the
 * form a backward index scan gives.
 */
export function orderBySql(sort: TSortKey, dir: TSortDir, nullsFirst = false): Prisma.Sql {
  return orderOf(sortSpec(sort).expr, sql`c.id`, dir, nullsFirst);
}

/** The sort key itself (rows.ts exposes it from a subquery so the outer statement keeps its order). */
export function sortKeySql(sort: TSortKey): Prisma.Sql {
  return sortSpec(sort).expr;
}

/** orderBySql over a subquery's `sk` and `id` columns. */
export function orderByKeySql(alias: "m" | "w" | "c" | "p" | "k", dir: TSortDir, nullsFirst = false): Prisma.Sql {
  return orderOf(Prisma.raw(`${alias}.sk`), Prisma.raw(`${alias}.id`), dir, nullsFirst);
}

/** The row's sort value as text, exactly as a cursor stores it. */
export function sortValueSql(sort: TSortKey): Prisma.Sql {
  return sql`(${sortSpec(sort).expr})::text`;
}

/** Rows strictly after (value, id) in the order of orderBySql(sort, dir). */
export function afterSql(sort: TSortKey, dir: TSortDir, after: { value: string | null; id: string }): Prisma.Sql {
  const { expr, kind } = sortSpec(sort);
  const { after: cmp } = direction(dir);
  if (after.value === null) return sql`(${expr} IS NULL AND c.id ${cmp} ${after.id})`;
  const v = sql`${after.value}${CAST[kind]}`;
  return sql`(${expr} ${cmp} ${v} OR (${expr} = ${v} AND c.id ${cmp} ${after.id}) OR ${expr} IS NULL)`;
}

/** A search term as searchText holds text: folded in SQL exactly like the column (search.ts). */
const needleSql = (text: string) => sql`crm_search_fold(${text})`;

/**
 * LIKE '%needle%' with LIKE's metacharacters escaped after folding (unaccent maps "％" to "%").
 * Backslash is LIKE's default escape; the escape strings are parameters so no backslash appears
 * in the SQL text, whatever standard_conforming_strings says.
 */
const containsSql = (needle: Prisma.Sql) =>
  sql`'%' || replace(replace(replace(${needle}, ${"\\"}, ${"\\\\"}), ${"%"}, ${"\\%"}), ${"_"}, ${"\\_"}) || '%'`;

/**
 * One search term: a substring of searchText ("corp" in "corporation"); a phrase only that. A word
 * of TYPO_MIN_LENGTH (search.ts) folded letters or more may also be one typo away (of 5 letters,
 * from a whole word): one regular expression of its variants (search.ts typoRegex). From
 * TRIGRAM_MIN_LENGTH, close to one of the text's words by trigram word similarity ("corpration").
 * Row-level security keeps the indexes from serving these operators (they are not leakproof), so
 * they run on the team's rows; the similarity is only computed where half of the word appears
 * verbatim, which any word one typo away has, and that keeps it off most rows. The candidate
 * prefilter (prefilter.ts) narrows the rows these run on by way of the indexes.
 */
function termSql(term: TSearchTerm): Prisma.Sql {
  const needle = needleSql(term.text);
  const exact = sql`c."searchText" LIKE ${containsSql(needle)}`;
  const folded = foldSearch(term.text);
  const kind = searchTermKind(term);
  if (kind === "exact") return exact;
  if (kind === "word-typo" || kind === "typo") return sql`(${exact} OR c."searchText" ~ ${typoRegex(folded, kind === "word-typo")}::text)`;
  const half = (part: string) => sql`c."searchText" LIKE ${`%${likeLiteral(part)}%`}`;
  const [a, b] = halves(folded);
  return sql`(${exact} OR ((${half(a)} OR ${half(b)}) AND ${needle} <% c."searchText"))`;
}

function tagSql(f: TConnectionFilter, teamId: string): Prisma.Sql | null {
  if (!f.tags?.length) return null;
  const tagged = (ids: readonly string[]) =>
    sql`EXISTS (SELECT 1 FROM "ConnectionTag" ct WHERE ct."teamId" = ${idSql(teamId)} AND ct."connectionId" = c.id AND ct."tagId" = ${anyIdSql(ids)})`;
  if (f.tagMode === "all") return sql`(${join(f.tags.map((t) => tagged([t])), " AND ")})`;
  if (f.tagMode === "none") return sql`NOT ${tagged(f.tags)}`;
  return tagged(f.tags);
}

function needIcp(f: TConnectionFilter): never {
  const param = f.sort === "score" ? "sort" : f.scoreMin !== undefined ? "scoreMin" : f.scoreMax !== undefined ? "scoreMax" : f.fit?.length ? "fit" : "flag";
  throw invalid(param, "Scores need an ideal customer profile (ICP). Create one on the ICP page, then filter or sort by score.");
}

function scoreSql(f: TConnectionFilter): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (f.scoreMin !== undefined) parts.push(sql`s."score" >= ${f.scoreMin}::int`);
  if (f.scoreMax !== undefined) parts.push(sql`s."score" <= ${f.scoreMax}::int`);
  if (f.fit?.length) parts.push(sql`s."band" IN (${join(f.fit)})`);
  if (f.flags?.length) parts.push(sql`s."flags" && ARRAY[${join(f.flags)}]::text[]`);
  return parts;
}

const monthsAgo = (n: number) => sql`(now() AT TIME ZONE 'UTC') - make_interval(months => ${n}::int)`;

/** The filter's free text (q and company) as conditions on c."searchText" and c."company" only. */
function textParts(f: TConnectionFilter): Prisma.Sql[] {
  const parts = f.q ? searchTerms(f.q).map(termSql) : [];
  if (f.company) {
    // searchText holds the folded company: the cheap LIKE on it runs first, folding only where it passes.
    const pattern = containsSql(needleSql(f.company));
    parts.push(sql`c."searchText" LIKE ${pattern}`, sql`crm_search_fold(c."company") LIKE ${pattern}`);
  }
  return parts;
}

/**
 * Whether the filter narrows the team's connections beyond status and account: then the share of
 * rows that match is what the planner may guess wrong (rows.ts walks before it trusts a plan).
 */
export function narrows(f: TConnectionFilter): boolean {
  const { q, company, tags, seniority, function: fn, connectedFrom, connectedTo, inactiveMonths, activeMonths, messaged, endorsed, recommended, jobChanged } = f;
  return !!(q || company || tags?.length || seniority?.length || fn?.length || connectedFrom || connectedTo || filtersByScore(f)) ||
    [inactiveMonths, activeMonths, messaged, endorsed, recommended, jobChanged].some((v) => v !== undefined);
}

/**
 * narrows(), leaving out bounds on the sort's own column (connected dates by date, message age by
 * last interaction, a score range by score): an index in that order seeks straight to them, so
 * only the other conditions make the share of matches a guess (rows.ts).
 */
export function narrowsBeyondSort(f: TConnectionFilter): boolean {
  const g: TConnectionFilter = { ...f };
  const drop = (keys: Array<keyof TConnectionFilter>) => keys.forEach((k) => delete g[k]);
  if (f.sort === "connectedOn") drop(["connectedFrom", "connectedTo"]);
  if (f.sort === "lastInteraction") drop(["inactiveMonths", "activeMonths", "messaged"]);
  if (f.sort === "score") drop(["scoreMin", "scoreMax"]);
  return narrows(g);
}

/** The base of every statement: the team, the status and the accounts (what the walk reads in order). */
export function baseWhereSql(f: TConnectionFilter, scope: TSqlScope): Prisma.Sql {
  const status = f.status?.length ? f.status : DEFAULT_FILTER.status;
  const parts: Prisma.Sql[] = [sql`c."teamId" = ${idSql(scope.teamId)}`, sql`c."status" IN (${join(status.map((s) => sql`${s}::"ConnectionStatus"`))})`];
  if (f.accounts?.length) parts.push(sql`c."accountId" = ${anyIdSql(f.accounts)}`);
  return join(parts, " AND ");
}

/**
 * The WHERE condition (without the keyword) for the filter, always starting with the team.
 * `prefilter: false` leaves out search's index prefilter, for a statement that only tests rows it
 * already has (rows.ts walk): there it would cost a lookup and narrow nothing. `prefilter: "cand"`
 * reads the candidates from the statement's `cand` CTE (rows.ts, which computed them once).
 */
export function whereSql(f: TConnectionFilter, scope: TSqlScope, opts: { prefilter?: boolean | "cand" } = {}): Prisma.Sql {
  const parts: Prisma.Sql[] = [baseWhereSql(f, scope), ...textParts(f)];
  // The index-backed narrowing comes on top of the exact conditions, never instead (prefilter.ts).
  const prefilter = opts.prefilter ?? true;
  const candidates = prefilter === "cand" ? sql`c.id IN (SELECT cand.id FROM cand)` : prefilter ? prefilterSql(f, idSql(scope.teamId)) : null;
  if (candidates) parts.push(candidates);
  const tags = tagSql(f, scope.teamId);
  if (tags) parts.push(tags);
  if (f.seniority?.length) parts.push(sql`c."seniority" IN (${join(f.seniority)})`);
  if (f.function?.length) parts.push(sql`c."function" IN (${join(f.function)})`);
  if (f.connectedFrom) parts.push(sql`c."connectedOn" >= ${f.connectedFrom}::date`);
  if (f.connectedTo) parts.push(sql`c."connectedOn" <= ${f.connectedTo}::date`);
  if (f.inactiveMonths !== undefined) parts.push(sql`(c."lastInteractionAt" IS NULL OR c."lastInteractionAt" < ${monthsAgo(f.inactiveMonths)})`);
  if (f.activeMonths !== undefined) parts.push(sql`c."lastInteractionAt" >= ${monthsAgo(f.activeMonths)}`);
  if (f.messaged !== undefined) parts.push(f.messaged ? sql`c."lastInteractionAt" IS NOT NULL` : sql`c."lastInteractionAt" IS NULL`);
  if (f.endorsed !== undefined) parts.push(sql`c."endorsedMe" = ${f.endorsed}`);
  if (f.recommended !== undefined) parts.push(sql`c."recommendedMe" = ${f.recommended}`);
  if (f.jobChanged !== undefined) parts.push(f.jobChanged ? sql`c."jobChangedAt" IS NOT NULL` : sql`c."jobChangedAt" IS NULL`);
  if (usesScore(f)) {
    if (!scope.icpId) needIcp(f);
    parts.push(...scoreSql(f));
  }
  return join(parts, " AND ");
}

/** LEFT JOIN of the ICP's scores as s (nothing when there is no ICP). */
export function scoreJoinSql(scope: TSqlScope): Prisma.Sql {
  if (!scope.icpId) return empty;
  return sql` LEFT JOIN "IcpScore" s ON s."teamId" = c."teamId" AND s."icpId" = ${idSql(scope.icpId)} AND s."connectionId" = c.id`;
}

/** FROM "Connection" c, with the ICP's scores joined as s when the filter reads them. */
export function fromSql(scope: TSqlScope, withScores: boolean): Prisma.Sql {
  return sql`"Connection" c${withScores ? scoreJoinSql(scope) : empty}`;
}

/** `SELECT c.id FROM … WHERE …`: the filter's connections, for set-based statements. */
export function matchingIdsQuery(f: TConnectionFilter, scope: TSqlScope): Prisma.Sql {
  return sql`SELECT c.id FROM ${fromSql(scope, usesScore(f))} WHERE ${whereSql(f, scope)}`;
}
