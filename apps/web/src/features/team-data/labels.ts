import type { TExportStatus } from "@crm/core";
import type { TBadgeTone } from "@crm/ui";

export const EXPORT_STATUS: Record<TExportStatus, { label: string; tone: TBadgeTone }> = {
  QUEUED: { label: "Waiting to start", tone: "blue" },
  RUNNING: { label: "Running", tone: "blue" },
  READY: { label: "Ready", tone: "green" },
  FAILED: { label: "Failed", tone: "red" },
  EXPIRED: { label: "Expired", tone: "gray" },
};

export const isExportActive = (s: string) => s === "QUEUED" || s === "RUNNING";

/** What the worker is doing, in words: the phase is the file being written. */
export function exportPhaseText(status: string, phase: string | null): string {
  if (status === "QUEUED") return "Waiting for a worker to start the export…";
  if (!phase || phase === "counting") return "Counting the team's records…";
  return `Writing ${phase}…`;
}

export function formatBytes(n: number | null): string {
  if (n === null) return "—";
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
