// Text and date normalisation shared by the ICP schema, the scorer and the flags. Pure.
//
// Matching model: both sides are "folded" (lower-cased, accents stripped, punctuation turned into
// single spaces) and then padded with a space on each side, so a keyword matches only a whole
// word sequence: " ae " is not inside " michael ". "+" and "#" glued to a word are kept ("c++",
// "c#"), a leading "#" of a hashtag is not ("#growth" → "growth").

import type { TFunction, TSeniority } from "../types";

const ASCII = /^[\x00-\x7f]*$/;
const MARKS = /\p{M}+/gu;
// Letters that Unicode does not decompose into base + accent.
const SPECIAL: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };
const SPECIAL_RE = /[ßæœøłđðþı]/g;
const SEPARATORS = /[^\p{L}\p{N}+#]+/gu;
const LOOSE_PLUS_HASH = /(?<![\p{L}\p{N}+#])[+#]+/gu;
const SPACES = / {2,}/g;

/** Lower-case, accent-fold and strip punctuation: "Directrice Générale, R&D" → "directrice generale r d". */
export function fold(text: string): string {
  let t = text.toLowerCase();
  if (!ASCII.test(t)) t = t.normalize("NFKD").replace(MARKS, "").replace(SPECIAL_RE, (ch) => SPECIAL[ch] ?? ch);
  return t.replace(SEPARATORS, " ").replace(LOOSE_PLUS_HASH, " ").replace(SPACES, " ").trim();
}

/** " folded text " — the haystack/needle form for whole-word `includes` matching. */
export const padded = (text: string): string => ` ${fold(text)} `;

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
export const foldCompany = (name: string): string => fold(collapseInitialisms(name.toLowerCase()));

/** Folded company name without trailing legal forms (kept when the name is only a legal form). */
export function companyKey(name: string): string {
  const words = foldCompany(name).split(" ");
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words.join(" ");
}

/** The connection's text fields in matching form (padded; "" when missing). Computed once per connection. */
export interface TPrepared {
  title: string;
  company: string;
}
export function prepare(c: { position: string | null; company: string | null }): TPrepared {
  const title = c.position ? fold(c.position) : "";
  const company = c.company ? foldCompany(c.company) : "";
  return { title: title ? ` ${title} ` : "", company: company ? ` ${company} ` : "" };
}

/** First keyword (as typed) found as a whole word sequence in a padded haystack, else null. */
export function keywordMatcher(values: readonly string[], key: (v: string) => string = fold): (hay: string) => string | null {
  const needles = values.map((v) => ({ v, n: ` ${key(v)} ` })).filter((x) => x.n.trim() !== "");
  return (hay) => {
    if (hay === "") return null;
    for (const { v, n } of needles) if (hay.includes(n)) return v;
    return null;
  };
}

/** Company names/keywords: legal forms ignored on both sides ("acme" ~ "ACME Corporation GmbH"). */
export const companyMatcher = (values: readonly string[]) => keywordMatcher(values, companyKey);

/** The domain (as typed) that an email belongs to, exactly or as a subdomain, else null. */
export function domainMatcher(domains: readonly string[]): (email: string | null) => string | null {
  const list = domains.map((d) => d.toLowerCase());
  return (email) => {
    const at = email ? email.lastIndexOf("@") : -1;
    if (!email || at < 0) return null;
    const host = email.slice(at + 1).trim().toLowerCase();
    for (const d of list) if (host === d || host.endsWith(`.${d}`)) return d;
    return null;
  };
}

/** Whole months from `from` to `to` (UTC calendar), never negative. */
export function monthsBetween(from: { y: number; m: number; d: number }, to: Date): number {
  const months = (to.getUTCFullYear() - from.y) * 12 + (to.getUTCMonth() + 1 - from.m) - (to.getUTCDate() < from.d ? 1 : 0);
  return Math.max(0, months);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** "YYYY-MM-DD" → parts, or null when missing or malformed. */
export function parseDay(day: string | null): { y: number; m: number; d: number } | null {
  const m = day ? DAY.exec(day) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 ? { y, m: mo, d } : null;
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
