"use client";
import { Alert, ProgressBar } from "@crm/ui";
import { useStatusPoll } from "@/lib/use-status-poll";
import { isActive, phaseText } from "../labels";

type TProgress = { status: string; phase: string | null; progress: number };
const finished = (p: TProgress) => !isActive(p.status);

/** The worker's import; the page re-renders with the summary, the mapping step or the error. */
export function ImportProgress({ statusUrl, initial }: { statusUrl: string; initial: TProgress }) {
  const { status: p, problem } = useStatusPoll(statusUrl, initial, finished, "This import is no longer available.");
  const running = !finished(p);
  return (
    <div className="flex flex-col gap-3">
      <ProgressBar label="Import progress" value={running ? p.progress : 100} />
      <p aria-live="polite" className="text-sm text-gray-700">{running ? phaseText(p.status, p.phase) : "Finished. Loading the summary…"}</p>
      {problem && <Alert tone="error">{problem}</Alert>}
    </div>
  );
}
