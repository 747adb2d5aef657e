import type { TFunction, TSeniority } from "@crm/scoring";

// The connections filter language: one shape for the table's URL, the REST API's query string,
// saved views, bulk actions ("all N matching") and CSV export. parse.ts reads it from a query
// string, serialize.ts writes its canonical query string, sql.ts turns it into a WHERE clause.

export const CONNECTION_STATUSES = ["CONNECTED", "REMOVAL_PENDING", "REMOVED", "GONE"] as const;
export type TConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export const FITS = ["strong", "partial", "none"] as const;
export type TFit = (typeof FITS)[number];

export const TAG_MODES = ["any", "all", "none"] as const;
export type TTagMode = (typeof TAG_MODES)[number];

export const SORT_KEYS = ["name", "company", "position", "seniority", "connectedOn", "lastInteraction", "score"] as const;
export type TSortKey = (typeof SORT_KEYS)[number];

export type TSortDir = "asc" | "desc";

export type TConnectionFilter = {
  /** Free text over name, position and company; accent- and case-blind, typo-tolerant. */
  q?: string;
  /** LinkedIn account ids; absent = every account of the team. */
  accounts?: string[];
  /** Tag ids, combined by tagMode. */
  tags?: string[];
  tagMode: TTagMode;
  seniority?: TSeniority[];
  function?: TFunction[];
  /** Company contains (accent- and case-blind). */
  company?: string;
  /** Inclusive, YYYY-MM-DD. */
  connectedFrom?: string;
  connectedTo?: string;
  /** No message in the last N months (or never). */
  inactiveMonths?: number;
  /** At least one message in the last N months. */
  activeMonths?: number;
  /** Ever messaged (yes) or never (no): the archive's messages.csv saw them, or not. */
  messaged?: boolean;
  endorsed?: boolean;
  recommended?: boolean;
  /** An import saw their company or position change (jobChangedAt set; cleared 90+ days on, decision 0005). */
  jobChanged?: boolean;
  /** Default: CONNECTED only. */
  status: TConnectionStatus[];
  /** The ICP whose score the table shows and the score filters use; absent = the team's first ICP. */
  icp?: string;
  scoreMin?: number;
  scoreMax?: number;
  fit?: TFit[];
  /** Flag codes from the ICP score (FLAG_CODES in @crm/scoring); a connection matches if it has any. */
  flags?: string[];
  sort: TSortKey;
  dir: TSortDir;
};

export const DEFAULT_FILTER: TConnectionFilter = { tagMode: "any", status: ["CONNECTED"], sort: "connectedOn", dir: "desc" };

/** One problem with one query-string parameter, for a message next to the right control. */
export type TFilterError = { param: string; message: string };
