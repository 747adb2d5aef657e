// Flags: facts about a connection worth showing next to its score, computed with or without an
// ICP (without one, `competitor` is never set and "stale" uses the default 24 months). `endorser`
// and `recommender` mark connections protected from removal: removing them on LinkedIn deletes
// the endorsements/recommendation they gave.

import type { TScoringConnection } from "../types";
import { ICP_LIMITS, type TIcpDefinition } from "./definition";
import { companyMatcher, connectionAgeMonths, fold, keywordMatcher, monthsSince, prepare, type TPrepared } from "./normalize";

export const FLAG_CODES = [
  "open_networker",
  "recruiter",
  "student",
  "competitor",
  "no_title",
  "stale",
  "job_change",
  "endorser",
  "recommender",
] as const;
export type TFlagCode = (typeof FLAG_CODES)[number];
export interface TFlag {
  code: TFlagCode;
  text: string;
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
const EMOJI = /\p{Extended_Pictographic}/gu;
const HASHTAG = /#[\p{L}\p{N}_]/gu;
const NON_ASCII = /[^\x00-\x7f]/;

function openNetworker(c: TScoringConnection): string | null {
  const raw = `${c.firstName} ${c.lastName} ${c.position ?? ""}`;
  if (LION.test(raw)) return "LION";
  const phrase = OPEN_PHRASES(` ${fold(raw)} `);
  if (phrase) return `'${phrase}'`;
  const followers = FOLLOWERS.exec(raw);
  if (followers) return `'${followers[0].trim()}'`;
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

const iso = (d: Date) => (Number.isNaN(d.getTime()) ? "recently" : d.toISOString().slice(0, 10));
const monthsText = (n: number) => `${n} month${n === 1 ? "" : "s"}`;

export type TFlagger = (c: TScoringConnection, now: Date, prepared?: TPrepared) => TFlag[];

/** Compile once per ICP; the result flags connections without re-reading the definition. */
export function compileFlags(def: TIcpDefinition | null): TFlagger {
  const competitor = companyMatcher(def?.excludedCompanies ?? []);
  const hasCompetitors = (def?.excludedCompanies.length ?? 0) > 0;
  const staleAfter = def?.staleAfterMonths ?? ICP_LIMITS.defaultStaleAfterMonths;
  return (c, now, p = prepare(c)) => {
    const flags: TFlag[] = [];
    const add = (code: TFlagCode, text: string) => flags.push({ code, text });

    const open = openNetworker(c);
    if (open) add("open_networker", `Open networker (${open}): accepts anyone, usually a weak tie.`);
    if (c.function === "hr_recruiting") add("recruiter", "Recruiter or HR (HR/Recruiting function).");
    else {
      const kw = RECRUITING(p.title);
      if (kw) add("recruiter", `Recruiter ('${kw}' in the title).`);
    }
    if (c.seniority === "intern_student") add("student", "Student or intern.");
    const rival = hasCompetitors ? competitor(p.company) : null;
    if (rival) add("competitor", `Works at a competitor: ${c.company?.trim()} matches excluded company '${rival}'.`);
    if (p.title === "") add("no_title", "No job title.");

    const age = connectionAgeMonths(c.connectedOn, now);
    const since = monthsSince(c.lastInteractionAt, now);
    if (age !== null && age > staleAfter && (since === null || since > staleAfter)) {
      const last = since === null ? "never messaged" : `last message ${monthsText(since)} ago`;
      add("stale", `Stale: connected ${monthsText(age)} ago, ${last} (no message in the last ${monthsText(staleAfter)}).`);
    }
    if (c.jobChangedAt) add("job_change", `Changed job (seen ${iso(c.jobChangedAt)}): a reason to reach out.`);
    if (c.endorsedMe) add("endorser", "Endorsed you: protected from removal (removing them deletes their endorsements).");
    if (c.recommendedMe) add("recommender", "Recommended you: protected from removal (removing them deletes their recommendation).");
    return flags;
  };
}

/** Flags of one connection. For many connections, compile once with `compileFlags`. */
export function computeFlags(c: TScoringConnection, def: TIcpDefinition | null, now: Date): TFlag[] {
  return compileFlags(def)(c, now);
}
