// The ICP definition: ONE zod schema shared by the web form, the API and the worker. Plain JSON,
// no free-form objects. Every field has a default, so `ZIcpDefinition.parse({})` is the empty ICP
// and a stored definition from an older version still parses. Lists are trimmed, entries with no
// letter or digit dropped and duplicates removed case- and accent-insensitively (first spelling
// wins; email domains exactly, after lower-casing). Every error message names the field in the
// words the form uses. Unknown keys are dropped.

import { z } from "zod";
import { FUNCTIONS, SENIORITIES } from "../types";
import { fold } from "./normalize";

export const WEIGHTS = ["must", "important", "nice", "negative"] as const;
export type TWeight = (typeof WEIGHTS)[number];

export const WEIGHT_LABELS: Record<TWeight, string> = {
  must: "Must have",
  important: "Important",
  nice: "Nice to have",
  negative: "Negative (lowers the score)",
};

export const ICP_LIMITS = { maxValues: 50, maxValueLength: 100, maxMonths: 600, defaultStaleAfterMonths: 24 } as const;
// Hard bound on what we even look at before de-duplication (a pasted list can repeat itself).
const RAW_MAX = 500;

export const ICP_FIELD_LABELS = {
  titleKeywords: "Title keywords",
  seniorities: "Seniorities",
  functions: "Functions",
  companies: "Target companies",
  excludedCompanies: "Excluded companies (competitors)",
  emailDomains: "Email domains",
  connectionAge: "Connection age",
  interaction: "Last message",
  tags: "Tags",
  staleAfterMonths: "Stale after (months)",
} as const;
type TField = keyof typeof ICP_FIELD_LABELS;
const L = (f: TField) => ICP_FIELD_LABELS[f];

const preview = (v: unknown) => (typeof v === "string" ? `'${v.length > 30 ? `${v.slice(0, 30)}…` : v}'` : "this value");

const WEIGHT_HELP = "choose a weight: must have, important, nice to have or negative.";
export const ZWeight = z.enum(WEIGHTS, { error: `Weight: ${WEIGHT_HELP}` });
const weightOf = (f: TField) => z.enum(WEIGHTS, { error: `${L(f)}: ${WEIGHT_HELP}` }).default("important");

function dedupe<T extends string>(values: T[], key: (v: T) => string = fold): T[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = key(v);
    if (k === "" || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const tooMany = (f: TField) => `${L(f)}: use at most ${ICP_LIMITS.maxValues} values.`;

/** One free-text value of a list: trimmed, ≤ 100 characters. */
const text = (f: TField, what = "value") =>
  z
    .string({ error: `${L(f)}: each ${what} must be text.` })
    .trim()
    .max(ICP_LIMITS.maxValueLength, {
      error: (iss) => `${L(f)}: ${preview(iss.input)} is longer than ${ICP_LIMITS.maxValueLength} characters.`,
    });

/** A list of free-text values, cleaned and de-duplicated, ≤ 50 values. */
const textList = (f: TField, item: z.ZodType<string, string> = text(f), key: (v: string) => string = fold) =>
  z
    .array(item, { error: `${L(f)}: expected a list of values.` })
    .max(RAW_MAX, tooMany(f))
    .transform((values) => dedupe(values, key))
    .refine((values) => values.length <= ICP_LIMITS.maxValues, tooMany(f));

const weighted = <T extends z.ZodType<string[]>>(f: TField, values: T) =>
  z
    .object(
      { values, weight: weightOf(f) },
      { error: `${L(f)}: expected a list of values and a weight.` },
    )
    .default(() => ({ values: [] as z.output<T>, weight: "important" as const }));

const DOMAIN = /^(?=.{3,100}$)([a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;
const domain = z
  .string({ error: `${L("emailDomains")}: each domain must be text.` })
  .trim()
  .toLowerCase()
  .transform((d) => d.replace(/^@/, "").replace(/^https?:\/\//, "").replace(/^www\./, "").replace(/\/$/, ""))
  .refine((d) => d === "" || DOMAIN.test(d), {
    error: (iss) => `${L("emailDomains")}: ${preview(iss.input)} is not a domain like acme.com.`,
  });

const enumList = <T extends readonly [string, ...string[]]>(f: TField, values: T, what: string) =>
  z
    .array(z.enum(values, { error: (iss) => `${L(f)}: ${preview(iss.input)} is not a known ${what}.` }), {
      error: `${L(f)}: expected a list of values.`,
    })
    .max(RAW_MAX, tooMany(f))
    .transform((v) => dedupe(v, (x) => x));

const months = (f: TField, what: string, min = 0) =>
  z
    .number({ error: `${L(f)}: ${what} must be a number of months.` })
    .int({ error: `${L(f)}: ${what} must be a whole number of months.` })
    .min(min, { error: `${L(f)}: ${what} must be at least ${min}.` })
    .max(ICP_LIMITS.maxMonths, { error: `${L(f)}: ${what} must be at most ${ICP_LIMITS.maxMonths} months.` });

const ZConnectionAge = z
  .object(
    {
      minMonths: months("connectionAge", "the minimum").nullable().default(null),
      maxMonths: months("connectionAge", "the maximum").nullable().default(null),
      weight: weightOf("connectionAge"),
    },
    { error: `${L("connectionAge")}: expected a minimum and/or maximum number of months.` },
  )
  .refine((a) => a.minMonths === null || a.maxMonths === null || a.minMonths <= a.maxMonths, {
    error: (iss) => {
      const a = iss.input as { minMonths: number; maxMonths: number };
      return `${L("connectionAge")}: the minimum (${a.minMonths} months) is more than the maximum (${a.maxMonths} months).`;
    },
    path: ["minMonths"],
  });

const ZInteraction = z.object(
  { withinMonths: months("interaction", "the period", 1), weight: weightOf("interaction") },
  { error: `${L("interaction")}: expected a number of months and a weight.` },
);

// A tag rule names its tag by id, so renaming the tag keeps the rule (issue 16 item 9); `tag` is
// the tag's name as last seen, for reading the definition and for reasons, never for matching.
// Definitions saved before ids carry only `tag` (a name): they parse with `tagId: null`, and the
// service layer resolves them to the team's tag of that name (core/icps/tag-rules.ts).
const ZTagRule = z
  .object(
    {
      tagId: z
        .string({ error: `${L("tags")}: each rule needs a tag.` })
        .trim()
        .max(64, `${L("tags")}: that is not a tag of this team.`)
        .transform((v) => v || null)
        .nullable()
        .default(null),
      tag: text("tags", "tag").default(""),
      weight: weightOf("tags"),
    },
    { error: `${L("tags")}: each entry needs a tag and a weight.` },
  )
  .refine((r) => r.tagId !== null || r.tag !== "", { error: `${L("tags")}: choose a tag for each rule (or remove the rule).`, path: ["tagId"] });
export type TTagRule = z.output<typeof ZTagRule>;
/** What identifies a rule's tag: its id, or (a definition from before ids) its folded name. */
export const tagRuleKey = (r: { tagId: string | null; tag: string }) => r.tagId ?? `name:${fold(r.tag)}`;

export const ZIcpDefinition = z.object(
  {
    titleKeywords: weighted("titleKeywords", textList("titleKeywords")),
    seniorities: weighted("seniorities", enumList("seniorities", SENIORITIES, "seniority")),
    functions: weighted("functions", enumList("functions", FUNCTIONS, "function")),
    companies: weighted("companies", textList("companies")),
    excludedCompanies: textList("excludedCompanies").default(() => []),
    emailDomains: weighted("emailDomains", textList("emailDomains", domain, (d) => d)),
    connectionAge: ZConnectionAge.nullable().default(null),
    interaction: ZInteraction.nullable().default(null),
    tags: z
      .array(ZTagRule, { error: `${L("tags")}: expected a list of tags.` })
      .max(RAW_MAX, tooMany("tags"))
      .transform((rules) => {
        const seen = new Set<string>();
        return rules.filter((r) => {
          const k = tagRuleKey(r);
          return k !== "name:" && !seen.has(k) && !!seen.add(k);
        });
      })
      .refine((rules) => rules.length <= ICP_LIMITS.maxValues, tooMany("tags"))
      .default(() => []),
    staleAfterMonths: months("staleAfterMonths", "the number", 1).default(ICP_LIMITS.defaultStaleAfterMonths),
  },
  { error: "The ICP definition must be an object with its criteria." },
);

export type TIcpDefinition = z.output<typeof ZIcpDefinition>;
/** What a form or API client may send (every field optional, weights default to "important"). */
export type TIcpDefinitionInput = z.input<typeof ZIcpDefinition>;

/** A fresh ICP with no active criteria (same as `ZIcpDefinition.parse({})`). */
export function emptyIcpDefinition(): TIcpDefinition {
  return {
    titleKeywords: { values: [], weight: "important" },
    seniorities: { values: [], weight: "important" },
    functions: { values: [], weight: "important" },
    companies: { values: [], weight: "important" },
    excludedCompanies: [],
    emailDomains: { values: [], weight: "important" },
    connectionAge: null,
    interaction: null,
    tags: [],
    staleAfterMonths: ICP_LIMITS.defaultStaleAfterMonths,
  };
}
