"use client";
import { FUNCTION_LABELS, FUNCTIONS, SENIORITIES, SENIORITY_LABELS } from "@crm/scoring";
import { ListInput } from "@crm/ui";
import type { TDraft } from "../draft";
import { CheckboxGroup, Criterion, MonthsInput, WeightSelect } from "./criterion";
import { TagRules, type TTagChoice } from "./tag-rules";

// "Unknown" is what the classifier says when there is no usable title: not something to target.
const SENIORITY_OPTIONS = SENIORITIES.filter((s) => s !== "unknown");

type TProps = {
  draft: TDraft;
  set: <K extends keyof TDraft>(key: K, value: TDraft[K]) => void;
  errorFor: (section: keyof TDraft) => string | undefined;
  disabled: boolean;
  /** The team's tags, for the tag rules. */
  tags: TTagChoice[];
  tagsUrl: string;
};

/** Every criterion of the profile as plain controls; an empty criterion is simply not used. */
export function IcpCriteria({ draft, set, errorFor, disabled, tags, tagsUrl }: TProps) {
  const weight = <K extends "titleKeywords" | "seniorities" | "functions" | "companies" | "emailDomains">(key: K, of: string) => (
    <WeightSelect of={of} value={draft[key].weight} disabled={disabled} onChange={(w) => set(key, { ...draft[key], weight: w } as TDraft[K])} />
  );
  return (
    <div className="flex flex-col gap-4">
      <Criterion
        legend="Target titles and keywords"
        description="Matched the way titles are written: “VP Sales” also finds “VP of Sales” and “Vice President, Sales”; “CTO” finds “Chief Technology Officer”. All the words must be in the title, in any order. The preview lists the titles each keyword found."
        error={errorFor("titleKeywords")}
      >
        <ListInput
          label="Titles or keywords"
          values={draft.titleKeywords.values}
          onChange={(values) => set("titleKeywords", { ...draft.titleKeywords, values })}
          placeholder="Type a title and press Enter"
          hint="Press Enter or type a comma to add; matching ignores case and accents."
          disabled={disabled}
        />
        {weight("titleKeywords", "titles and keywords")}
      </Criterion>

      <Criterion legend="Seniority levels" description="Read from each job title by our title classifier." error={errorFor("seniorities")}>
        <CheckboxGroup options={SENIORITY_OPTIONS} labels={SENIORITY_LABELS} values={draft.seniorities.values} onChange={(values) => set("seniorities", { ...draft.seniorities, values })} disabled={disabled} />
        {weight("seniorities", "seniority levels")}
      </Criterion>

      <Criterion legend="Functions" description="The department the job title belongs to." error={errorFor("functions")}>
        <CheckboxGroup options={FUNCTIONS} labels={FUNCTION_LABELS} values={draft.functions.values} onChange={(values) => set("functions", { ...draft.functions, values })} disabled={disabled} />
        {weight("functions", "functions")}
      </Criterion>

      <Criterion legend="Target companies" description="Company names; legal forms are ignored (Acme matches ACME Corporation GmbH)." error={errorFor("companies")}>
        <ListInput label="Companies" values={draft.companies.values} onChange={(values) => set("companies", { ...draft.companies, values })} placeholder="Type a company and press Enter" disabled={disabled} />
        {weight("companies", "target companies")}
      </Criterion>

      <Criterion legend="Excluded companies / competitors" description="People working there are flagged as competitors and never a fit, whatever else matches." error={errorFor("excludedCompanies")}>
        <ListInput label="Excluded companies" values={draft.excludedCompanies} onChange={(values) => set("excludedCompanies", values)} placeholder="Type a competitor and press Enter" hint="Flagged, never a fit." disabled={disabled} />
      </Criterion>

      <Criterion legend="Email domains" description="The domain of the email address in the export (only some connections share it)." error={errorFor("emailDomains")}>
        <ListInput label="Domains" values={draft.emailDomains.values} onChange={(values) => set("emailDomains", { ...draft.emailDomains, values })} placeholder="e.g. acme.com" disabled={disabled} />
        {weight("emailDomains", "email domains")}
      </Criterion>

      <Criterion legend="Connection age" description="How long you have been connected, in months. Leave both empty to ignore." error={errorFor("connectionAge")}>
        <div className="flex flex-wrap gap-4">
          <MonthsInput label="At least (months)" value={draft.connectionAge.min} onChange={(min) => set("connectionAge", { ...draft.connectionAge, min })} disabled={disabled} />
          <MonthsInput label="At most (months)" value={draft.connectionAge.max} onChange={(max) => set("connectionAge", { ...draft.connectionAge, max })} disabled={disabled} />
        </div>
        <WeightSelect of="connection age" value={draft.connectionAge.weight} disabled={disabled} onChange={(w) => set("connectionAge", { ...draft.connectionAge, weight: w })} />
      </Criterion>

      <Criterion legend="Recent interaction" description="Messaged within the last N months (from the messages in a full LinkedIn archive). Leave empty to ignore." error={errorFor("interaction")}>
        <MonthsInput label="Messaged within (months)" min={1} value={draft.interaction.withinMonths} onChange={(withinMonths) => set("interaction", { ...draft.interaction, withinMonths })} disabled={disabled} />
        <WeightSelect of="recent interaction" value={draft.interaction.weight} disabled={disabled} onChange={(w) => set("interaction", { ...draft.interaction, weight: w })} />
      </Criterion>

      <TagRules rules={draft.tags} onChange={(rules) => set("tags", rules)} error={errorFor("tags")} disabled={disabled} tags={tags} tagsUrl={tagsUrl} />

      <Criterion legend="Stale connections" description="Flag people you have been connected to, and not messaged, for longer than this." error={errorFor("staleAfterMonths")}>
        <MonthsInput label="Stale after (months)" min={1} value={draft.staleAfterMonths} onChange={(v) => set("staleAfterMonths", v)} disabled={disabled} />
      </Criterion>
    </div>
  );
}
