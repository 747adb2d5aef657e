import { DEFAULT_SORT_DIR, canonicalFilter } from "./canonical";
import { CONNECTION_STATUSES, DEFAULT_FILTER, type TConnectionFilter } from "./types";

// Writes the canonical query string of a filter: defaults omitted, keys in one fixed order, list
// values comma-joined in canonical order. parseFilter(serializeFilter(f)) equals f for any
// canonical f, so the URL is the state (shareable, back button works, saved views compare).
// Browser-safe (no zod, no scoring rules): the connections page writes its URLs with it.

export function serializeFilter(filter: TConnectionFilter): URLSearchParams {
  const f = canonicalFilter(filter);
  const p = new URLSearchParams();
  const put = (key: string, v: string | number | boolean | readonly string[] | undefined) => {
    if (v === undefined) return;
    if (typeof v === "boolean") p.set(key, v ? "yes" : "no");
    else p.set(key, Array.isArray(v) ? v.join(",") : String(v));
  };
  put("q", f.q);
  put("account", f.accounts);
  put("tag", f.tags);
  if (f.tagMode !== DEFAULT_FILTER.tagMode) put("tagMode", f.tagMode);
  put("seniority", f.seniority);
  put("function", f.function);
  put("company", f.company);
  put("connectedFrom", f.connectedFrom);
  put("connectedTo", f.connectedTo);
  put("inactiveMonths", f.inactiveMonths);
  put("activeMonths", f.activeMonths);
  put("messaged", f.messaged);
  put("endorsed", f.endorsed);
  put("recommended", f.recommended);
  put("jobChanged", f.jobChanged);
  if (f.status.length === CONNECTION_STATUSES.length) put("status", "all");
  else if (f.status.join(",") !== DEFAULT_FILTER.status.join(",")) put("status", f.status);
  put("icp", f.icp);
  put("scoreMin", f.scoreMin);
  put("scoreMax", f.scoreMax);
  put("fit", f.fit);
  put("flag", f.flags);
  if (f.sort !== DEFAULT_FILTER.sort) put("sort", f.sort);
  if (f.dir !== DEFAULT_SORT_DIR[f.sort]) put("dir", f.dir);
  return p;
}
