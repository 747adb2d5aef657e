import type { Import } from "@crm/db";

export type TImportSummary = {
  importId: string;
  accountId: string;
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
  sideRejected?: number;
  messages?: { rows: number; people: number; matched: number };
  endorsements?: { rows: number; endorsers: number; matched: number };
  recommendations?: { rows: number; matched: number; unmatched: number };
  invitations?: { rows: number; pending: number };
};

export function toSummary(i: Import): TImportSummary {
  return {
    importId: i.id,
    accountId: i.accountId,
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
