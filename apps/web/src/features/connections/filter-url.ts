import { CONNECTION_STATUSES, DEFAULT_FILTER, type TConnectionFilter, type TSortDir, type TSortKey } from "@crm/core/connections/filter/types";

// The table's URL is its filter (shareable, back button works). The server reads it with core's
// parseFilter and renders core's serializeFilter; the browser writes it here. Core's serializer
// imports the scoring package (and zod through it), 38 KB gzipped the connections page does not
// need, so this is a browser-side copy of the same canonical form. filter-url.test.ts checks it
// against serializeFilter, so the two cannot drift apart.

/** Sorting by a column for the first time reads the natural way: A→Z, newest/best first. */
export const SORT_DIR: Readonly<Record<TSortKey, TSortDir>> = {
  name: "asc",
  company: "asc",
  position: "asc",
  seniority: "desc",
  connectedOn: "desc",
  lastInteraction: "desc",
  score: "desc",
};

const text = (v: string | undefined) => (v === undefined ? "" : v.normalize("NFC").replace(/\s+/gu, " ").trim());
const ids = (v: readonly string[] | undefined) => (v?.length ? [...new Set(v)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : undefined);
// Enum lists come from checkbox groups in the language's own order, which is the canonical one.
const list = <T extends string>(v: readonly T[] | undefined) => (v?.length ? [...new Set(v)] : undefined);

export function filterQuery(f: TConnectionFilter): string {
  const p = new URLSearchParams();
  const put = (key: string, v: string | number | boolean | readonly string[] | undefined) => {
    if (v === undefined || v === "") return;
    if (typeof v === "boolean") p.set(key, v ? "yes" : "no");
    else p.set(key, Array.isArray(v) ? v.join(",") : String(v));
  };
  const status = CONNECTION_STATUSES.filter((s) => f.status.includes(s));
  put("q", text(f.q));
  put("account", ids(f.accounts));
  put("tag", ids(f.tags));
  if (f.tagMode !== DEFAULT_FILTER.tagMode) put("tagMode", f.tagMode);
  put("seniority", list(f.seniority));
  put("function", list(f.function));
  put("company", text(f.company));
  put("connectedFrom", f.connectedFrom);
  put("connectedTo", f.connectedTo);
  put("inactiveMonths", f.inactiveMonths);
  put("activeMonths", f.activeMonths);
  put("messaged", f.messaged);
  put("endorsed", f.endorsed);
  put("recommended", f.recommended);
  if (status.length === CONNECTION_STATUSES.length) put("status", "all");
  else if (status.length && status.join(",") !== DEFAULT_FILTER.status.join(",")) put("status", status);
  put("icp", f.icp);
  put("scoreMin", f.scoreMin);
  put("scoreMax", f.scoreMax);
  put("fit", list(f.fit));
  put("flag", list(f.flags));
  if (f.sort !== DEFAULT_FILTER.sort) put("sort", f.sort);
  if (f.dir !== SORT_DIR[f.sort]) put("dir", f.dir);
  return p.toString();
}

/** Query parameters that are the page's, not the filter's (the open drawer). */
export const PAGE_PARAMS = ["open"] as const;

export type TLastInteraction = { value: string; label: string; activeMonths?: number; inactiveMonths?: number; messaged?: boolean };

export const LAST_INTERACTION: TLastInteraction[] = [
  { value: "", label: "Any time" },
  { value: "active-3", label: "Messaged within 3 months", activeMonths: 3 },
  { value: "active-6", label: "Messaged within 6 months", activeMonths: 6 },
  { value: "active-12", label: "Messaged within 12 months", activeMonths: 12 },
  { value: "inactive-6", label: "No message in 6 months", inactiveMonths: 6 },
  { value: "inactive-12", label: "No message in 12 months", inactiveMonths: 12 },
  { value: "inactive-24", label: "No message in 24 months", inactiveMonths: 24 },
  { value: "never", label: "Never messaged", messaged: false },
];

export function lastInteractionValue(f: Pick<TConnectionFilter, "activeMonths" | "inactiveMonths" | "messaged">): string {
  if (f.activeMonths === undefined && f.inactiveMonths === undefined && f.messaged === undefined) return "";
  const hit = LAST_INTERACTION.find((o) => o.activeMonths === f.activeMonths && o.inactiveMonths === f.inactiveMonths && o.messaged === f.messaged);
  return hit?.value ?? "custom";
}
