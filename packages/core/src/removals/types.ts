// The removal session's shapes (issue 11, docs/decisions/0010). Shared by core, web, API and CLI:
// keep them stable. Times are ISO strings, local dates "YYYY-MM-DD" in the account's zone.
import type { TGuidedAccount, TGuidedEnded, TGuidedOutcomeRow, TGuidedRecorded, TGuidedRecordResult, TGuidedUndoResult } from "../guided/types";

export type TOutcomeCode = "removed" | "not_found" | "kept";

/** What stops the next "Removed" right now (the API's 429 codes). */
export type TLimitCode = "PACE_WAIT" | "HOURLY_LIMIT" | "DAILY_LIMIT" | "WEEKLY_LIMIT";

/** The account's size tier: new or under ~500 connections → 10 a day; 500–2,000 → 20; over → 25. */
export type TTier = "new" | "small" | "established" | "large";

/**
 * Tests inject the clock and the jitter's randomness; routes and jobs never pass them, so
 * production code has no way to skip the gap.
 */
export type TClock = { now?: Date; random?: () => number };

export type TRemovalBudget = {
  accountId: string;
  /** The daily limit in force (the owner's, or the tier's default). */
  limit: number;
  used: number;
  /** Removals still allowed today: min(limit − used, weeklyLimit − weekUsed), never below 0. */
  remaining: number;
  hourUsed: number;
  hourlyLimit: number;
  /** Removals in the rolling window of the last 7 local days, today included. */
  weekUsed: number;
  weeklyLimit: number;
  gapSeconds: number;
  /** When the next "Removed" is allowed; null when it is allowed now. */
  nextAllowedAt: string | null;
  /** What stops it until nextAllowedAt; null when nothing does. */
  blockedBy: TLimitCode | null;
  /** The start of the account's next local day. */
  resetsAt: string;
  timeZone: string;
  localDate: string;
};

export type TRemovalPolicy = {
  accountId: string;
  accountLabel: string;
  timeZone: string;
  tier: TTier;
  connectionCount: number;
  isNew: boolean;
  /** The tier's default daily limit. */
  defaultDailyLimit: number;
  dailyLimit: number;
  dailyLimitOverridden: boolean;
  gapSeconds: number;
  hourlyLimit: number;
  weeklyLimit: number;
  weeklyLimitOverridden: boolean;
  /** Above 30 a day: why that is risky (shown next to the field and required to be acknowledged). */
  warning: string | null;
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
  /** Only the account's owner changes its policy. */
  canEdit: boolean;
};

/** What the owner sends; limits are bounded (daily 1–50, gap 30–3600 s, hourly 1–50, weekly 1–350). */
export type TRemovalPolicyInput = {
  /** null: back to the tier's default. */
  dailyLimit: number | null;
  gapSeconds: number;
  hourlyLimit: number;
  /** null: 5 × the daily limit. */
  weeklyLimit: number | null;
  /** Required (true) for a daily limit above 30. */
  acknowledgeRisk?: boolean;
};

export type TRecordedOutcome = TGuidedRecorded<TOutcomeCode> & { connectionId: string };

export type TOutcomeResult = TGuidedRecordResult<TRecordedOutcome>;

export type TUndoResult = TGuidedUndoResult<TRecordedOutcome>;

export type TScoreReason = { icpName: string; score: number; band: string; reasons: string[] };

export type TRemovalCard = {
  itemId: string;
  planRank: number | null;
  person: {
    connectionId: string;
    name: string;
    position: string | null;
    company: string | null;
    connectedOn: string | null;
    lastInteractionAt: string | null;
    messageCount: number;
  };
  /** The profile (the export's URL) or, when the export had none, a LinkedIn people search. */
  link: { kind: "profile" | "search"; url: string };
  why: {
    decidedBy: { id: string; name: string } | null;
    decidedAt: string | null;
    decisionReason: string | null;
    /** Rule sentences ("Fits none of your ICPs"), or "Proposed by <name>" for a manual item. */
    rules: string[];
    votes: Array<{ user: { id: string; name: string }; choice: string; reason: string | null }>;
    scores: TScoreReason[];
  };
  /** What removing them loses: endorsements, recommendation, protected tags, the conversation. */
  loses: string[];
  /**
   * Who else on the team still reaches them ("Still reachable through Sam's network", "Nobody else
   * on the team is connected to them"): context, not a loss. Optional (added after the contract).
   */
  reach?: string | null;
  /** "Try again: still connected in your export of 2026-12-01". */
  retryNote: string | null;
};

export type TSessionOutcomeRow = TGuidedOutcomeRow<TOutcomeCode>;

export type TRemovalSession = {
  account: TGuidedAccount;
  /** The viewer is the account's owner: only they run its session. */
  canRun: boolean;
  budget: TRemovalBudget;
  /** The person to act on now; null when the session ended, nothing is planned, or the viewer may not run it. */
  card: TRemovalCard | null;
  plannedToday: number;
  /** Planned for today and not yet acted on, the card included. */
  leftToday: number;
  /** Approved removals of this account not planned for today. */
  backlog: number;
  /** Today's outcomes, newest first (at most 20). */
  recent: TSessionOutcomeRow[];
  ended: TGuidedEnded;
};

export type TRemovedPerson = {
  connectionId: string;
  name: string;
  position: string | null;
  company: string | null;
  /** Their profile (to reconnect) or a people search when the export had no URL. */
  reconnect: { kind: "profile" | "search"; url: string };
  /** pending: recorded, not yet confirmed by an export; verified: gone from a later export. */
  status: "pending" | "verified";
  removedAt: string;
  removedBy: { id: string; name: string } | null;
  verifiedAt: string | null;
};

export type TRemovalAccountSummary = {
  accountId: string;
  label: string;
  owner: { id: string; name: string };
  canRun: boolean;
  approved: number;
  budget: TRemovalBudget;
  plannedToday: number;
  leftToday: number;
  removedPending: number;
  removedVerified: number;
};

export type TPlanResult = { localDate: string; planned: number; status: "planned" | "topped-up" | "already" | "nothing" };
