import type { TInvitationFit, TInvitationListInput, TInvitationSort } from "@crm/core";

// The invitations page's URL is its state: ?tab=&age=&message=&fit=&sort=&dir=&page=. Read
// leniently (anything unknown falls back to the default, never an error page); the service
// validates again. Pure: the client island imports the types only.

export const TABS = ["outgoing", "incoming", "withdrawn"] as const;
export type TTab = (typeof TABS)[number];
export const TAB_LABELS: Record<TTab, string> = { outgoing: "Outgoing", incoming: "Incoming", withdrawn: "Withdrawn" };

export const AGE_OPTIONS = [14, 30, 60, 90, 180, 365] as const;
const FITS: readonly TInvitationFit[] = ["strong", "partial", "weak", "none"];
const SORTS: readonly TInvitationSort[] = ["age", "name", "fit"];

export type TPageQuery = {
  tab: TTab;
  age: number | null;
  message: "with" | "without" | null;
  fit: TInvitationFit | null;
  sort: TInvitationSort | null;
  dir: "asc" | "desc" | null;
  page: number;
};

type TSearch = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();

export function parsePageQuery(sp: TSearch): TPageQuery {
  const tab = first(sp.tab);
  const t: TTab = (TABS as readonly string[]).includes(tab) ? (tab as TTab) : "outgoing";
  const age = Number(first(sp.age));
  const message = first(sp.message);
  const fit = first(sp.fit);
  const sort = first(sp.sort);
  const dir = first(sp.dir);
  const page = Number(first(sp.page));
  return {
    tab: t,
    age: first(sp.age) !== "" && Number.isInteger(age) && age >= 0 && age <= 3650 ? age : null,
    message: message === "with" || message === "without" ? message : null,
    fit: t === "incoming" && (FITS as readonly string[]).includes(fit) ? (fit as TInvitationFit) : null,
    sort: (SORTS as readonly string[]).includes(sort) && (sort !== "fit" || t === "incoming") ? (sort as TInvitationSort) : null,
    dir: dir === "asc" || dir === "desc" ? dir : null,
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

export const PAGE_SIZE = 50;

export function toListInput(q: TPageQuery): TInvitationListInput {
  return {
    direction: q.tab === "incoming" ? "incoming" : "outgoing",
    view: q.tab === "withdrawn" ? "withdrawn" : "open",
    ...(q.age !== null ? { olderThanDays: q.age } : {}),
    ...(q.message ? { message: q.message } : {}),
    ...(q.fit ? { fit: q.fit } : {}),
    ...(q.sort ? { sort: q.sort } : {}),
    ...(q.dir ? { dir: q.dir } : {}),
    page: q.page,
    limit: PAGE_SIZE,
  };
}

/** The page's URL with `over` applied; defaults are left out so links stay short. */
export function invitationsHref(slug: string, accountId: string, q: Partial<TPageQuery> = {}): string {
  const p = new URLSearchParams();
  if (q.tab && q.tab !== "outgoing") p.set("tab", q.tab);
  if (q.age !== null && q.age !== undefined) p.set("age", String(q.age));
  if (q.message) p.set("message", q.message);
  if (q.fit) p.set("fit", q.fit);
  if (q.sort) p.set("sort", q.sort);
  if (q.dir) p.set("dir", q.dir);
  if (q.page && q.page > 1) p.set("page", String(q.page));
  const s = p.toString();
  return `/t/${slug}/accounts/${accountId}/invitations${s ? `?${s}` : ""}`;
}

/** The queue filtered to this account's withdraw items (the kind's code is the API's). */
export const withdrawQueueHref = (slug: string, accountId: string) => `/t/${slug}/queue?account=${encodeURIComponent(accountId)}&kind=withdraw_invitation`;
export const queueItemHref = (slug: string, itemId: string) => `/t/${slug}/queue/items/${encodeURIComponent(itemId)}`;
export const withdrawalsLaneHref = (slug: string, accountId: string) => `/t/${slug}/removals/${encodeURIComponent(accountId)}?lane=withdrawals`;
