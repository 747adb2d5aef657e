import type { TConnectionDetail } from "../connections/detail";

// The review queue's shared vocabulary (issue 10, docs/decisions/0009). API and UI speak the
// lower-case codes; the database stores the upper-case enums (ReviewKind, ReviewState, ReviewChoice).

export const REVIEW_KIND_CODES = ["remove", "follow_up", "job_change", "withdraw_invitation"] as const;
export type TReviewKindCode = (typeof REVIEW_KIND_CODES)[number];

export const REVIEW_STATE_CODES = ["open", "snoozed", "approved", "done", "closed"] as const;
export type TReviewStateCode = (typeof REVIEW_STATE_CODES)[number];

export const REVIEW_CHOICE_CODES = ["keep", "remove", "follow_up", "snooze"] as const;
export type TReviewChoiceCode = (typeof REVIEW_CHOICE_CODES)[number];

/** The queue page's views. "done" shows DONE and CLOSED items. */
export const QUEUE_VIEWS = ["needs_my_vote", "waiting_for_owner", "approved", "snoozed", "done"] as const;
export type TQueueView = (typeof QUEUE_VIEWS)[number];

/** A claimed card is the claimer's alone for this long; claiming again (or acting) extends it. */
export const CLAIM_LEASE_SECONDS = 120;
export const COMMENT_MAX = 2000;
export const REVIEW_REASON_MAX = 500;
export const REVIEW_PAGE_LIMITS = { default: 50, max: 200 } as const;
/** Bulk actions by selection or by "all N matching" act on at most this many items. */
export const BULK_REVIEW_MAX = 30000;

export type TUserRef = { id: string; name: string };

export type TRuleReason = { code: string; label: string; detail: string | null };

export type TReviewVoteView = {
  user: TUserRef;
  choice: TReviewChoiceCode;
  reason: string | null;
  snoozeUntil: string | null; // ISO
  at: string; // ISO
};

export type TReviewTally = Record<TReviewChoiceCode, number> & {
  /** At least two different choices among the votes. */
  disagreement: boolean;
  /** "2 say remove, 1 says keep" (most votes first); "" without votes. */
  text: string;
};

export type TReviewItemSummary = {
  id: string;
  kind: TReviewKindCode;
  state: TReviewStateCode;
  version: number;
  round: number;
  origin: "rule" | "manual";
  rules: TRuleReason[];
  reason: string | null; // a person's reason when proposed by hand
  decision: TReviewChoiceCode | null;
  decisionReason: string | null;
  decidedBy: TUserRef | null;
  decidedAt: string | null;
  snoozedUntil: string | null;
  closedReason: string | null;
  executedAt: string | null;
  account: { id: string; label: string; owner: TUserRef };
  connection: {
    id: string;
    name: string;
    profileUrl: string | null;
    linkedInUrl: string; // profile URL, or a LinkedIn people search when the export had none
    position: string | null;
    company: string | null;
    score: number | null; // best score over the team's ICPs
    fit: string | null;
    flags: Array<{ code: string; label: string }>;
  };
  /**
   * withdraw_invitation items only (null otherwise): the outgoing invitation. Their `connection`
   * describes the invitee from the invitation (id = the invitation's id, no position, company or score).
   */
  invitation: TReviewInvitation | null;
  votes: TReviewVoteView[];
  tally: TReviewTally;
  myVote: TReviewChoiceCode | null;
  commentCount: number;
  /** The viewer may decide (account owner, or an admin where the team allows it). */
  canDecide: boolean;
  /** The viewer may undo the item's latest decision (decided and not executed, and canDecide). */
  canUndo: boolean;
  createdAt: string;
  updatedAt: string;
};

export type TReviewInvitation = {
  id: string;
  sentAt: string | null; // ISO
  /** Whole days since it was sent (null without a date). */
  ageDays: number | null;
  hasMessage: boolean;
  status: "pending" | "accepted" | "gone";
};

export type TReviewComment = { id: string; author: TUserRef | null; body: string; mentions: TUserRef[]; createdAt: string };

export type TReviewCard = TReviewItemSummary & {
  /** Scores with reasons, tags, notes, history (job changes); null for a withdraw_invitation item (no connection). */
  detail: TConnectionDetail | null;
  comments: TReviewComment[];
  /** Same identity in another account of the team. */
  teammatesConnected: Array<{ accountId: string; accountLabel: string; owner: TUserRef; connectionId: string; lastInteractionAt: string | null; messageCount: number }>;
  /** What removing this person loses ("Endorsed you (12 endorsements)", "Recommended you", "Tagged “VIP” (protected)"). */
  protectedLoss: string[];
  /** Audit rows of this item, newest first: who, what, when, why. */
  history: Array<{ at: string; actor: TUserRef | null; action: string; text: string }>;
  claim: { user: TUserRef; expiresAt: string } | null;
};

export type TQueueCounts = Record<TQueueView, number> & {
  accounts: Array<{ id: string; label: string; owner: TUserRef; open: number; approved: number }>;
};

export type TReviewListInput = {
  accountId?: string;
  kind?: TReviewKindCode;
  state?: TReviewStateCode;
  view?: TQueueView;
  /** The connections workspace's filter language (query string), narrowing the items' connections. */
  filter?: string;
  cursor?: string;
  limit?: number;
};

export type TReviewPage = { items: TReviewItemSummary[]; nextCursor: string | null };

export type TVoteInput = { choice: string; reason?: string | null; snoozeUntil?: string | null; version?: number };
export type TDecisionInput = { choice: string; reason?: string | null; snoozeUntil?: string | null; followUpOn?: string | null; version: number };

export type TBulkReviewInput = {
  target: { ids: string[] } | { all: Omit<TReviewListInput, "cursor" | "limit">; expectedCount?: number };
  action: "vote" | "decide";
  choice: string;
  reason?: string | null;
  snoozeUntil?: string | null;
  followUpOn?: string | null;
};
export type TBulkReviewResult = { batchId: string; count: number; skipped: Array<{ id: string; why: string }> };

export type TQueueBuildCounts = { remove: number; follow_up: number; job_change: number; withdraw_invitation: number };
export type TQueueBuildResult = TQueueBuildCounts & { opened: number; updated: number; closed: number; reopened: number; ms: number };

export type TNotificationKind = "mention" | "decided" | "awaiting_decision" | "removal.planned" | "reminder_due" | "job_change";
export type TNotificationView = { id: string; kind: TNotificationKind; text: string; href: string; actor: TUserRef | null; createdAt: string; readAt: string | null };
