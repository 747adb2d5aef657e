// The ICP form edits a draft: the definition's shape, but months kept as typed (strings), so a
// half-typed number is never silently turned into something else. toDefinition() is what the live
// preview and the save send; the server's zod schema (the same one everywhere) has the last word.
import { ICP_LIMITS, type TIcpDefinition, type TIcpDefinitionInput, type TWeight } from "@crm/scoring";

type TList<T extends string = string> = { values: T[]; weight: TWeight };

export type TDraft = {
  titleKeywords: TList;
  seniorities: TList<TIcpDefinition["seniorities"]["values"][number]>;
  functions: TList<TIcpDefinition["functions"]["values"][number]>;
  companies: TList;
  excludedCompanies: string[];
  emailDomains: TList;
  connectionAge: { min: string; max: string; weight: TWeight };
  interaction: { withinMonths: string; weight: TWeight };
  /** By tag id ("" until one is chosen); `tag` is the name shown, as the team wrote it. */
  tags: Array<{ tagId: string; tag: string; weight: TWeight }>;
  staleAfterMonths: string;
};

const str = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

export function draftOf(def: TIcpDefinition): TDraft {
  return {
    titleKeywords: { ...def.titleKeywords },
    seniorities: { ...def.seniorities },
    functions: { ...def.functions },
    companies: { ...def.companies },
    excludedCompanies: [...def.excludedCompanies],
    emailDomains: { ...def.emailDomains },
    connectionAge: { min: str(def.connectionAge?.minMonths), max: str(def.connectionAge?.maxMonths), weight: def.connectionAge?.weight ?? "important" },
    interaction: { withinMonths: str(def.interaction?.withinMonths), weight: def.interaction?.weight ?? "important" },
    tags: def.tags.map((t) => ({ tagId: t.tagId ?? "", tag: t.tag, weight: t.weight })),
    staleAfterMonths: str(def.staleAfterMonths),
  };
}

/** A whole number as a number; anything else as typed, so the schema names the field in its error. */
function months(s: string): number | string | null {
  const t = s.trim();
  if (t === "") return null;
  return /^\d{1,4}$/.test(t) ? Number(t) : t;
}

export function toDefinition(d: TDraft): TIcpDefinitionInput {
  const min = months(d.connectionAge.min);
  const max = months(d.connectionAge.max);
  const within = months(d.interaction.withinMonths);
  return {
    titleKeywords: d.titleKeywords,
    seniorities: d.seniorities,
    functions: d.functions,
    companies: d.companies,
    excludedCompanies: d.excludedCompanies,
    emailDomains: d.emailDomains,
    // Months that are not numbers go through as typed: the schema's message names the field.
    connectionAge: min === null && max === null ? null : ({ minMonths: min, maxMonths: max, weight: d.connectionAge.weight } as TIcpDefinitionInput["connectionAge"]),
    interaction: within === null ? null : ({ withinMonths: within, weight: d.interaction.weight } as TIcpDefinitionInput["interaction"]),
    tags: d.tags.filter((t) => t.tagId !== "" || t.tag.trim() !== "").map((t) => ({ tagId: t.tagId || null, tag: t.tag, weight: t.weight })),
    staleAfterMonths: (months(d.staleAfterMonths) ?? ICP_LIMITS.defaultStaleAfterMonths) as number,
  };
}

/** The form section a server error belongs to: "titleKeywords.values.3" → "titleKeywords". */
export const sectionOf = (field: string | undefined) => (field ? field.split(".")[0]! : undefined);
