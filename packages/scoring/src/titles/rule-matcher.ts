import type { TRule } from "./title-rules";

// Compiles a rule table for fast scanning. Rules only match at word starts, so each word is tried
// only against the alternatives that can begin with its first character (one sticky regex per
// character, alternatives kept in table order → same result as one leftmost-first alternation).
// German-style compound alternatives ("\\w*leiter") can start with anything; they are added only
// for words that contain their stem ("leit"), found by one cheap pre-scan of the text.

interface TBucket<T> {
  re: RegExp; // sticky; one capture group per rule, in table order
  values: T[];
}
type TBuckets<T> = { byChar: (TBucket<T> | undefined)[]; other: TBucket<T> | undefined };
export interface TRuleMatcher<T> {
  plain: TBuckets<T>; // words without a compound stem
  full: TBuckets<T>; // words containing a compound stem
  stems: RegExp | null;
}

/** Splits a regex source at top-level `|` (outside groups and classes). */
function splitTop(src: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cls = false;
  let from = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") i++;
    else if (cls) cls = c !== "]";
    else if (c === "[") cls = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(src.slice(from, i));
      from = i + 1;
    }
  }
  out.push(src.slice(from));
  return out;
}

/** Characters a match of `src` may start with; null = unknown/any (conservative). */
function firstChars(src: string): Set<string> | null {
  if (src === "") return null;
  const c = src[0] ?? "";
  let set: Set<string> | null;
  let end: number; // index just after the first element
  if (c === "(") {
    let depth = 0;
    let cls = false;
    end = 0;
    for (let i = 0; i < src.length; i++) {
      const d = src[i];
      if (d === "\\") i++;
      else if (cls) cls = d !== "]";
      else if (d === "[") cls = true;
      else if (d === "(") depth++;
      else if (d === ")" && --depth === 0) {
        end = i + 1;
        break;
      }
    }
    if (!src.startsWith("(?:") || end === 0) return null;
    set = new Set();
    for (const alt of splitTop(src.slice(3, end - 1))) {
      const s = firstChars(alt);
      if (!s) return null;
      for (const x of s) set.add(x);
    }
  } else if (c === "[") {
    end = src.indexOf("]") + 1;
    const body = src.slice(1, end - 1);
    if (end === 0 || body.startsWith("^") || body.includes("\\")) return null;
    set = new Set();
    for (let i = 0; i < body.length; i++) {
      const a = body.charCodeAt(i);
      if (body[i + 1] === "-" && i + 2 < body.length) {
        for (let k = a; k <= body.charCodeAt(i + 2); k++) set.add(String.fromCharCode(k));
        i += 2;
      } else set.add(body[i] ?? "");
    }
  } else if (/[a-z0-9]/.test(c)) {
    set = new Set([c]);
    end = 1;
  } else return null;
  const q = src[end] ?? "";
  if (q === "?" || q === "*" || src.startsWith("{0,", end)) {
    const rest = firstChars(src.slice(src.indexOf(q === "{" ? "}" : q, end) + 1));
    if (!rest) return null;
    for (const x of rest) set.add(x);
  }
  return set;
}

const TAIL = "(?![\\p{L}\\p{N}])";
type TAlt<T> = readonly [src: string, value: T, rule: number, first: Set<string> | null];
function bucket<T>(alts: readonly TAlt<T>[]): TBucket<T> | undefined {
  if (!alts.length) return undefined;
  const groups: string[] = [];
  const values: T[] = [];
  for (let i = 0; i < alts.length; ) {
    let j = i;
    while (j < alts.length && alts[j]?.[2] === alts[i]?.[2]) j++;
    groups.push(`(${alts.slice(i, j).map((a) => a[0]).join("|")})`);
    values.push(alts[i]?.[1] as T);
    i = j;
  }
  return { re: new RegExp(`(?:${groups.join("|")})${TAIL}`, "uy"), values };
}
function buckets<T>(alts: readonly TAlt<T>[], keys: Set<string>): TBuckets<T> {
  const byChar: (TBucket<T> | undefined)[] = [];
  for (const k of keys) byChar[k.charCodeAt(0)] = bucket(alts.filter((a) => !a[3] || a[3].has(k)));
  return { byChar, other: bucket(alts.filter((a) => !a[3])) };
}

const COMPOUND = "\\w*";
/** The literal text a compound alternative needs after its "\\w*" prefix ("leit" for "\\w*(?<!x)leit…"). */
function stemOf(src: string): string {
  let rest = src.slice(COMPOUND.length);
  if (rest.startsWith("(?<")) rest = rest.slice(rest.indexOf(")") + 1);
  const stem = /^[a-z]+/.exec(rest)?.[0] ?? "";
  if (stem.length < 3) throw new Error(`compound pattern needs a literal stem: ${src}`);
  return rest[stem.length] === "?" ? stem.slice(0, -1) : stem;
}

export function compileRules<T>(table: readonly TRule<T>[]): TRuleMatcher<T> {
  const alts = table.flatMap(([p, v], r) => splitTop(p).map((a): TAlt<T> => [a, v, r, a.startsWith(COMPOUND) ? null : firstChars(a)]));
  const keys = new Set<string>();
  for (const a of alts) for (const k of a[3] ?? []) keys.add(k);
  const isCompound = (a: TAlt<T>) => a[0].startsWith(COMPOUND);
  const stems = [...new Set(alts.filter(isCompound).map((a) => stemOf(a[0])))];
  return {
    plain: buckets(alts.filter((a) => !isCompound(a)), keys),
    full: buckets(alts, keys),
    stems: stems.length ? new RegExp(stems.join("|"), "g") : null,
  };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
function isWordChar(code: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  return WORD_CHAR.test(String.fromCharCode(code));
}

const compoundStarts: number[] = [];
/** Calls onHit for every leftmost-first, non-overlapping rule match (matches start at word starts). */
export function scanRules<T>(m: TRuleMatcher<T>, text: string, onHit: (value: T, index: number, length: number) => void): void {
  compoundStarts.length = 0;
  if (m.stems) {
    m.stems.lastIndex = 0;
    for (let s = m.stems.exec(text); s; s = m.stems.exec(text)) {
      let ws = s.index;
      while (ws > 0 && isWordChar(text.charCodeAt(ws - 1))) ws--;
      if (compoundStarts[compoundStarts.length - 1] !== ws) compoundStarts.push(ws);
    }
  }
  let c = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const code = text.charCodeAt(i);
    if (!isWordChar(code)) {
      i++;
      continue;
    }
    while (c < compoundStarts.length && (compoundStarts[c] ?? n) < i) c++;
    const set = compoundStarts[c] === i ? m.full : m.plain;
    const b = set.byChar[code] ?? set.other;
    if (b) {
      b.re.lastIndex = i;
      const hit = b.re.exec(text);
      if (hit && hit[0].length > 0) {
        for (let g = 1; g < hit.length; g++) {
          if (hit[g] !== undefined) {
            onHit(b.values[g - 1] as T, i, hit[0].length);
            break;
          }
        }
        i += hit[0].length;
        continue;
      }
    }
    while (i < n && isWordChar(text.charCodeAt(i))) i++;
  }
}
