import type { TFunction, TSeniority, TTitleClass } from "../types";
import { compileRules, scanRules } from "./rule-matcher";
import { FUNCTION_RULES, SENIORITY_RULES } from "./title-rules";

// Classifies a LinkedIn "Position" string into seniority + function. Pure and synchronous; all
// regexes are compiled once at module load. Keyword tables and the decisions for ambiguous titles
// live in ./title-rules. How a title is read:
// 1. Accents are stripped and case folded (ß → ss); hashtags and double quotes are blanked.
// 2. The title is cut into role segments at | • · ; , / ( ) : " - ", emojis and other symbols.
//    Headline noise segments ("Helping X…", "Speaker", "we're hiring") are dropped; "open to work",
//    "looking for…", "aspiring…" and "ex-/former…" segments only contribute a fallback function.
//    "@ Company" / " at " / " bei " / " chez " cut the company off a segment (an industry word in
//    it — Capital, Ventures, Consulting… — is a fallback function).
// 3. Per segment: the highest seniority keyword wins, except that intern/student beats IC levels;
//    the function is the EARLIEST strong function keyword (weak ones — consulting words, project,
//    assistant, "technical" — only count when nothing strong is present). Segment readings are
//    memoised (bounded), since the same roles recur across a network.
// 4. Per title: the segment with the highest seniority wins (first on ties). Its function is used,
//    else the first strong function of any segment, else a company hint, else a weak one from the
//    winner or from a segment without its own seniority. A title with a function but no seniority
//    word is "ic"; one with neither is "unknown"/"other". `evidence` quotes the original text.

export interface TTitleEvidence {
  seniority?: string;
  function?: string;
}
export type TClassifiedTitle = TTitleClass & { evidence: TTitleEvidence };

const RANK: Record<TSeniority, number> = {
  unknown: 0,
  intern_student: 1,
  ic: 2,
  senior_ic: 3,
  manager: 4,
  head: 5,
  director: 6,
  vp: 7,
  c_level: 8,
  owner: 9,
};

const SEN = compileRules(SENIORITY_RULES);
const FN = compileRules(FUNCTION_RULES);

const SEPARATORS = /[|•·;,/\\()[\]{}:\n\r\t]+|\s[-–—~]+\s|[\p{Extended_Pictographic}\p{So}]+/gu;
// Headline noise at the start of a segment; group 1 = job seeking or a former role (these only
// contribute a fallback function, never a seniority).
const NOISE =
  /^(?:(open ?to|looking for|seeking|currently (?:looking|seeking)|available for|aspiring|future|ex\b|former|previously|prev\b)|helping|i help|we help|on a mission|passionate|obsessed|lover? |building (?:the|a|an|better|great|teams|products|something)|now building|making|empowering|enabling|driving|transforming|turning|connecting|creating|let'?s connect|dm |views|opinions|we'?re hiring|hiring|alumn\w*|proud|dad|mom|father|mother|husband|wife|(?:linkedin )?top voice|(?:keynote |tedx )?speaker|author|podcast|forbes|investor$|mentor)\b/;
// Everything after "ex-…" / "former …" or "@ Company" / " at " / " bei " / " chez " is not the role;
// group 1 marks a company. A company's industry word is the last-resort function ("Partner @ X Capital").
const TAIL_CUT = /(?:^|\s)(?:ex-|ex |former |formerly |previously |prev\.? )|(\s?@|\s(?:at|bei|chez)\s)/;
const COMPANY_HINTS: readonly (readonly [RegExp, TFunction])[] = [
  [/\b(?:capital|ventures?|vc|private equity|investments?)\b/, "finance"],
  [/\b(?:consulting|consultants?|advisory|beratung|conseil)\b/, "consulting"],
];
const MEDICAL = /\b(?:physician|doctor|surgeon|medical|medicine|arzt|medecin|medico|clinic|hospital|resident|p(?:a|ae)diatr|cardiolog|radiolog|dermatolog|psychiatr)/;
// Abbreviations that are only meaningful in upper case ("it", "am" and "ta" are ordinary words).
const CASED = /\b(?:IT|TA|AM)\b/g;
const HAS_CASED = /\b(?:IT|TA|AM)\b/;
const CASED_FN: Readonly<Record<string, TFunction>> = { IT: "engineering", TA: "hr_recruiting", AM: "sales" };

interface TPrepared {
  lower: string; // accent-stripped, lower-cased; same length as `cased`
  cased: string; // accent-stripped, original case
  map: number[] | null; // raw index of each char, plus raw length at the end (null: identity)
}

const FOLD = new Map<number, string>(); // UTF-16 unit → accent-stripped text (memo)
function fold(code: number): string {
  let f = FOLD.get(code);
  if (f === undefined) {
    const ch = String.fromCharCode(code);
    f = ch === "ß" ? "ss" : "’‘´`".includes(ch) ? "'" : ch.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    if (f.toLowerCase().length !== f.length) f = f.toLowerCase();
    FOLD.set(code, f);
  }
  return f;
}

function prepare(raw: string): TPrepared {
  if (!/[^\x00-\x7f]/.test(raw)) return { lower: raw.toLowerCase(), cased: raw, map: null };
  let cased = "";
  let identity = true;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    const f = code < 128 ? raw[i] ?? "" : fold(code);
    if (f.length !== 1) identity = false;
    cased += f;
  }
  let map: number[] | null = null;
  if (!identity) {
    map = [];
    for (let i = 0; i < raw.length; i++) {
      const code = raw.charCodeAt(i);
      for (let k = code < 128 ? 1 : fold(code).length; k > 0; k--) map.push(i);
    }
    map.push(raw.length);
  }
  return { lower: cased.toLowerCase(), cased, map };
}

type TSpan = readonly [number, number]; // relative to the segment
interface TRead {
  rank: number;
  sen: TSeniority | null;
  senAt: TSpan | null;
  strong: { fn: TFunction; at: TSpan } | null;
  weak: { fn: TFunction; at: TSpan } | null;
}
interface TSegment {
  read: TRead;
  offset: number; // segment start in the prepared title
  seeking: boolean;
  company: { fn: TFunction; at: TSpan } | null; // industry hint from "@ Company" (span relative to offset)
}

/** `cased`: the role with only the upper-case IT/TA/AM tokens kept ("" when it has none). */
function readRole(role: string, cased: string, medical: boolean): TRead {
  const r: TRead = { rank: 0, sen: null, senAt: null, strong: null, weak: null };
  let intern: TSpan | null = null;
  scanRules(SEN, role, (v, i, len) => {
    if (!v || (medical && len === 2 && role.startsWith("md", i))) return;
    if (v === "intern_student") intern ??= [i, i + len];
    else if (RANK[v] > r.rank) [r.rank, r.sen, r.senAt] = [RANK[v], v, [i, i + len]];
  });
  if (intern && r.rank <= RANK.senior_ic) [r.rank, r.sen, r.senAt] = [RANK.intern_student, "intern_student", intern];
  let strongIdx = Infinity;
  scanRules(FN, role, (v, i, len) => {
    if (!v) return;
    if (!v[1] && !r.strong) [r.strong, strongIdx] = [{ fn: v[0], at: [i, i + len] }, i];
    else if (v[1] && !r.weak) r.weak = { fn: v[0], at: [i, i + len] };
  });
  if (cased) {
    CASED.lastIndex = 0;
    for (let m = CASED.exec(cased); m; m = CASED.exec(cased)) {
      if (m[0] === "AM" && r.rank === 0) [r.rank, r.sen, r.senAt] = [RANK.ic, "ic", [m.index, m.index + 2]];
      const fn = CASED_FN[m[0]];
      if (fn && m.index < strongIdx) [r.strong, strongIdx] = [{ fn, at: [m.index, m.index + 2] }, m.index];
    }
  }
  return r;
}

// Role segments repeat a lot across a network ("software engineer", "ceo"): memoise their reading.
const READ_CACHE = new Map<string, TRead>();
function readRoleCached(role: string, cased: string, medical: boolean): TRead {
  const key = cased || medical ? `${role}\u0000${cased}\u0000${medical ? 1 : 0}` : role;
  let r = READ_CACHE.get(key);
  if (!r) {
    if (READ_CACHE.size >= 20_000) READ_CACHE.clear();
    r = readRole(role, cased, medical);
    READ_CACHE.set(key, r);
  }
  return r;
}

function segments(p: TPrepared): TSegment[] {
  const clean = /[#"“”„«»]/.test(p.lower) ? p.lower.replace(/#\S*|["“”„«»]/g, (s) => " ".repeat(s.length)) : p.lower;
  const medical = clean.includes("md") && MEDICAL.test(clean);
  const hasCased = HAS_CASED.test(p.cased);
  const out: TSegment[] = [];
  let from = 0;
  const cut = (to: number) => {
    let a = from;
    while (a < to && clean.charCodeAt(a) <= 32) a++;
    let text = clean.slice(a, to);
    if (!/[a-z]/.test(text)) return;
    const noise = NOISE.exec(text);
    if (noise && !noise[1]) return;
    if (noise) {
      // "former VP Sales" → "VP Sales", read for its function only
      a += noise[0].length;
      while (a < to && clean.charCodeAt(a) <= 32) a++;
      text = clean.slice(a, to);
    }
    const tail = TAIL_CUT.exec(text);
    let company: TSegment["company"] = null;
    if (tail?.[1]) {
      const co = tail.index + tail[0].length;
      for (const [re, fn] of COMPANY_HINTS) {
        const h: RegExpExecArray | null = company ? null : re.exec(text.slice(co));
        if (h) company = { fn, at: [co + h.index, co + h.index + h[0].length] };
      }
    }
    if (tail) text = text.slice(0, tail.index);
    if (!text) return;
    let cased = "";
    if (hasCased) {
      cased = p.cased.slice(a, a + text.length);
      if (!HAS_CASED.test(cased)) cased = "";
    }
    out.push({ read: readRoleCached(text, cased, medical), offset: a, seeking: !!noise, company });
  };
  SEPARATORS.lastIndex = 0;
  for (let m = SEPARATORS.exec(clean); m; m = SEPARATORS.exec(clean)) {
    cut(m.index);
    from = m.index + m[0].length;
  }
  cut(clean.length);
  return out;
}

function evidenceOf(raw: string, p: TPrepared, seg: TSegment | undefined, at: TSpan | null | undefined): string | undefined {
  if (!seg || !at) return undefined;
  const a = seg.offset + at[0];
  const b = seg.offset + at[1];
  const text = p.map ? raw.slice(p.map[a] ?? 0, p.map[b] ?? raw.length) : raw.slice(a, b);
  return text.trim() || undefined;
}

export function classifyTitle(title: string | null | undefined): TClassifiedTitle {
  const raw = typeof title === "string" ? title.slice(0, 500) : "";
  const p = prepare(raw);
  const segs = segments(p);
  let best: TSegment | undefined;
  for (const s of segs) if (!s.seeking && s.read.sen && (!best || s.read.rank > best.read.rank)) best = s;
  // function: the winner's, else the first strong one, else a company hint, else a weak one (see header)
  type THit = { fn: TFunction; at: TSpan };
  const chosen: { seg?: TSegment; hit?: THit } = {};
  const take = (seg: TSegment | undefined, hit: THit | null | undefined) => {
    if (!chosen.hit && seg && hit) [chosen.seg, chosen.hit] = [seg, hit];
  };
  take(best, best?.read.strong);
  for (const s of segs) if (!s.seeking) take(s, s.read.strong);
  for (const s of segs) take(s, s.company);
  take(best, best?.read.weak);
  for (const s of segs) if (!s.seeking && !s.read.sen) take(s, s.read.weak);
  for (const s of segs) if (s.seeking) take(s, s.read.strong);
  for (const s of segs) if (s.seeking) take(s, s.read.weak);
  const anyFn = segs.some((s) => !s.seeking && (s.read.strong ?? s.read.weak));
  const seniority: TSeniority = best?.read.sen ?? (anyFn ? "ic" : "unknown");
  const evidence: TTitleEvidence = {};
  const senEv = evidenceOf(raw, p, best, best?.read.senAt);
  const fnEv = evidenceOf(raw, p, chosen.seg, chosen.hit?.at);
  if (senEv) evidence.seniority = senEv;
  if (fnEv) evidence.function = fnEv;
  return { seniority, function: chosen.hit?.fn ?? "other", evidence };
}
