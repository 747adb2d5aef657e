"use client";
import { Alert, Button, ProgressBar } from "@crm/ui";
import { useFormAction } from "@/features/auth/components/use-form-action";
import { useStatusPoll } from "@/lib/use-status-poll";
import { requestExportAction } from "../actions";
import { exportPhaseText, isExportActive } from "../labels";

type TProgress = { status: string; phase: string | null; progress: number; error: string | null };

/** The button, or the running export's progress; the page re-renders with the download when done. */
export function ExportPanel({ teamSlug, active }: { teamSlug: string; active: ({ id: string } & TProgress) | null }) {
  const { state, pending, onSubmit } = useFormAction(requestExportAction);
  if (active) return <ExportProgress key={active.id} statusUrl={`/api/t/${teamSlug}/exports/${active.id}`} initial={active} />;
  return (
    <form onSubmit={onSubmit} className="flex flex-col items-start gap-3">
      <input type="hidden" name="teamSlug" value={teamSlug} />
      {state && !state.ok && state.message && <Alert tone="error">{state.message}</Alert>}
      <Button type="submit" disabled={pending}>{pending ? "Starting…" : "Export all team data"}</Button>
    </form>
  );
}

const finished = (p: TProgress) => !isExportActive(p.status);

function ExportProgress({ statusUrl, initial }: { statusUrl: string; initial: TProgress }) {
  const { status: p, problem } = useStatusPoll(statusUrl, initial, finished, "This export is no longer available.");
  const running = !finished(p);
  return (
    <div className="flex flex-col gap-3" data-testid="export-progress">
      <ProgressBar label="Export progress" value={running ? p.progress : 100} />
      <p aria-live="polite" className="text-sm text-gray-700">
        {running ? exportPhaseText(p.status, p.phase) : p.status === "FAILED" ? (p.error ?? "The export failed.") : "Finished. Loading the download link…"}
      </p>
      {problem && <Alert tone="error">{problem}</Alert>}
    </div>
  );
}
