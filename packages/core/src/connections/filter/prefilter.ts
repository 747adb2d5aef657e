import { Prisma } from "@crm/db";
import { foldSearch, halves, searchTermKind, searchTerms } from "./search";
import type { TConnectionFilter } from "./types";

// Search's candidate prefilter (decision 0007, issue 13). Row-level security keeps LIKE and
// pg_trgm off the trigram index for the app role, so the exact conditions (sql.ts termSql) read
// all of the team's rows. crm_connection_candidates, an owner-side function, answers from the
// index instead: the team's ids whose searchText holds every group, a group being any one of its
// substrings. It only narrows: whereSql keeps every exact condition, so each group must hold for
// every row its term can match (a superset), never fewer.
//
// Which substrings a term guarantees:
// - a term as written (phrase, short word): its folded text;
// - a typo-tolerant word of 6–7 letters: one of its halves (search.ts halves), except when the
//   typo swaps the two letters where the halves meet, so that swap is a third substring (at 5
//   letters one half has 2: no group, and no 3 letters survive every typo);
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

/** What crm_connection_candidates accepts (its migration raises beyond). */
export const PREFILTER_MAX_NEEDLES = 24;
const MIN_NEEDLE = 3;

/** A substring of searchText: folded in SQL (`fold`) or already folded here (`literal`). */
export type TNeedle = { fold: string; unlessEqualTo?: string } | { literal: string };
/** strong: narrows enough on its own to beat reading the team's rows (see above). */
export type TPrefilterGroup = { needles: TNeedle[]; strong: boolean };

const len = (s: string) => Array.from(s).length;

/** The swap across the halves' seam, the one single typo that keeps neither half verbatim. */
function seamSwap(folded: string): string | null {
  const c = Array.from(folded);
  const mid = Math.ceil(c.length / 2);
  if (mid < 1 || mid >= c.length || c[mid - 1] === c[mid]) return null;
  return [...c.slice(0, mid - 1), c[mid]!, c[mid - 1]!, ...c.slice(mid + 1)].join("");
}

/** The filter's groups, in order; terms that guarantee no 3-letter substring give none. */
export function prefilterGroups(f: Pick<TConnectionFilter, "q" | "company">): TPrefilterGroup[] {
  const groups: TPrefilterGroup[] = [];
  for (const term of f.q ? searchTerms(f.q) : []) {
    const folded = foldSearch(term.text);
    const kind = searchTermKind(term);
    if (kind === "exact") {
      if (len(folded) >= MIN_NEEDLE) groups.push({ needles: [{ fold: term.text }], strong: false });
      continue;
    }
    const [a, b] = halves(folded);
    if (len(a) < MIN_NEEDLE || len(b) < MIN_NEEDLE) continue;
    const needles: TNeedle[] = [{ fold: term.text, unlessEqualTo: folded }, { literal: cut(a) }, { literal: cut(b) }];
    const swap = kind === "typo" ? seamSwap(folded) : null;
    if (swap) needles.push({ literal: cut(swap) });
    groups.push({ needles, strong: kind === "typo" });
  }
  if (f.company && len(foldSearch(f.company)) >= MIN_NEEDLE) groups.push({ needles: [{ fold: f.company }], strong: true });
  // Leaving a group out only widens the candidates: keep what fits the function's limit.
  const kept: TPrefilterGroup[] = [];
  let needles = 0;
  for (const g of groups) {
    if (needles + g.needles.length > PREFILTER_MAX_NEEDLES) continue;
    kept.push(g);
    needles += g.needles.length;
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
 * `c.id IN (…candidates…)`, or null when it would not pay (no group: the function would return
 * every row of the team). `team` is the team id as SQL (sql.ts idSql).
 */
export function prefilterSql(f: Pick<TConnectionFilter, "q" | "company">, team: Prisma.Sql): Prisma.Sql | null {
  const groups = prefilterGroups(f);
  if (!prefilterPays(groups)) return null;
  const needles = groups.flatMap((g) => g.needles.map(needleSql));
  const groupOf = groups.flatMap((g, i) => g.needles.map(() => i + 1));
  return sql`c.id IN (SELECT crm_connection_candidates(${team}, ARRAY[${join(needles)}]::text[], ${groupOf}::int[]))`;
}
