// Title keywords matched the way people write titles. Pure.
//
// Both the keyword and the title are reduced to canonical words: folded (case, accents,
// punctuation), plural "s" stripped, stop words dropped ("of", "the", "and", "de", "und"…),
// abbreviations and their expansions made one word ("Vice President" and "VP" are both "vp",
// "Sr" is "senior", "Chief Technology Officer" is "cto", "HR" is "human resources"); see
// title-words.ts for the vocabulary.
//
// The rule (decided, and tested in title-match.test.ts): a keyword matches when EVERY one of its
// words is in ONE part of the title, in any order. Any order, because people invert titles:
// "Vice President, Sales", "Manager, Engineering" and "Director of Product" are the same jobs as
// "VP Sales", "Engineering Manager" and "Product Director". One part, because a title often
// lists several things: it is cut at "|", ";", "·", "@", " at ", and the part that
// describes someone else or the past is dropped ("Sales Associate to the VP", "Assistant to CEO",
// "ex-VP Sales"), so "VP Sales" finds neither of those.

import { fold, memo } from "./normalize";
import { AMBIGUOUS, EXPANSIONS, IMPLIES, PAST, PHRASES, SEGMENT_SEPARATOR, STOP_WORDS, SYNONYMS, TO_NEXT, TO_PREV } from "./title-words";

/** "engineers" → "engineer", "sales" → "sale"; "business", "status", "analysis" unchanged. */
const stem = (w: string) => (w.length > 3 && w.charCodeAt(w.length - 1) === 115 && !/(?:ss|us|is)$/.test(w) ? w.slice(0, -1) : w);
const one = (w: string) => stem(fold(w));

const STOP = new Set(STOP_WORDS.map(one));
const SYN = new Map(Object.entries(SYNONYMS).map(([k, v]) => [one(k), one(v)]));
const EXP = new Map(Object.entries(EXPANSIONS).map(([k, v]) => [one(k), v.map(one)]));
const AMB = new Map(Object.entries(AMBIGUOUS).map(([k, v]) => [one(k), v.map(one)]));
const IMP = new Map(Object.entries(IMPLIES).map(([k, v]) => [one(k), v.map(one)]));

/** Words with synonyms and expansions applied, cut where the person's own title ends. */
function words(folded: string): string[] {
  const raw = folded === "" ? [] : folded.split(" ");
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const w = raw[i]!;
    if (PAST.has(w)) break;
    if (w === "to" && (TO_NEXT.has(raw[i + 1] ?? "") || TO_PREV.has(raw[i - 1] ?? ""))) break;
    if (STOP.has(w)) continue;
    const s = stem(w);
    const exp = EXP.get(s);
    if (exp) out.push(...exp);
    else out.push(SYN.get(s) ?? s);
  }
  return out;
}

// Phrases in the same normal form as the words they are looked for in, indexed by first word.
const PHRASE_BY_FIRST = new Map<string, Array<{ words: string[]; id: string }>>();
for (const [text, id] of PHRASES) {
  const ws = words(fold(text));
  const list = PHRASE_BY_FIRST.get(ws[0]!) ?? [];
  list.push({ words: ws, id: one(id) });
  list.sort((a, b) => b.words.length - a.words.length);
  PHRASE_BY_FIRST.set(ws[0]!, list);
}

/** Canonical words of one title part or keyword: phrases collapsed to their abbreviation. */
export function canonicalWords(text: string): string[] {
  const ws = words(fold(text));
  const out: string[] = [];
  for (let i = 0; i < ws.length; ) {
    const hit = PHRASE_BY_FIRST.get(ws[i]!)?.find((p) => p.words.every((w, j) => ws[i + j] === w));
    if (hit) {
      out.push(hit.id);
      i += hit.words.length;
    } else {
      if (ws[i] !== "to") out.push(ws[i]!);
      i++;
    }
  }
  return out;
}

/** What each part of a title says, as sets of canonical words plus what they imply. */
const titleParts = memo((position: string): Array<Set<string>> => {
  const parts: Array<Set<string>> = [];
  for (const part of position.split(SEGMENT_SEPARATOR)) {
    const ws = canonicalWords(part);
    if (ws.length === 0) continue;
    const set = new Set<string>();
    const add = (w: string) => {
      if (set.has(w)) return;
      set.add(w);
      for (const x of AMB.get(w) ?? []) set.add(x);
      for (const x of IMP.get(w) ?? []) add(x);
    };
    ws.forEach(add);
    parts.push(set);
  }
  return parts;
}, 20_000);

/** A keyword as requirements: each is met by any of its alternatives (only ambiguous
 *  abbreviations have several). A keyword of stop words only has none and never matches. */
export function keywordRequirements(keyword: string): string[][] {
  const seen = new Set<string>();
  return canonicalWords(keyword)
    .filter((w) => !seen.has(w) && !!seen.add(w))
    .map((w) => [w, ...(AMB.get(w) ?? [])]);
}

/** Index of the first keyword (in the order given) that a job title matches, or −1. Memoised per
 *  title: a network repeats its titles. */
export function titleIndex(keywords: readonly string[]): (position: string | null) => number {
  const reqs = keywords.map(keywordRequirements);
  // Keywords by the alternatives of their first requirement: a title part is only checked
  // against keywords one of its words can start.
  const byFirst = new Map<string, number[]>();
  reqs.forEach((r, i) => {
    for (const alt of r[0] ?? []) byFirst.set(alt, [...(byFirst.get(alt) ?? []), i]);
  });
  const find = memo((position: string) => {
    let best = -1;
    for (const part of titleParts(position)) {
      for (const w of part) {
        for (const i of byFirst.get(w) ?? []) {
          if ((best < 0 || i < best) && reqs[i]!.every((alts) => alts.some((a) => part.has(a)))) best = i;
        }
      }
    }
    return best;
  });
  return (position) => (position ? find(position) : -1);
}

/** The first keyword (as typed) a title matches, else null. */
export function titleMatcher(keywords: readonly string[]): (position: string | null) => string | null {
  const find = titleIndex(keywords);
  return (position) => {
    const i = find(position);
    return i < 0 ? null : keywords[i]!;
  };
}
