import type { TRejectedRow } from "../types";

/** How much two people talked: messages counted and the latest one. */
export interface TActivity {
  lastAt: Date;
  count: number;
}

export interface TMessageStats {
  /** Data rows read = counted + skipped + rejectedCount. */
  rows: number;
  /** Messages counted into byKey/byName. */
  counted: number;
  /** Drafts: never sent, so not counted (and not errors either). */
  skipped: number;
  /** Per participant identity key (li:<slug>...), from sender and recipient profile URLs. */
  byKey: Map<string, TActivity>;
  /** Per participant nameKey, for files before 2023 that have no recipient URLs. */
  byName: Map<string, TActivity>;
  /** The first MAX_STORED_REJECTIONS rejected rows (a broken file could otherwise fill memory). */
  rejected: TRejectedRow[];
  /** The file's header names as written: the rejected-rows CSV labels its columns with them. */
  headers?: string[];
  /** Every rejected row, including those not stored. */
  rejectedCount: number;
  /** Distinct participants of the counted messages: a name seen beside its URL is one person. */
  people: number;
}

export interface TInvitationRow {
  line: number;
  direction: "INCOMING" | "OUTGOING";
  /** The other person: the invitee for OUTGOING, the inviter for INCOMING. */
  name: string;
  profileUrl: string | null;
  identityKey: string | null;
  sentAt: Date | null;
  message: string | null;
}

/** Who an invitation is with, keyed as applyInvitations keys it (profile URL key, else "name:" + name key). */
export interface TInvitationPerson {
  direction: "INCOMING" | "OUTGOING";
  personKey: string;
}

export interface TParsedInvitations {
  rows: TInvitationRow[];
  rejected: TRejectedRow[];
  /**
   * The people of rejected rows whose direction and key could still be read: the file lists them,
   * so the import must not take their invitations for withdrawn, declined or expired.
   */
  rejectedPeople: TInvitationPerson[];
  /** Rejected rows whose person could not be keyed: then nobody can be said to be "no longer listed". */
  unkeyedRejected: number;
  /** The file's header names as written: the rejected-rows CSV labels its columns with them. */
  headers?: string[];
  /** Data rows read = rows.length + rejected.length. */
  total: number;
}

export interface TEndorser {
  count: number;
  lastAt: Date | null;
}

export interface TParsedEndorsements {
  endorsers: Map<string, TEndorser>;
  /** Data rows read (each accepted row adds one to an endorser's count). */
  rows: number;
  rejected: TRejectedRow[];
  /** The file's header names as written: the rejected-rows CSV labels its columns with them. */
  headers?: string[];
}

export interface TRecommendationRow {
  line: number;
  firstName: string;
  lastName: string;
  company: string | null;
  jobTitle: string | null;
  nameKey: string;
  status: string | null;
  createdAt: Date | null;
}

export interface TParsedRecommendations {
  rows: TRecommendationRow[];
  rejected: TRejectedRow[];
  /** The file's header names as written: the rejected-rows CSV labels its columns with them. */
  headers?: string[];
  total: number;
}
