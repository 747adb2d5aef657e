// Flags: facts about a connection worth showing next to its score, computed with or without an
// ICP (without one, `competitor` is never set and "stale" uses the default 24 months). `endorser`
// and `recommender` mark connections protected from removal: removing them on LinkedIn deletes
// the endorsements/recommendation they gave.

import type { TFlagCode, TScoringConnection } from "../types";
import { ICP_LIMITS, type TIcpDefinition } from "./definition";
import { companyIndex, fold, keywordMatcher, memo, prepare, type TPrepared } from "./normalize";

export { FLAG_CODES, type TFlagCode } from "../types";
/** Shared, frozen objects: many connections get the same flag. */
export interface TFlag {
  readonly code: TFlagCode;
  readonly text: string;
}

export const FLAG_LABELS: Record<TFlagCode, string> = {
  open_networker: "Open networker",
  recruiter: "Recruiter",
  student: "Student or intern",
  competitor: "Competitor",
  no_title: "No job title",
  stale: "Stale",
  job_change: "Job change",
  endorser: "Endorsed you (protected)",
  recommender: "Recommended you (protected)",
};

/** Flags that protect a connection from removal. */
export const PROTECTED_FLAG_CODES: readonly TFlagCode[] = ["endorser", "recommender"];

const LION = /(?<![\p{L}\p{N}])L\.?I\.?O\.?N\.?(?![\p{L}\p{N}])/u;
const OPEN_PHRASES = keywordMatcher([
  "LinkedIn open networker",
  "open networker",
  "open networking",
  "TopLinked",
  "I accept all invites",
  "I accept all invitations",
  "accept all invites",
  "accepts all invites",
  "all invites accepted",
  "all invitations accepted",
  "open to all connections",
]);
const FOLLOWERS =
  /(?<![\p{L}\p{N}])(?:\d+(?:[.,]\d+)?\s?[km]|\d{1,3}(?:[.,]\d{3})+|\d{4,})\s?\+?\s?(?:followers|connections|abonn[ée]s|seguidores|follower)(?![\p{L}])/iu;
// A ZWJ sequence (👨‍👩‍👧) counts as one emoji.
const EMOJI = /\p{Extended_Pictographic}(?:\u200d\p{Extended_Pictographic})*/gu;
const HASHTAG = /#[\p{L}\p{N}_]/gu;
const NON_ASCII = /[^\x00-\x7f]/;

const PHRASE_HINT = /network|toplinked|invit|connection/i;
const FOLLOWER_HINT = /follower|connection|abonn|seguidor/i;

function openNetworker(c: TScoringConnection): string | null {
  const raw = `${c.firstName} ${c.lastName} ${c.position ?? ""}`;
  // Cheap substring checks first: most connections match none of these.
  if ((raw.includes("LION") || raw.includes("L.I.O.N")) && LION.test(raw)) return "LION";
  if (PHRASE_HINT.test(raw)) {
    const phrase = OPEN_PHRASES(` ${fold(raw)} `);
    if (phrase) return `'${phrase}'`;
  }
  if (FOLLOWER_HINT.test(raw)) {
    const followers = FOLLOWERS.exec(raw);
    if (followers) return `'${followers[0].trim()}'`;
  }
  if (NON_ASCII.test(raw)) {
    const emojis = raw.match(EMOJI)?.length ?? 0;
    if (emojis >= 3) return `${emojis} emojis in name or title`;
  }
  if (raw.includes("#")) {
    const tags = raw.match(HASHTAG)?.length ?? 0;
    if (tags >= 3) return `${tags} hashtags in name or title`;
  }
  return null;
}

const RECRUITING = keywordMatcher([
  "recruiter", "recruiters", "recruiting", "recruitment", "talent acquisition", "talent partner", "talent sourcer",
  "sourcer", "sourcing specialist", "headhunter", "head hunter", "executive search", "recruteur", "recruteuse",
  "recrutement", "reclutador", "reclutadora", "reclutamiento", "selezione del personale", "personalvermittler",
  "personalberater", "recruiterin",
]);
const RECRUITING_HINT = /recru|talent|sourc|hunter|search|reclut|selezione|personal/;

const iso = (d: Date) => (Number.isNaN(d.getTime()) ? "recently" : d.toISOString().slice(0, 10));
const monthsText = (n: number) => `${n} month${n === 1 ? "" : "s"}`;
const flag = (code: TFlagCode, text: string): TFlag => Object.freeze({ code, text });
const RECRUITER_HR = flag("recruiter", "Recruiter or HR (HR/Recruiting function).");
const STUDENT = flag("student", "Student or intern.");
const NO_TITLE = flag("no_title", "No job title.");
const ENDORSER = flag("endorser", "Endorsed you: protected from removal (removing them deletes their endorsements).");
const RECOMMENDER = flag("recommender", "Recommended you: protected from removal (removing them deletes their recommendation).");

export type TFlagger = (c: TScoringConnection, now: Date, prepared?: TPrepared) => TFlag[];

/** Compile once per ICP; the result flags connections without re-reading the definition. */
export function compileFlags(def: TIcpDefinition | null): TFlagger {
  const excluded = def?.excludedCompanies ?? [];
  const competitor = companyIndex(excluded);
  const staleAfter = def?.staleAfterMonths ?? ICP_LIMITS.defaultStaleAfterMonths;
  const buildStale = (age: number, since: number | null) =>
    flag(
      "stale",
      `Stale: connected ${monthsText(age)} ago, ${since === null ? "never messaged" : `last message ${monthsText(since)} ago`} (no message in the last ${monthsText(staleAfter)}).`,
    );
  // Most stale texts repeat: memoised by age * 10,000 + (months since the last message + 1, 0 = never).
  const cached = memo((key: number) => buildStale(Math.floor(key / 10_000), key % 10_000 === 0 ? null : (key % 10_000) - 1));
  const stale = (age: number, since: number | null) =>
    age < 10_000 && (since ?? 0) < 9_999 ? cached(age * 10_000 + (since === null ? 0 : since + 1)) : buildStale(age, since);

  return (c, now, p = prepare(c, now)) => {
    const flags: TFlag[] = [];
    const open = openNetworker(c);
    if (open) flags.push(flag("open_networker", `Open networker (${open}): accepts anyone, usually a weak tie.`));
    if (c.function === "hr_recruiting") flags.push(RECRUITER_HR);
    else {
      const kw = RECRUITING_HINT.test(p.title) ? RECRUITING(p.title) : null;
      if (kw) flags.push(flag("recruiter", `Recruiter ('${kw}' in the title).`));
    }
    if (c.seniority === "intern_student") flags.push(STUDENT);
    const rival = excluded.length > 0 ? competitor(p.company) : -1;
    if (rival >= 0) flags.push(flag("competitor", `Works at a competitor: ${c.company?.trim()} matches excluded company '${excluded[rival]}'.`));
    if (p.title === "") flags.push(NO_TITLE);
    const { ageMonths: age, sinceMonths: since } = p;
    if (age !== null && age > staleAfter && (since === null || since > staleAfter)) flags.push(stale(age, since));
    if (c.jobChangedAt) flags.push(flag("job_change", `Changed job (seen ${iso(c.jobChangedAt)}): a reason to reach out.`));
    if (c.endorsedMe) flags.push(ENDORSER);
    if (c.recommendedMe) flags.push(RECOMMENDER);
    return flags;
  };
}

/** Flags of one connection. For many connections, compile once with `compileFlags`. */
export function computeFlags(c: TScoringConnection, def: TIcpDefinition | null, now: Date): TFlag[] {
  return compileFlags(def)(c, now);
}
