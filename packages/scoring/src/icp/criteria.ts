// The active criteria of an ICP, compiled into rules: each says whether a connection matches and,
// in words, what matched, what was missing and what a must-have requires. Points are assigned in
// score.ts. A criterion with no values (or a null connection age / interaction) is inactive.

import type { TScoringConnection } from "../types";
import type { TIcpDefinition, TWeight } from "./definition";
import {
  companyMatcher,
  connectionAgeMonths,
  domainMatcher,
  fold,
  FUNCTION_TEXT,
  keywordMatcher,
  monthsSince,
  plainList,
  quoteList,
  SENIORITY_TEXT,
  type TPrepared,
} from "./normalize";

export type TCriterion =
  | "titleKeywords"
  | "seniorities"
  | "functions"
  | "companies"
  | "emailDomains"
  | "connectionAge"
  | "interaction"
  | "tags"
  | "competitor"
  | "mustCap"
  | "noCriteria";

export interface TRuleInput {
  c: TScoringConnection;
  now: Date;
  p: TPrepared;
  /** Folded tags of the connection (only computed when the ICP has tag rules). */
  tags: Set<string>;
}

export interface TRule {
  criterion: TCriterion;
  weight: TWeight;
  /** What matched, e.g. "title matches 'VP Sales'", or null. */
  match(x: TRuleInput): string | null;
  /** Why it did not match, e.g. "title matches none of 'VP Sales'". */
  miss(x: TRuleInput): string;
  /** The requirement, for "must-have not met: …", e.g. "function is Sales". */
  requirement: string;
}

const months = (n: number) => `${n} month${n === 1 ? "" : "s"}`;

function ageRange(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return min === max ? `${months(min)}` : `${min}–${months(max)}`;
  return min !== null ? `at least ${months(min)}` : `at most ${months(max ?? 0)}`;
}

export function compileRules(def: TIcpDefinition): TRule[] {
  const rules: TRule[] = [];
  const { titleKeywords, seniorities, functions, companies, emailDomains, connectionAge, interaction } = def;

  if (titleKeywords.values.length > 0) {
    const find = keywordMatcher(titleKeywords.values);
    rules.push({
      criterion: "titleKeywords",
      weight: titleKeywords.weight,
      match: ({ p }) => {
        const kw = find(p.title);
        return kw === null ? null : `title matches '${kw}'`;
      },
      miss: ({ p }) => (p.title === "" ? "no job title" : `title matches none of ${quoteList(titleKeywords.values, "and")}`),
      requirement: `title matches ${quoteList(titleKeywords.values)}`,
    });
  }

  if (seniorities.values.length > 0) {
    const set = new Set<string>(seniorities.values);
    const wanted = plainList(seniorities.values.map((s) => SENIORITY_TEXT[s]));
    rules.push({
      criterion: "seniorities",
      weight: seniorities.weight,
      match: ({ c }) => (set.has(c.seniority) ? `seniority: ${SENIORITY_TEXT[c.seniority]}` : null),
      miss: ({ c }) => `seniority: ${SENIORITY_TEXT[c.seniority]} (wanted ${wanted})`,
      requirement: `seniority is ${wanted}`,
    });
  }

  if (functions.values.length > 0) {
    const set = new Set<string>(functions.values);
    const wanted = plainList(functions.values.map((f) => FUNCTION_TEXT[f]));
    rules.push({
      criterion: "functions",
      weight: functions.weight,
      match: ({ c }) => (set.has(c.function) ? `function: ${FUNCTION_TEXT[c.function]}` : null),
      miss: ({ c }) => `function: ${FUNCTION_TEXT[c.function]} (wanted ${wanted})`,
      requirement: `function is ${wanted}`,
    });
  }

  if (companies.values.length > 0) {
    const find = companyMatcher(companies.values);
    rules.push({
      criterion: "companies",
      weight: companies.weight,
      match: ({ p }) => {
        const name = find(p.company);
        return name === null ? null : `company matches '${name}'`;
      },
      miss: ({ p }) => (p.company === "" ? "no company" : `company matches none of ${quoteList(companies.values, "and")}`),
      requirement: `company matches ${quoteList(companies.values)}`,
    });
  }

  if (emailDomains.values.length > 0) {
    const find = domainMatcher(emailDomains.values);
    rules.push({
      criterion: "emailDomains",
      weight: emailDomains.weight,
      match: ({ c }) => {
        const d = find(c.email);
        return d === null ? null : `email at ${d}`;
      },
      miss: ({ c }) => (c.email?.includes("@") ? `email not at ${plainList(emailDomains.values)}` : "no email address"),
      requirement: `email at ${plainList(emailDomains.values)}`,
    });
  }

  if (connectionAge && (connectionAge.minMonths !== null || connectionAge.maxMonths !== null)) {
    const { minMonths: min, maxMonths: max } = connectionAge;
    const range = ageRange(min, max);
    rules.push({
      criterion: "connectionAge",
      weight: connectionAge.weight,
      match: ({ c, now }) => {
        const age = connectionAgeMonths(c.connectedOn, now);
        if (age === null || (min !== null && age < min) || (max !== null && age > max)) return null;
        return `connected ${months(age)} ago (${range})`;
      },
      miss: ({ c, now }) => {
        const age = connectionAgeMonths(c.connectedOn, now);
        return age === null ? "connection date unknown" : `connected ${months(age)} ago (wanted ${range})`;
      },
      requirement: `connected ${range} ago`,
    });
  }

  if (interaction) {
    const within = interaction.withinMonths;
    rules.push({
      criterion: "interaction",
      weight: interaction.weight,
      match: ({ c, now }) => {
        const since = monthsSince(c.lastInteractionAt, now);
        return since === null || since > within ? null : `last message ${months(since)} ago (within ${months(within)})`;
      },
      miss: ({ c, now }) => {
        const since = monthsSince(c.lastInteractionAt, now);
        return since === null ? "no messages yet" : `last message ${months(since)} ago (wanted within ${months(within)})`;
      },
      requirement: `a message in the last ${months(within)}`,
    });
  }

  for (const { tag, weight } of def.tags) {
    const key = fold(tag);
    if (key === "") continue;
    rules.push({
      criterion: "tags",
      weight,
      match: ({ tags }) => (tags.has(key) ? `tag '${tag}'` : null),
      miss: () => `not tagged '${tag}'`,
      requirement: `tagged '${tag}'`,
    });
  }
  return rules;
}

/** Names of the active criteria ("tags" once per tag rule), e.g. for "3 active criteria" in the UI. */
export const activeCriteria = (def: TIcpDefinition): TCriterion[] => compileRules(def).map((r) => r.criterion);
