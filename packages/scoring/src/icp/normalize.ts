// Text and date normalisation shared by the ICP schema, the scorer and the flags. Pure.
//
// Matching model: both sides are "folded" (lower-cased, accents stripped, punctuation turned into
// single spaces) and then padded with a space on each side, so a keyword matches only a whole
// word sequence: " ae " is not inside " michael ". "+" and "#" at the end of a word are kept
// ("c++", "c#"), elsewhere they are punctuation ("#growth" → "growth").

import type { TFunction, TSeniority } from "../types";

const MARKS = /\p{M}+/gu;
// Letters that Unicode does not decompose into base + accent.
const SPECIAL: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };
const SPECIAL_RE = /[ßæœøłđðþı]/g;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

// 1 for ASCII letters and digits, else 0.
const ASCII_WORD = new Uint8Array(128).map((_, c) => ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0));

/** Length (1 or 2 code units) of the letter or digit at `i`, or 0 for anything else. */
function wordAt(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c < 128) return ASCII_WORD[c]!;
  const cp = t.codePointAt(i)!;
  return WORD_CHAR.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}

const foldAccents = (t: string) => t.normalize("NFKD").replace(MARKS, "").toLowerCase().replace(SPECIAL_RE, (ch) => SPECIAL[ch] ?? ch);
// Latin-1 and Latin Extended-A/B (U+0080–U+024F) folded once, char by char, so the common accented
// text skips Unicode normalisation; anything beyond goes through `foldAccents`.
const LATIN_END = 0x250;
const LATIN = Array.from({ length: LATIN_END - 128 }, (_, i) => foldAccents(String.fromCharCode(i + 128).toLowerCase()));
const LATIN_RE = /[\u0080-\u024f]/g;
const latin = (ch: string) => LATIN[ch.charCodeAt(0) - 128]!;

/** Lower-case, accent-fold and strip punctuation: "Directrice Générale, R&D" → "directrice generale r d". */
export function fold(text: string): string {
  let t = text.toLowerCase();
  let accented = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 128) continue;
    if (c < LATIN_END) accented = true;
    else {
      t = foldAccents(t);
      accented = false;
      break;
    }
  }
  if (accented) t = t.replace(LATIN_RE, latin);
  // One pass over the text: words are runs of letters/digits, plus any "+"/"#" glued to their end.
  // (ASCII is classified inline through a table: this loop is the hottest code of the scorer.)
  let out = "";
  const n = t.length;
  for (let i = 0; i < n; ) {
    let c = t.charCodeAt(i);
    let w = c < 128 ? ASCII_WORD[c]! : wordAt(t, i);
    if (w === 0) {
      i++;
      continue;
    }
    const start = i;
    while (w > 0) {
      i += w;
      if (i >= n) break;
      c = t.charCodeAt(i);
      w = c < 128 ? ASCII_WORD[c]! : wordAt(t, i);
    }
    while (i < n && ((c = t.charCodeAt(i)) === 43 || c === 35)) i++;
    out += out === "" ? t.slice(start, i) : ` ${t.slice(start, i)}`;
  }
  return out;
}

// Dotted initialisms ("S.L.", "S.A.S.", "u.s.a") become one word before punctuation is dropped.
const INITIALISM = /(?<![\p{L}\p{N}])(?:\p{L}\.)+\p{L}(?![\p{L}\p{N}])\.?/gu;
const collapseInitialisms = (t: string) => t.replace(INITIALISM, (m) => m.replace(/\./g, ""));

/** Legal-form words dropped from the end of a company name ("ACME Corporation GmbH" → "acme"). */
export const LEGAL_SUFFIXES = new Set([
  "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "plc", "gmbh", "mbh", "ag", "kg", "se",
  "sa", "sas", "sasu", "sarl", "sl", "slu", "srl", "spa", "bv", "nv", "ab", "oy", "as", "aps", "pty",
  "pte", "kk", "corp", "corporation", "co", "company", "group",
]);

/** Folded company name (initialisms collapsed) for use as a haystack. */
export const foldCompany = (name: string): string => fold(name.includes(".") ? collapseInitialisms(name.toLowerCase()) : name);

/** Folded company name without trailing legal forms (kept when the name is only a legal form). */
export function companyKey(name: string): string {
  const words = foldCompany(name).split(" ");
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words.join(" ");
}

/** What the rules and flags read of one connection, normalised once: padded folded title and
 *  company ("" when missing), whole months since connecting / since the last message (null when
 *  unknown). */
export interface TPrepared {
  title: string;
  company: string;
  ageMonths: number | null;
  sinceMonths: number | null;
}
export function prepare(
  c: { position: string | null; company: string | null; connectedOn: string | null; lastInteractionAt: Date | null },
  now: Date,
): TPrepared {
  const title = c.position ? fold(c.position) : "";
  const company = c.company ? foldCompany(c.company) : "";
  return {
    title: title ? ` ${title} ` : "",
    company: company ? ` ${company} ` : "",
    ageMonths: connectionAgeMonths(c.connectedOn, now),
    sinceMonths: monthsSince(c.lastInteractionAt, now),
  };
}

/** Index of the first keyword (in the order given) found as a whole word sequence in a padded
 *  haystack, or −1. Keywords are indexed by their first word, so the cost per haystack is one map
 *  lookup per word of the haystack, not a scan per keyword. */
export function keywordIndex(values: readonly string[], key: (v: string) => string = fold): (hay: string) => number {
  const byFirst = new Map<string, Array<{ i: number; n: string }>>();
  values.forEach((v, i) => {
    const k = key(v);
    if (k === "") return;
    const first = k.split(" ", 1)[0]!;
    const list = byFirst.get(first) ?? [];
    list.push({ i, n: ` ${k} ` });
    byFirst.set(first, list);
  });
  return (hay) => {
    let best = -1;
    for (let start = 1, end = hay.indexOf(" ", 1); end > 0; start = end + 1, end = hay.indexOf(" ", start)) {
      const candidates = byFirst.get(hay.slice(start, end));
      if (candidates === undefined) continue;
      for (const c of candidates) if ((best < 0 || c.i < best) && hay.startsWith(c.n, start - 1)) best = c.i;
    }
    return best;
  };
}

/** The first keyword (as typed) found in a padded haystack, else null. */
export function keywordMatcher(values: readonly string[], key: (v: string) => string = fold): (hay: string) => string | null {
  const find = keywordIndex(values, key);
  return (hay) => {
    const i = find(hay);
    return i < 0 ? null : values[i]!;
  };
}

/** Memoise a one-argument text builder (bounded: the cache is dropped past `max` entries). */
export function memo<K, V>(build: (k: K) => V, max = 10_000): (k: K) => V {
  let cache = new Map<K, V>();
  return (k) => {
    let v = cache.get(k);
    if (v === undefined) {
      if (cache.size >= max) cache = new Map();
      v = build(k);
      cache.set(k, v);
    }
    return v;
  };
}

/** Company names/keywords against a `foldCompany` haystack: legal forms at the end of a value are
 *  ignored ("Acme Inc" and "acme" both match "ACME Corporation GmbH"). */
export const companyIndex = (values: readonly string[]) => keywordIndex(values, companyKey);
export const companyMatcher = (values: readonly string[]) => keywordMatcher(values, companyKey);

/** Index of the domain an email belongs to, exactly or as a subdomain, or −1. */
export function domainIndex(domains: readonly string[]): (email: string | null) => number {
  const list = domains.map((d) => d.toLowerCase());
  return (email) => {
    const at = email ? email.lastIndexOf("@") : -1;
    if (!email || at < 0) return -1;
    const host = email.slice(at + 1).trim().toLowerCase();
    return list.findIndex((d) => host === d || host.endsWith(`.${d}`));
  };
}

/** Whole months from `from` to `to` (UTC calendar), never negative. */
export function monthsBetween(from: { y: number; m: number; d: number }, to: Date): number {
  const months = (to.getUTCFullYear() - from.y) * 12 + (to.getUTCMonth() + 1 - from.m) - (to.getUTCDate() < from.d ? 1 : 0);
  return Math.max(0, months);
}

const digits = (t: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
};
/** "YYYY-MM-DD" → parts, or null when missing or malformed. */
export function parseDay(day: string | null): { y: number; m: number; d: number } | null {
  if (day === null || day.length !== 10 || day.charCodeAt(4) !== 45 || day.charCodeAt(7) !== 45) return null;
  const [y, m, d] = [digits(day, 0, 4), digits(day, 5, 7), digits(day, 8, 10)];
  return y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31 ? { y, m, d } : null;
}

export const dateParts = (d: Date) => ({ y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() });

/** Whole months since `connectedOn`, or null when unknown. */
export function connectionAgeMonths(connectedOn: string | null, now: Date): number | null {
  const day = parseDay(connectedOn);
  return day ? monthsBetween(day, now) : null;
}

/** Whole months since the last interaction, or null when there was none (or the date is invalid). */
export function monthsSince(at: Date | null, now: Date): number | null {
  return at && !Number.isNaN(at.getTime()) ? monthsBetween(dateParts(at), now) : null;
}

export const SENIORITY_TEXT: Record<TSeniority, string> = {
  owner: "Owner/Founder",
  c_level: "C-level",
  vp: "VP",
  director: "Director",
  head: "Head of",
  manager: "Manager",
  senior_ic: "Senior individual contributor",
  ic: "Individual contributor",
  intern_student: "Intern/Student",
  unknown: "Unknown",
};

export const FUNCTION_TEXT: Record<TFunction, string> = {
  sales: "Sales",
  marketing: "Marketing",
  engineering: "Engineering",
  product: "Product",
  hr_recruiting: "HR/Recruiting",
  finance: "Finance",
  operations: "Operations",
  design: "Design",
  consulting: "Consulting",
  other: "Other",
};

/** "'a', 'b', 'c' and 2 more" style list for reason texts. */
export function quoteList(values: readonly string[], joiner: "or" | "and" = "or", max = 3): string {
  const q = values.slice(0, max).map((v) => `'${v}'`);
  if (values.length > max) return `${q.join(", ")} ${joiner} ${values.length - max} more`;
  return q.length <= 1 ? (q[0] ?? "") : `${q.slice(0, -1).join(", ")} ${joiner} ${q[q.length - 1]}`;
}

export const plainList = (values: readonly string[], joiner: "or" | "and" = "or") =>
  values.length <= 1 ? (values[0] ?? "") : `${values.slice(0, -1).join(", ")} ${joiner} ${values[values.length - 1]}`;
