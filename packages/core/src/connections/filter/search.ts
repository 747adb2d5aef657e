// Free text as people type it (decision 0007). Pure, so it also runs in the browser.
// - A search is terms: words, and "quoted phrases" (straight or typographic quotes; an unclosed
//   quote runs to the end). A phrase matches as written, without typo tolerance; a quoted single
//   word is simply that word, exactly.
// - Text and terms are folded the same way (SQL: crm_search_fold, the generated searchText column):
//   case, accents, apostrophes, hyphens and dots ignored, German ae/oe/ue/ß read as ä/ö/ü/ss, and
//   doubled letters as one. So "mueller", "Müler" and "muller" all find Müller, "obrien" O'Brien.
// - A word of 6 or 7 folded letters may be one typo away anywhere in the text; from 8 letters,
//   about two (trigrams). A word of 5 letters may be one typo away from a whole word of the text
//   ("wever" finds Weber, not Webers): only whole words can be found by index (decision 0014).
// - At most SEARCH_MAX_TERMS terms; parseFilter keeps the first ones and says what was left out.

export type TSearchTerm = { text: string; phrase: boolean };

export const SEARCH_MAX_TERMS = 10;
/** Folded words this long match with one typo (a letter wrong, missing, extra or swapped). */
export const TYPO_MIN_LENGTH = 5;
/** Folded words this long match a typo as a whole word of the text (crm_word_typo_keys). */
export const WORD_TYPO_LENGTH = 5;
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
  // NFKD character by character, dropping the spaces it makes of spacing accents ("¨" is a space
  // plus a mark): a word must stay one word (typo matching assumes it; crm_search_fold keeps "¨").
  return Array.from(text.toLowerCase())
    .map((ch) => (/\s/u.test(ch) ? ch : ch.normalize("NFKD").replace(/\s/gu, "")))
    .join("")
    .replace(/\p{M}/gu, "")
    .replace(/[ßøæœłđðþı]/gu, (c) => SPECIAL[c] ?? c)
    .replace(/['’‘`´.\-‐]/gu, "")
    .replaceAll("ae", "a")
    .replaceAll("oe", "o")
    .replaceAll("ue", "u")
    .replace(/(.)\1+/gu, "$1");
}

export type TSearchTermKind = "exact" | "word-typo" | "typo" | "trigram";

/**
 * How a term matches: as written only; also one typo away from a whole word (5 letters) or
 * anywhere (6–7); or also by trigram similarity (8+).
 */
export function searchTermKind(term: TSearchTerm): TSearchTermKind {
  const length = Array.from(foldSearch(term.text)).length;
  if (term.phrase || length < TYPO_MIN_LENGTH) return "exact";
  if (length === WORD_TYPO_LENGTH) return "word-typo";
  return length < TRIGRAM_MIN_LENGTH ? "typo" : "trigram";
}

/** A literal for LIKE: backslash (the default escape), % and _ escaped. */
export const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One typo-tolerant variant of a word: letters, and WILD where any one character may stand. */
const WILD = null;
type TVariant = Array<string | typeof WILD>;

/**
 * The words one typo away from a folded word: a letter wrong (WILD in its place), missing, extra
 * (WILD between two letters) or two neighbours swapped; not the word itself. Edits at the very
 * ends that only shorten or lengthen the word are left out: inside a text they would find every
 * text containing the rest ("anna" → "ann") or add nothing, and as a whole word they would make
 * one name another (Emile → Emil). A wrong first or last letter counts only from 6 letters, for
 * the same reason (Maria → Mario).
 */
function typoVariants(folded: string): TVariant[] {
  const c = Array.from(folded);
  const n = c.length;
  const out = new Map<string, TVariant>();
  const add = (v: TVariant) => out.set(v.map((x) => x ?? "\u0000").join("\u0001"), v);
  for (let i = 0; i < n; i++) {
    const interior = i > 0 && i < n - 1;
    if (interior || n >= 6) add([...c.slice(0, i), WILD, ...c.slice(i + 1)]); // wrong letter
    if (interior) add([...c.slice(0, i), ...c.slice(i + 1)]); // missing letter
    if (i > 0) add([...c.slice(0, i), WILD, ...c.slice(i)]); // extra letter
    if (i < n - 1 && c[i] !== c[i + 1]) add([...c.slice(0, i), c[i + 1]!, c[i]!, ...c.slice(i + 2)]); // swapped
  }
  out.delete(c.join("\u0001"));
  return [...out.values()];
}

/**
 * The typo variants inside a text as LIKE patterns ("%mul_r%"), LIKE's metacharacters escaped: the
 * plain form of what typoRegex factors, which the tests hold it to (SQL runs the regex).
 */
export function typoPatterns(folded: string): string[] {
  return typoVariants(folded).map((v) => `%${v.map((x) => (x === WILD ? "_" : likeLiteral(x))).join("")}%`);
}

/** A literal character for a POSIX regular expression (ARE): its metacharacters escaped. */
const reLiteral = (ch: string) => ch.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");

const END: unique symbol = Symbol("end");

/**
 * The typo variants as one regular expression for Postgres' `~`, factored as a trie
 * ("w(?:e(?:b.r|…)|…)"): one pass over the text instead of one per LIKE pattern, 1.2–1.7× faster
 * over a team's rows (issue 13: "weber" 45 → 32 ms, "enginer" 73 → 58 ms for 30,000 rows).
 * Inside a text it matches what `LIKE ANY (typoPatterns(folded))` does (typo-regex.test.ts), and a
 * variant that is a prefix of another ends the branch. As a whole word (`whole`) a variant
 * stands between spaces or the text's ends, and its wildcard is any character but a space.
 */
export function typoRegex(folded: string, whole = false): string {
  type TAtom = string | typeof WILD | typeof END;
  type TNode = Map<TAtom, TNode>;
  const root: TNode = new Map();
  for (const v of typoVariants(folded)) {
    let node = root;
    for (const x of [...v, END] as TAtom[]) {
      let next = node.get(x);
      if (!next) node.set(x, (next = new Map()));
      node = next;
    }
  }
  const atom = (x: TAtom) => (x === END ? (whole ? "(?: |$)" : "") : x === WILD ? (whole ? "[^ ]" : ".") : reLiteral(x));
  const emit = (node: TNode): string => {
    if (node.size === 0 || (!whole && node.has(END))) return "";
    const alts = [...node].map(([x, next]) => atom(x) + emit(next));
    return alts.length === 1 ? alts[0]! : `(?:${alts.join("|")})`;
  };
  const body = emit(root);
  return whole ? `(?:^| )${body}` : body;
}

/**
 * A whole word's keys as crm_word_typo_keys makes them (SymSpell): the word and each of its
 * one-letter deletions. Two words one typo apart always share one.
 */
export function wordTypoKeys(folded: string): string[] {
  const c = Array.from(folded);
  return [...new Set([folded, ...c.map((_, i) => [...c.slice(0, i), ...c.slice(i + 1)].join(""))])];
}

/** Two halves of a folded word: any word one typo away keeps one of them verbatim. */
export function halves(folded: string): [string, string] {
  const c = Array.from(folded);
  const mid = Math.ceil(c.length / 2);
  return [c.slice(0, mid).join(""), c.slice(mid).join("")];
}
