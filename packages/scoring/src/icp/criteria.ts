// The active criteria of an ICP, compiled into rules: each says whether a connection matches and,
// in words, what matched, what was missing and what a must-have requires. Points are assigned in
// score.ts. A criterion with no values (or a null connection age / interaction) is inactive.
//
// Outcomes are small integer keys (which keyword matched, how many months…) so the scorer can
// build each reason once and reuse it for every connection with the same outcome.

import type { TScoringConnection } from "../types";
import type { TIcpDefinition, TWeight } from "./definition";
import { FUNCTIONS, SENIORITIES } from "../types";
import {
  companyIndex,
  domainIndex,
  FUNCTION_TEXT,
  plainList,
  quoteList,
  SENIORITY_TEXT,
  type TPrepared,
} from "./normalize";
import { titleIndex } from "./title-match";

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
  p: TPrepared;
  /** Tag ids of the connection (only computed when the ICP has tag rules). */
  tags: Set<string>;
}

export interface TRule {
  criterion: TCriterion;
  weight: TWeight;
  /** ≥ 0 when the connection meets the criterion (a key for `hitText`), −1 when it does not. */
  test(x: TRuleInput): number;
  /** Only when `test` gave −1: a key (≥ 0) for `missText`. */
  missKey(x: TRuleInput): number;
  /** What matched, e.g. "title matches 'VP Sales'". */
  hitText(key: number): string;
  /** Why it did not match, e.g. "title matches none of 'VP Sales'". */
  missText(key: number): string;
  /** The requirement, for "must-have not met: …", e.g. "function is Sales". */
  requirement: string;
}

const months = (n: number) => `${n} month${n === 1 ? "" : "s"}`;

function ageRange(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return min === max ? `${months(min)}` : `${min}–${months(max)}`;
  return min !== null ? `at least ${months(min)}` : `at most ${months(max ?? 0)}`;
}

/** Seniority / function rules: keys are positions in the label list. */
function enumRule<T extends string>(
  criterion: "seniorities" | "functions",
  all: readonly T[],
  labels: Record<T, string>,
  chosen: { values: T[]; weight: TWeight },
  read: (c: TScoringConnection) => T,
  noun: string,
): TRule {
  const index = new Map<string, number>(all.map((v, i) => [v, i]));
  const wanted = plainList(chosen.values.map((v) => labels[v]));
  const set = new Set<string>(chosen.values);
  const label = (k: number) => labels[all[k]!] ?? "Unknown";
  return {
    criterion,
    weight: chosen.weight,
    test: ({ c }) => (set.has(read(c)) ? index.get(read(c))! : -1),
    missKey: ({ c }) => index.get(read(c)) ?? all.length - 1,
    hitText: (k) => `${noun}: ${label(k)}`,
    missText: (k) => `${noun}: ${label(k)} (wanted ${wanted})`,
    requirement: `${noun} is ${wanted}`,
  };
}

export function compileRules(def: TIcpDefinition): TRule[] {
  const rules: TRule[] = [];
  const { titleKeywords, seniorities, functions, companies, emailDomains, connectionAge, interaction } = def;

  if (titleKeywords.values.length > 0) {
    const { values, weight } = titleKeywords;
    const find = titleIndex(values);
    rules.push({
      criterion: "titleKeywords",
      weight,
      test: ({ c }) => find(c.position),
      missKey: ({ p }) => (p.title === "" ? 0 : 1),
      hitText: (k) => `title matches '${values[k]}'`,
      missText: (k) => (k === 0 ? "no job title" : `title matches none of ${quoteList(values, "and")}`),
      requirement: `title matches ${quoteList(values)}`,
    });
  }
  if (seniorities.values.length > 0) rules.push(enumRule("seniorities", SENIORITIES, SENIORITY_TEXT, seniorities, (c) => c.seniority, "seniority"));
  if (functions.values.length > 0) rules.push(enumRule("functions", FUNCTIONS, FUNCTION_TEXT, functions, (c) => c.function, "function"));

  if (companies.values.length > 0) {
    const { values, weight } = companies;
    const find = companyIndex(values);
    rules.push({
      criterion: "companies",
      weight,
      test: ({ p }) => find(p.company),
      missKey: ({ p }) => (p.company === "" ? 0 : 1),
      hitText: (k) => `company matches '${values[k]}'`,
      missText: (k) => (k === 0 ? "no company" : `company matches none of ${quoteList(values, "and")}`),
      requirement: `company matches ${quoteList(values)}`,
    });
  }

  if (emailDomains.values.length > 0) {
    const { values, weight } = emailDomains;
    const find = domainIndex(values);
    const domains = plainList(values);
    rules.push({
      criterion: "emailDomains",
      weight,
      test: ({ c }) => find(c.email),
      missKey: ({ c }) => (c.email?.includes("@") ? 1 : 0),
      hitText: (k) => `email at ${values[k]}`,
      missText: (k) => (k === 0 ? "no email address" : `email not at ${domains}`),
      requirement: `email at ${domains}`,
    });
  }

  if (connectionAge && (connectionAge.minMonths !== null || connectionAge.maxMonths !== null)) {
    const { minMonths: min, maxMonths: max, weight } = connectionAge;
    const range = ageRange(min, max);
    rules.push({
      criterion: "connectionAge",
      weight,
      // Keys: the age in months; misses: 0 = unknown date, else age + 1.
      test: ({ p: { ageMonths: age } }) => (age === null || (min !== null && age < min) || (max !== null && age > max) ? -1 : age),
      missKey: ({ p: { ageMonths: age } }) => (age === null ? 0 : age + 1),
      hitText: (age) => `connected ${months(age)} ago (${range})`,
      missText: (k) => (k === 0 ? "connection date unknown" : `connected ${months(k - 1)} ago (wanted ${range})`),
      requirement: `connected ${range} ago`,
    });
  }

  if (interaction) {
    const { withinMonths: within, weight } = interaction;
    rules.push({
      criterion: "interaction",
      weight,
      // Keys: months since the last message; misses: 0 = never, else months + 1.
      test: ({ p: { sinceMonths: since } }) => (since === null || since > within ? -1 : since),
      missKey: ({ p: { sinceMonths: since } }) => (since === null ? 0 : since + 1),
      hitText: (since) => `last message ${months(since)} ago (within ${months(within)})`,
      missText: (k) => (k === 0 ? "no messages yet" : `last message ${months(k - 1)} ago (wanted within ${months(within)})`),
      requirement: `a message in the last ${months(within)}`,
    });
  }

  for (const { tagId, tag, weight } of def.tags) {
    // By id only: a rule whose tag could not be resolved (see ZTagRule) matches nobody, as a rule
    // on a tag nobody has did before.
    rules.push({
      criterion: "tags",
      weight,
      test: ({ tags }) => (tagId !== null && tags.has(tagId) ? 0 : -1),
      missKey: () => 0,
      hitText: () => `tag '${tag}'`,
      missText: () => `not tagged '${tag}'`,
      requirement: `tagged '${tag}'`,
    });
  }
  return rules;
}

/** Names of the active criteria ("tags" once per tag rule), e.g. for "3 active criteria" in the UI. */
export const activeCriteria = (def: TIcpDefinition): TCriterion[] => compileRules(def).map((r) => r.criterion);
