import type { TIncomingFit } from "./incoming-fit";
import type { TInvitationDirection, TInvitationView } from "./list-input";
import type { TInvitationSummary } from "./summary";

export type TInvitationStatusCode = "pending" | "accepted" | "gone";

/** What the owner recorded for an incoming invitation, and whether an export confirmed it. */
export type TInvitationResponse = {
  value: "accepted" | "ignored";
  at: Date | null;
  /** verified: an export showed them among the connections (on `verifiedOn`); waiting: not yet. */
  state: "verified" | "waiting" | "ignored";
  verifiedOn: Date | null;
};

export type TInvitationListRow = {
  id: string;
  name: string;
  profileUrl: string | null;
  /** The profile when the export had a LinkedIn URL, else a LinkedIn people search for the name. */
  linkedInUrl: string;
  linkedInKind: "profile" | "search";
  sentAt: Date | null;
  ageDays: number | null;
  hasMessage: boolean;
  /** Incoming only: the first words the inviter wrote to us (never outgoing text). */
  messageExcerpt: string | null;
  status: TInvitationStatusCode;
  withdrawnAt: Date | null;
  /** withdrawnAt + 21 days: "Don't re-invite before <date>". */
  reinviteAfter: Date | null;
  reinvitedEarly: boolean;
  withdrawItem: { itemId: string; state: string; decision: string | null } | null;
  fit: TIncomingFit | null;
  response: TInvitationResponse | null;
};

export type TInvitationList = {
  accountId: string;
  direction: TInvitationDirection;
  view: TInvitationView;
  rows: TInvitationListRow[];
  total: number;
  page: number;
  pages: number;
  limit: number;
  nextCursor: string | null;
  sort: string;
  dir: "asc" | "desc";
  /** Incoming: more invitations than are scored per request (the rest are left out). */
  truncated: boolean;
  summary: TInvitationSummary;
};
