// The pure constants module: this file (and serialize.ts) also run in the browser.
import { FLAG_CODES, FUNCTIONS, SENIORITIES } from "@crm/scoring/types";
import { CONNECTION_STATUSES, DEFAULT_FILTER, FITS, type TConnectionFilter, type TSortDir, type TSortKey } from "./types";

// The canonical form of a filter: what parseFilter() returns and serializeFilter() writes. Lists
// are deduplicated and sorted (enums in their declared order, ids by code unit), empty values are
// absent, free text is trimmed with single spaces. Two filters that select the same rows the same
// way have one canonical form, so URLs, saved views and cache keys compare as strings.

export const FILTER_LIMITS = {
  /** Characters of `q` and of `company`. */
  text: 200,
  /** Terms (words or "quoted phrases") of `q`: each is one more pass over the team's rows. */
  words: 10,
  /** Values of one list parameter (accounts, tags). */
  values: 50,
  months: 240,
  score: 100,
} as const;

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Sorting by a column header without a direction reads the natural way: A→Z, newest/best first. */
export const DEFAULT_SORT_DIR: Readonly<Record<TSortKey, TSortDir>> = {
  name: "asc",
  company: "asc",
  position: "asc",
  seniority: "desc",
  connectedOn: "desc",
  lastInteraction: "desc",
  score: "desc",
};

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Whitespace runs become one space; NFC so "José" typed and "José" pasted are one query. */
export function canonicalText(raw: string): string {
  return raw.replace(LONE_SURROGATE, "\uFFFD").normalize("NFC").replace(/\s+/gu, " ").trim();
}

function inOrder<T extends string>(order: readonly T[], values: readonly T[] | undefined): T[] | undefined {
  if (!values?.length) return undefined;
  const set = new Set(values);
  const out = order.filter((v) => set.has(v));
  return out.length ? out : undefined;
}

function sortedIds(values: readonly string[] | undefined): string[] | undefined {
  if (!values?.length) return undefined;
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The canonical form of `f` (which may come from code rather than parseFilter). It does not
 * validate: values it does not know are dropped from enum lists, everything else is kept.
 */
export function canonicalFilter(f: TConnectionFilter): TConnectionFilter {
  const out: TConnectionFilter = { tagMode: f.tagMode, status: inOrder(CONNECTION_STATUSES, f.status) ?? [...DEFAULT_FILTER.status], sort: f.sort, dir: f.dir };
  const q = f.q === undefined ? "" : canonicalText(f.q);
  if (q) out.q = q;
  const accounts = sortedIds(f.accounts);
  if (accounts) out.accounts = accounts;
  const tags = sortedIds(f.tags);
  if (tags) out.tags = tags;
  const seniority = inOrder(SENIORITIES, f.seniority);
  if (seniority) out.seniority = seniority;
  const fn = inOrder(FUNCTIONS, f.function);
  if (fn) out.function = fn;
  const company = f.company === undefined ? "" : canonicalText(f.company);
  if (company) out.company = company;
  if (f.connectedFrom) out.connectedFrom = f.connectedFrom;
  if (f.connectedTo) out.connectedTo = f.connectedTo;
  if (f.inactiveMonths !== undefined) out.inactiveMonths = f.inactiveMonths;
  if (f.activeMonths !== undefined) out.activeMonths = f.activeMonths;
  if (f.messaged !== undefined) out.messaged = f.messaged;
  if (f.endorsed !== undefined) out.endorsed = f.endorsed;
  if (f.recommended !== undefined) out.recommended = f.recommended;
  if (f.jobChanged !== undefined) out.jobChanged = f.jobChanged;
  if (f.icp) out.icp = f.icp;
  if (f.scoreMin !== undefined) out.scoreMin = f.scoreMin;
  if (f.scoreMax !== undefined) out.scoreMax = f.scoreMax;
  const fit = inOrder(FITS, f.fit);
  if (fit) out.fit = fit;
  const flags = inOrder(FLAG_CODES as readonly string[], f.flags);
  if (flags) out.flags = flags;
  return out;
}

/** True when the filter needs an ICP's scores (score range, fit, flags, or sorting by score). */
export function usesScore(f: TConnectionFilter): boolean {
  return filtersByScore(f) || f.sort === "score";
}

/** Whether the filter keeps only some scores (a range, a fit or a flag), sorting aside. */
export function filtersByScore(f: TConnectionFilter): boolean {
  return f.scoreMin !== undefined || f.scoreMax !== undefined || !!f.fit?.length || !!f.flags?.length;
}
