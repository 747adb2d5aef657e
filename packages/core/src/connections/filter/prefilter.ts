import { Prisma } from "@crm/db";
import { foldSearch, halves, searchTermKind, searchTerms, wordTypoKeys } from "./search";
import type { TConnectionFilter } from "./types";
import type { TSearchTerm } from "./search";

// Search's candidate prefilter (decision 0007, issue 13). Row-level security keeps LIKE and
// pg_trgm off the trigram index for the app role, so the exact conditions (sql.ts termSql) read
// all of the team's rows. crm_connection_candidate_keys, an owner-side function, answers from the
// index instead: the team's ids whose searchText holds every group, a group being any one of its
// substrings. It only narrows: whereSql keeps every exact condition, so each group must hold for
// every row its term can match (a superset), never fewer.
//
// Which substrings a term guarantees:
// - a term as written (phrase, short word): its folded text;
// - a typo-tolerant word of 6–7 letters: for each way to cut it in two parts of 3 letters or more
//   (one at 6 letters, two at 7), one of the parts, except when the typo swaps the two letters
//   where they meet, so that swap is a third substring. Each cut is a group of its own: both must
//   hold, and together they leave few rows ("enginer": 8,324 candidates with one cut, 4,810 with
//   both, for 4,810 matches);
// - a 5-letter word (no 3 letters survive every typo: "we?er"): its folded text, or a word of the
//   text sharing one of its keys (search.ts wordTypoKeys; SQL crm_word_typo_keys, whose GIN index
//   answers); termSql matches its typos as whole words, so the keys find them all;
// - a trigram word (8+): one of its halves, which termSql requires before the similarity;
// - company: its folded text.
// Typo and trigram words also match the word as Postgres folds it. Folding runs in SQL (the
// reference) and in JavaScript (for halves); where the two disagree the SQL fold is added to the
// group, and where they agree it is left out (NULL: the halves already cover it).
// A substring under 3 letters has no trigram and would make the index scan read everything.
//
// When it pays (measured on 30,000 of 1.2M rows, issue 13): the index answers in 1–20 ms, then
// each candidate costs a primary-key lookup plus the exact conditions, and the page can no longer
// stop after its first 50 rows in date order. Reading the team's rows instead costs ~10 ms per
// plain LIKE and 50–80 ms for a typo word (about 15 LIKE patterns a row). So the prefilter runs
// for a typo word (75 → 12 ms for "schmidt"), company (its exact test folds each row), or two
// terms together, whose intersection is small ("anna schmidt", "acme corp"). Alone, a word or
// phrase as written is as fast without it (a common one, "anna", was 2 → 30 ms a page with it),
// and so is a trigram word: its similarity test on the rows holding a half costs the same either
// way, and the halves of common words ("corpr|ation") are common too.

const { sql, join } = Prisma;

/** What crm_connection_candidate_keys accepts (its migration raises beyond). */
export const PREFILTER_MAX_NEEDLES = 24;
export const PREFILTER_MAX_KEYS = 64;
const MIN_NEEDLE = 3;

/** A substring of searchText: folded in SQL (`fold`) or already folded here (`literal`). */
export type TNeedle = { fold: string; unlessEqualTo?: string } | { literal: string };
/**
 * keys: word keys (a 5-letter word's); strong: narrows enough on its own to beat reading the team's
 * rows (see above); asWritten: the term's own text, so the index finds just the rows holding it.
 */
export type TPrefilterGroup = { needles: TNeedle[]; keys: string[]; strong: boolean; asWritten: boolean };

const len = (s: string) => Array.from(s).length;

/** The swap across a cut after `at` letters, the one single typo that keeps neither part verbatim. */
function seamSwap(folded: string, at: number): string | null {
  const c = Array.from(folded);
  if (at < 1 || at >= c.length || c[at - 1] === c[at]) return null;
  return [...c.slice(0, at - 1), c[at]!, c[at - 1]!, ...c.slice(at + 1)].join("");
}

/** The cuts of a typo-tolerant word into two parts of MIN_NEEDLE letters or more (see above). */
function cuts(folded: string): number[] {
  const n = len(folded);
  return [...new Set([Math.ceil(n / 2), Math.floor(n / 2)])].filter((at) => at >= MIN_NEEDLE && n - at >= MIN_NEEDLE);
}

/**
 * pg_trgm takes trigrams from runs of letters and digits only: a substring without three in a row
 * ("!?!?!", "de la") gives the index nothing, and its scan reads every row of the team (~15 ms
 * for 30,000; a search of ten such words took 300 ms). Such a group narrows nothing and is left
 * out. (The function drops one by the same rule, for what folds differently in SQL.)
 */
const hasTrigram = (s: string) => /[\p{L}\p{N}]{3}/u.test(s);

/** The term's groups: none when no 3-letter substring or key holds for all it matches. */
function termGroups(term: TSearchTerm): TPrefilterGroup[] {
  const folded = foldSearch(term.text);
  const kind = searchTermKind(term);
  if (!hasTrigram(folded)) return [];
  if (kind === "exact") return [{ needles: [{ fold: term.text }], keys: [], strong: false, asWritten: true }];
  if (kind === "word-typo") return [{ needles: [{ fold: term.text }], keys: wordTypoKeys(folded), strong: true, asWritten: false }];
  // Typo and trigram words also match the word as Postgres folds it (NULL where that is the JS fold: the parts cover it).
  const exact: TNeedle = { fold: term.text, unlessEqualTo: folded };
  if (kind === "trigram") {
    const [a, b] = halves(folded);
    return hasTrigram(a) && hasTrigram(b) ? [{ needles: [exact, { literal: cut(a) }, { literal: cut(b) }], keys: [], strong: false, asWritten: false }] : [];
  }
  const c = Array.from(folded);
  return cuts(folded).flatMap((at) => {
    const parts = [c.slice(0, at).join(""), c.slice(at).join(""), seamSwap(folded, at)].filter((x): x is string => x !== null);
    if (!parts.every(hasTrigram)) return [];
    return [{ needles: [exact, ...parts.map((literal) => ({ literal }))], keys: [], strong: true, asWritten: false }];
  });
}

/**
 * Each group with word keys costs the function two index scans of its own ("group sales chief
 * wayne …": ten common 5-letter words took 140 ms); beyond the first two, the exact conditions
 * test the candidates instead.
 */
const MAX_KEYED_GROUPS = 2;

/** The filter's groups, in order; terms that guarantee no 3-letter substring give none. */
export function prefilterGroups(f: Pick<TConnectionFilter, "q" | "company">): TPrefilterGroup[] {
  const groups = (f.q ? searchTerms(f.q) : []).flatMap(termGroups);
  if (f.company && hasTrigram(foldSearch(f.company))) groups.push({ needles: [{ fold: f.company }], keys: [], strong: true, asWritten: true });
  // Leaving a group out only widens the candidates: keep what fits the function's limits, once.
  const kept: TPrefilterGroup[] = [];
  const seen = new Set<string>();
  let needles = 0;
  let keys = 0;
  let keyed = 0;
  for (const g of groups) {
    // The same group twice (a repeated word, "Maria maria") is one scan; by the JavaScript fold,
    // which can only merge more than SQL would, and dropping a group only widens.
    const id = JSON.stringify([g.needles.map((n) => ("literal" in n ? n.literal : foldSearch(n.fold))), g.keys]);
    if (seen.has(id) || needles + g.needles.length > PREFILTER_MAX_NEEDLES || keys + g.keys.length > PREFILTER_MAX_KEYS) continue;
    if (g.keys.length && keyed === MAX_KEYED_GROUPS) continue;
    seen.add(id);
    kept.push(g);
    needles += g.needles.length;
    keys += g.keys.length;
    keyed += g.keys.length ? 1 : 0;
  }
  return kept;
}

/** Whether the groups narrow enough to beat reading the team's rows (see above). */
export function prefilterPays(groups: readonly TPrefilterGroup[]): boolean {
  return groups.some((g) => g.strong) || groups.length >= 2;
}

/** The function cuts longer ones (folding can lengthen text); a cut needle only widens the result. */
const NEEDLE_MAX = 400;
const cut = (s: string) => Array.from(s).slice(0, NEEDLE_MAX).join("");

const needleSql = (n: TNeedle) =>
  "literal" in n
    ? sql`${n.literal}::text`
    : n.unlessEqualTo !== undefined
      ? sql`NULLIF(crm_search_fold(${n.fold}), ${n.unlessEqualTo}::text)`
      : sql`crm_search_fold(${n.fold})`;

/**
 * The call `crm_connection_candidate_keys(…)` for the filter, a set of rows to use in FROM (each
 * candidate's id and the columns the table sorts by), or null when it would not pay (no group:
 * the function would return every row of the team). `team` is the team id as SQL (sql.ts idSql).
 *
 * `rare`: a bounded walk of the page's order (page-ids.ts) just found the matches too few to fill
 * the page. Then a term as written pays as well: the rows holding it are few, and the index finds
 * them instead of every row of the team being read and tested ("zzqxv", a search that matches
 * nothing: 19 → 4.5 ms with the walk). A trigram word's halves still do not: they are common however rare the word.
 */
export function candidatesSql(f: Pick<TConnectionFilter, "q" | "company">, team: Prisma.Sql, opts: { rare?: boolean } = {}): Prisma.Sql | null {
  const all = prefilterGroups(f);
  const groups = prefilterPays(all) ? all : opts.rare ? all.filter((g) => g.asWritten) : [];
  if (groups.length === 0) return null;
  const needles = groups.flatMap((g) => g.needles.map(needleSql));
  const groupOf = groups.flatMap((g, i) => g.needles.map(() => i + 1));
  const keys = groups.flatMap((g) => g.keys);
  const keyGroupOf = groups.flatMap((g, i) => g.keys.map(() => i + 1));
  return sql`crm_connection_candidate_keys(${team}, ARRAY[${join(needles)}]::text[], ${groupOf}::int[], ${keys}::text[], ${keyGroupOf}::int[])`;
}

/** `c.id IN (…candidates…)`, or null when it would not pay (candidatesSql). */
export function prefilterSql(f: Pick<TConnectionFilter, "q" | "company">, team: Prisma.Sql): Prisma.Sql | null {
  const call = candidatesSql(f, team);
  return call ? sql`c.id IN (SELECT k.id FROM ${call} k)` : null;
}
