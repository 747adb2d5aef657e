import type { Import } from "@crm/db";
import type { TInvitationsReport } from "./apply-invitations";
import type { TGoneConfirmation, TImportScope } from "./scope";
import type { TWithdrawalsReport } from "./verify-withdrawals";

export type TImportSummary = {
  importId: string;
  accountId: string;
  /** Null when the uploader's account was deleted. */
  uploadedById: string | null;
  status: Import["status"];
  format: string | null;
  fileName: string;
  phase: string | null;
  progress: number;
  rows: number;
  new: number;
  updated: number;
  unchanged: number;
  jobChanges: number;
  gone: number;
  rejected: number;
  /** Date-only rows (members LinkedIn hides): skipped, not rejected. */
  hidden: number;
  /** Accepted rows with a field left blank. */
  warnings: number;
  verifiedRemovals: number;
  stillConnected: number;
  details: TImportDetails;
  errorCode: string | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

/** What Import.details holds (JSON): written by the processor, read by the UI and the API. */
export type TImportDetails = {
  kind?: "csv" | "zip";
  encoding?: string;
  delimiter?: string;
  headers?: string[];
  signature?: string;
  sample?: string[][];
  mapping?: Record<string, string>;
  /** The ColumnMapping row the import used: chosen for this file, or remembered from an earlier one. */
  mappingId?: string;
  mappingSource?: "chosen" | "remembered";
  sideRejected?: number;
  /** Header names of each file that has rejected rows (the connections file's too). */
  fileHeaders?: Record<string, string[]>;
  /** Why the import waits at NEEDS_CONFIRMATION (kept after the user answers). */
  confirmation?: TGoneConfirmation;
  /** The user's answer: "partial" marked no one gone (decision 0005). */
  scope?: TImportScope;
  /** How many the user saw would go when answering "whole": the import asks again if more would go when it runs. */
  confirmedWouldGo?: number;
  /** Names the queued job of the user's answer, so answering again while QUEUED re-publishes the same job. */
  queueAttempt?: number;
  messages?: { rows: number; people: number; matched: number };
  endorsements?: { rows: number; endorsers: number; matched: number };
  recommendations?: { rows: number; matched: number; unmatched: number };
  invitations?: TInvitationsReport & { withdrawals?: TWithdrawalsReport };
  /** A file without Invitations.csv: pending invitations of people it shows connected (accepted). */
  invitationsAccepted?: { accepted: number; withdrawals: TWithdrawalsReport };
};

export function toSummary(i: Import): TImportSummary {
  return {
    importId: i.id,
    accountId: i.accountId,
    uploadedById: i.uploadedById,
    status: i.status,
    format: i.format,
    fileName: i.fileName,
    phase: i.phase,
    progress: i.progress,
    rows: i.rowsTotal,
    new: i.newCount,
    updated: i.updatedCount,
    unchanged: i.unchangedCount,
    jobChanges: i.jobChangeCount,
    gone: i.goneCount,
    rejected: i.rejectedCount,
    hidden: i.hiddenCount,
    warnings: i.warningCount,
    verifiedRemovals: i.verifiedRemovalCount,
    stillConnected: i.stillConnectedCount,
    details: (i.details ?? {}) as TImportDetails,
    errorCode: i.errorCode,
    error: i.error,
    createdAt: i.createdAt,
    finishedAt: i.finishedAt,
  };
}

/** The CLI's and API's compact form. */
export const countsOf = (s: TImportSummary) => ({
  new: s.new,
  updated: s.updated,
  unchanged: s.unchanged,
  jobChanges: s.jobChanges,
  gone: s.gone,
  rejected: s.rejected,
});
