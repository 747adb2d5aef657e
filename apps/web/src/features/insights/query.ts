// The insights page's URL: `account` as in the connections filter language (ids, comma-joined,
// sorted and deduplicated; absent = every account) and `icp` (absent = the team's first ICP).
// The account checkboxes submit `account=a&account=b`; the page redirects that to the canonical
// `account=a,b`, so a view has one URL to share or bookmark.

export type TInsightsQuery = { accountIds: string[]; icpId?: string };

type TSearch = Record<string, string | string[] | undefined>;

const all = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function parseInsightsQuery(sp: TSearch): TInsightsQuery {
  const ids = all(sp.account).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  const accountIds = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const icpId = all(sp.icp).map((v) => v.trim()).find(Boolean);
  return icpId ? { accountIds, icpId } : { accountIds };
}

/** The canonical query string (with its "?"), or "" for the default view. */
export function insightsQueryString(q: TInsightsQuery): string {
  const p = new URLSearchParams();
  if (q.accountIds.length) p.set("account", q.accountIds.join(","));
  if (q.icpId) p.set("icp", q.icpId);
  // Ids are [A-Za-z0-9_-]: the comma needs no escaping, and "a,b" reads better than "a%2Cb".
  const s = p.toString().replaceAll("%2C", ",");
  return s ? `?${s}` : "";
}

/** The query string the browser sent, in the same form, to tell whether a redirect is due. */
export function receivedQueryString(sp: TSearch): string {
  const p = new URLSearchParams();
  for (const key of ["account", "icp"]) for (const v of all(sp[key])) p.append(key, v);
  const s = p.toString().replaceAll("%2C", ",");
  return s ? `?${s}` : "";
}
