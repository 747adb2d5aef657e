import type { TFunction, TSeniority } from "@crm/scoring";
import { canonicalFilter } from "./canonical";
import { FIT_LABELS, FUNCTION_SHORT, SENIORITY_SHORT, STATUS_LABELS, flagLabel } from "./labels";
import { CONNECTION_STATUSES, DEFAULT_FILTER, type TConnectionFilter } from "./types";

// A filter in words, for the table's heading and the bulk-action confirmation ("Tagged any of
// VIP · seniority VP · connected 2020–2023").

export type TFilterNames = { tags: ReadonlyMap<string, string>; accounts: ReadonlyMap<string, string>; icps: ReadonlyMap<string, string> };

const names = (ids: readonly string[], map: ReadonlyMap<string, string>, unknown: string) => ids.map((id) => map.get(id) ?? unknown).join(", ");
const year = (day: string) => day.slice(0, 4);

function connectedText(from?: string, to?: string): string | undefined {
  if (from && to) {
    if (from.endsWith("-01-01") && to.endsWith("-12-31")) return year(from) === year(to) ? `connected in ${year(from)}` : `connected ${year(from)}–${year(to)}`;
    return `connected ${from} – ${to}`;
  }
  if (from) return from.endsWith("-01-01") ? `connected since ${year(from)}` : `connected since ${from}`;
  if (to) return to.endsWith("-12-31") ? `connected by ${year(to)}` : `connected by ${to}`;
  return undefined;
}

function scoreText(min?: number, max?: number): string | undefined {
  if (min !== undefined && max !== undefined) return min === max ? `score ${min}` : `score ${min}–${max}`;
  if (min !== undefined) return `score ≥ ${min}`;
  if (max !== undefined) return `score ≤ ${max}`;
  return undefined;
}

function tagText(f: TConnectionFilter, map: ReadonlyMap<string, string>): string | undefined {
  if (!f.tags?.length) return undefined;
  const list = names(f.tags, map, "a deleted tag");
  if (f.tagMode === "none") return `not tagged ${list}`;
  if (f.tags.length === 1) return `tagged ${list}`;
  return `tagged ${f.tagMode === "all" ? "all" : "any"} of ${list}`;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/**
 * A short human description of what the filter selects, for the table header and bulk
 * confirmations: "Tagged any of VIP, Prospect · seniority VP · connected 2020–2023".
 */
export function filterSummary(filter: TConnectionFilter, lookup: TFilterNames): string {
  const f = canonicalFilter(filter);
  const parts = [
    f.q && `matching “${f.q}”`,
    f.accounts && `in ${names(f.accounts, lookup.accounts, "a deleted account")}`,
    tagText(f, lookup.tags),
    f.seniority && `seniority ${f.seniority.map((s: TSeniority) => SENIORITY_SHORT[s]).join(", ")}`,
    f.function && `function ${f.function.map((s: TFunction) => FUNCTION_SHORT[s]).join(", ")}`,
    f.company && `company contains “${f.company}”`,
    connectedText(f.connectedFrom, f.connectedTo),
    f.inactiveMonths !== undefined && `no message in ${plural(f.inactiveMonths, "month")}`,
    f.activeMonths !== undefined && `messaged in the last ${plural(f.activeMonths, "month")}`,
    f.messaged !== undefined && (f.messaged ? "messaged at least once" : "never messaged"),
    f.endorsed !== undefined && (f.endorsed ? "endorsed me" : "not endorsed me"),
    f.recommended !== undefined && (f.recommended ? "recommended me" : "not recommended me"),
    f.jobChanged !== undefined && (f.jobChanged ? "changed job recently" : "no recent job change"),
    f.status.length === CONNECTION_STATUSES.length
      ? "any status"
      : f.status.join(",") === DEFAULT_FILTER.status.join(",")
        ? undefined
        : `status ${f.status.map((s) => STATUS_LABELS[s]).join(", ")}`,
    f.icp && (f.scoreMin !== undefined || f.scoreMax !== undefined || f.fit || f.flags) && `ICP ${lookup.icps.get(f.icp) ?? "a deleted ICP"}`,
    scoreText(f.scoreMin, f.scoreMax),
    f.fit && `fit ${f.fit.map((x) => FIT_LABELS[x]).join(", ")}`,
    f.flags && `flagged ${f.flags.map(flagLabel).join(", ")}`,
  ].filter((p): p is string => typeof p === "string" && p.length > 0);
  if (!parts.length) return "All connections";
  const text = parts.join(" · ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
