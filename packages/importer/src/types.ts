import type { TRowErrorCode } from "./errors";

/** Which kind of file a CSV was recognised as (by its header names, never by position). */
export type TFormat =
  | "linkedin-connections"
  | "phantombuster"
  | "sales-navigator"
  | "leaddelta"
  | "hubspot"
  | "google-contacts"
  | "mapped" // unknown header set, read with a user-provided column mapping
  | "unknown"; // unknown header set and no mapping: the import waits for the mapping step

/** Fields a column can be mapped to. fullName is split into first/last when those are absent. */
export const TARGET_FIELDS = ["firstName", "lastName", "fullName", "profileUrl", "email", "company", "position", "connectedOn"] as const;
export type TTargetField = (typeof TARGET_FIELDS)[number];
/** target field → source header, exactly as spelled in the file. */
export type TColumnMapping = Partial<Record<TTargetField, string>>;

export interface TRowError {
  line: number; // 1-based physical line where the record starts
  field: string; // the source header name ("Connected On"), or "(row)" for whole-record problems
  code: TRowErrorCode;
  message: string; // for the user: what is wrong and what was expected
}

export interface TRejectedRow extends TRowError {
  file: string; // "Connections.csv", "messages.csv"...
  raw: string[]; // the record's fields exactly as read, so the user can fix and re-upload
}

/**
 * A value that was not usable and was left blank while the person was kept (a bad optional
 * field such as an email or an over-long position), or a row that was repaired: not a rejection.
 */
export interface TRowWarning extends TRowError {
  file: string;
  /** The field left blank (none for a repaired row): a later import keeps its stored value. */
  target?: TTargetField;
}

export interface TConnectionRow {
  line: number;
  /** Identity within one LinkedIn account; see identityKey() for the rules. */
  identityKey: string;
  profileUrl: string | null; // canonical https://www.linkedin.com/in/<slug>/
  firstName: string;
  lastName: string;
  email: string | null; // lower-cased
  company: string | null;
  position: string | null;
  connectedOn: string | null; // YYYY-MM-DD
}

export interface TParsedConnections {
  format: TFormat;
  fileName: string;
  encoding: string;
  delimiter: string;
  headerLine: number | null;
  headers: string[];
  /** Stable signature of the header set, to remember a column mapping per team. */
  signature: string;
  mapping: TColumnMapping;
  rows: number; // data rows found = accepted.length + rejected.length + hidden
  accepted: TConnectionRow[];
  rejected: TRejectedRow[];
  /** Date-only rows: members LinkedIn hides (closed or hidden profiles). Nobody can fix them. */
  hidden: number;
  /** Accepted rows with a field left blank (or repaired), one entry per field. */
  warnings: TRowWarning[];
  sample: string[][]; // first few data records, for the mapping step
}
