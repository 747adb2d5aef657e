import type { TQueueView, TReviewChoiceCode, TReviewKindCode, TReviewStateCode } from "@crm/core";

// The queue page's URL is its state: ?account=&view=&kind=&q=&cursor=. Pure and tiny: the client
// islands import it, so nothing here may pull in @crm/core's services (types only).

export const VIEW_ORDER: readonly TQueueView[] = ["needs_my_vote", "waiting_for_owner", "approved", "snoozed", "done"];
export const VIEW_LABELS: Record<TQueueView, string> = {
  needs_my_vote: "Needs my vote",
  waiting_for_owner: "Waiting for the account owner",
  approved: "Approved",
  snoozed: "Snoozed",
  done: "Done",
};
export const DEFAULT_VIEW: TQueueView = "needs_my_vote";

export const KIND_ORDER: readonly TReviewKindCode[] = ["remove", "follow_up", "job_change", "withdraw_invitation"];
export const KIND_LABELS: Record<TReviewKindCode, string> = {
  remove: "Remove",
  follow_up: "Follow up",
  job_change: "Job change",
  withdraw_invitation: "Invitations to withdraw",
};

export const CHOICE_LABELS: Record<TReviewChoiceCode, string> = { keep: "Keep", remove: "Remove", follow_up: "Follow up", snooze: "Snooze" };
/** A withdraw_invitation item's choices (docs/decisions/0013): no follow-up. */
export const INVITATION_CHOICE_LABELS: Record<TReviewChoiceCode, string> = { keep: "Keep waiting", remove: "Withdraw", follow_up: "Follow up", snooze: "Snooze" };
export const choiceLabelsOf = (kind: TReviewKindCode): Record<TReviewChoiceCode, string> => (kind === "withdraw_invitation" ? INVITATION_CHOICE_LABELS : CHOICE_LABELS);
/** The choices an item of this kind takes, in the card's order. */
export const choicesOf = (kind: TReviewKindCode): TReviewChoiceCode[] =>
  kind === "withdraw_invitation" ? ["keep", "remove", "snooze"] : ["keep", "remove", "follow_up", "snooze"];
export const STATE_LABELS: Record<TReviewStateCode, string> = {
  open: "Open",
  snoozed: "Snoozed",
  approved: "Approved for removal",
  done: "Done",
  closed: "Closed",
};

/** What the page reads from its URL; anything unknown falls back to the default, never an error page. */
export type TQueueQuery = { account: string | null; view: TQueueView; kind: TReviewKindCode | null; q: string; cursor: string | null };

export const Q_MAX = 200;
const ID_MAX = 64;
const CURSOR_MAX = 500;

type TSearch = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export function parseQueueQuery(sp: TSearch): TQueueQuery {
  const account = first(sp.account)?.trim();
  const view = first(sp.view);
  const kind = first(sp.kind);
  const cursor = first(sp.cursor);
  return {
    account: account && account.length <= ID_MAX ? account : null,
    view: (VIEW_ORDER as readonly string[]).includes(view ?? "") ? (view as TQueueView) : DEFAULT_VIEW,
    kind: (KIND_ORDER as readonly string[]).includes(kind ?? "") ? (kind as TReviewKindCode) : null,
    q: (first(sp.q) ?? "").trim().slice(0, Q_MAX),
    cursor: cursor && cursor.length <= CURSOR_MAX ? cursor : null,
  };
}

/** The canonical query string (no cursor unless given): defaults are left out, so links stay short. */
export function queueQuery(q: Partial<TQueueQuery>): string {
  const p = new URLSearchParams();
  if (q.account) p.set("account", q.account);
  if (q.view && q.view !== DEFAULT_VIEW) p.set("view", q.view);
  if (q.kind) p.set("kind", q.kind);
  if (q.q) p.set("q", q.q);
  if (q.cursor) p.set("cursor", q.cursor);
  return p.toString();
}

export const queuePath = (slug: string, q: Partial<TQueueQuery> = {}) => {
  const s = queueQuery(q);
  return s ? `/t/${slug}/queue?${s}` : `/t/${slug}/queue`;
};

/** The free-text search in the connections workspace's filter language (its `q` parameter). */
export const filterOf = (q: string): string | undefined => (q ? new URLSearchParams({ q }).toString() : undefined);

export const countsUrl = (slug: string, account: string | null, kind: TReviewKindCode | null = null) => {
  const q = new URLSearchParams();
  if (account) q.set("account", account);
  if (kind) q.set("kind", kind);
  const s = q.toString();
  return `/api/t/${slug}/review/counts${s ? `?${s}` : ""}`;
};

/** Core's refusal, said before asking (F on an invitation card): the same words as the API's 400. */
export const FOLLOW_UP_NOT_FOR_INVITATION = "Follow-up is not a choice for an invitation; choose Withdraw, Keep waiting or Snooze.";
