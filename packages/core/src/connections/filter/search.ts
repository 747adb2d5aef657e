// Free text as people type it (decision 0007). Pure, so it also runs in the browser.
// - A search is terms: words, and "quoted phrases" (straight or typographic quotes; an unclosed
//   quote runs to the end). A phrase matches as written, without typo tolerance; a quoted single
//   word is simply that word, exactly.
// - Text and terms are folded the same way (SQL: crm_search_fold, the generated searchText column):
//   case, accents, apostrophes, hyphens and dots ignored, German ae/oe/ue/ß read as ä/ö/ü/ss, and
//   doubled letters as one. So "mueller", "Müler" and "muller" all find Müller, "obrien" O'Brien.
// - A word of 5 to 7 folded letters may be one typo away; from 8 letters, about two (trigrams).
// - At most SEARCH_MAX_TERMS terms; parseFilter keeps the first ones and says what was left out.

export type TSearchTerm = { text: string; phrase: boolean };

export const SEARCH_MAX_TERMS = 10;
/** Folded words this long match with one typo (a letter wrong, missing, extra or swapped). */
export const TYPO_MIN_LENGTH = 5;
/** Folded words this long match by trigram word similarity (about two typos). */
export const TRIGRAM_MIN_LENGTH = 8;

const OPEN = `"“”„«»`;
const CLOSE: Record<string, string> = { '"': `"“”`, "“": `”“"`, "”": `”“"`, "„": `“”"`, "«": `»"`, "»": `«"` };

/** The search's terms, in order. Empty phrases are dropped. */
export function searchTerms(q: string): TSearchTerm[] {
  const terms: TSearchTerm[] = [];
  let i = 0;
  const chars = Array.from(q);
  while (i < chars.length) {
    const ch = chars[i]!;
    if (/\s/u.test(ch)) {
      i++;
    } else if (OPEN.includes(ch)) {
      let j = i + 1;
      while (j < chars.length && !CLOSE[ch]!.includes(chars[j]!)) j++;
      const text = chars.slice(i + 1, j).join("").replace(/\s+/gu, " ").trim();
      if (text) terms.push({ text, phrase: true });
      i = j + 1;
    } else {
      let j = i;
      while (j < chars.length && !/\s/u.test(chars[j]!) && !OPEN.includes(chars[j]!)) j++;
      terms.push({ text: chars.slice(i, j).join(""), phrase: false });
      i = j;
    }
  }
  return terms;
}

/** The terms written back as a search (phrases in straight quotes). */
export function formatSearch(terms: readonly TSearchTerm[]): string {
  return terms.map((t) => (t.phrase ? `"${t.text}"` : t.text)).join(" ");
}

const SPECIAL: Record<string, string> = { ß: "ss", ø: "o", æ: "ae", œ: "oe", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

/**
 * JavaScript's reading of crm_search_fold, used to build typo patterns. The SQL function (with
 * Postgres' unaccent rules) stays the reference: where the two differ, only the typo patterns of
 * that word miss, never the exact match.
 */
export function foldSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[ßøæœłđðþı]/gu, (c) => SPECIAL[c] ?? c)
    .replace(/['’‘`´.\-‐]/gu, "")
    .replaceAll("ae", "a")
    .replaceAll("oe", "o")
    .replaceAll("ue", "u")
    .replace(/(.)\1+/gu, "$1");
}

/** How a term matches: as written only, or also one typo away, or also by trigram similarity. */
export function searchTermKind(term: TSearchTerm): "exact" | "typo" | "trigram" {
  const length = Array.from(foldSearch(term.text)).length;
  if (term.phrase || length < TYPO_MIN_LENGTH) return "exact";
  return length < TRIGRAM_MIN_LENGTH ? "typo" : "trigram";
}

/** A literal for LIKE: backslash (the default escape), % and _ escaped. */
export const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * LIKE patterns for "one typo away from a folded word, anywhere in the text": a letter wrong
 * (`_` in its place), missing, extra (`_` between two letters) or two neighbours swapped. Edits at
 * the very ends that only shorten the word are left out: under substring matching they would
 * find every text containing the rest ("anna" → "ann").
 */
export function typoPatterns(folded: string): string[] {
  const c = Array.from(folded);
  const n = c.length;
  const lit = (xs: string[]) => likeLiteral(xs.join(""));
  const out = new Set<string>();
  for (let i = 0; i < n; i++) {
    const interior = i > 0 && i < n - 1;
    // A wrong first or last letter only from 6 letters: "emil_" would make "emile" find every Emil.
    if (interior || n >= 6) out.add(`${lit(c.slice(0, i))}_${lit(c.slice(i + 1))}`); // wrong letter
    if (interior) out.add(lit([...c.slice(0, i), ...c.slice(i + 1)])); // missing letter
    if (i > 0) out.add(`${lit(c.slice(0, i))}_${lit(c.slice(i))}`); // extra letter
    if (i < n - 1 && c[i] !== c[i + 1]) out.add(lit([...c.slice(0, i), c[i + 1]!, c[i]!, ...c.slice(i + 2)])); // swapped
  }
  out.delete(likeLiteral(folded));
  return [...out].map((p) => `%${p}%`);
}

/** Two halves of a folded word: any word one typo away keeps one of them verbatim. */
export function halves(folded: string): [string, string] {
  const c = Array.from(folded);
  const mid = Math.ceil(c.length / 2);
  return [c.slice(0, mid).join(""), c.slice(mid).join("")];
}
