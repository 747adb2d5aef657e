"use client";
import { Alert, ProgressBar } from "@crm/ui";
import { useStatusPoll } from "@/lib/use-status-poll";

type TStatus = { version: number; scoredVersion: number; rescoreProgress: number };
const scored = (s: TStatus) => s.scoredVersion >= s.version;

/** The worker's rescore of the saved version; the page re-renders with the new scores when done. */
export function RescoreProgress({ statusUrl, initial }: { statusUrl: string; initial: TStatus }) {
  const { status: s, problem } = useStatusPoll(statusUrl, initial, scored, "This profile is no longer available.");
  const done = scored(s);
  return (
    <div className="flex flex-col gap-3">
      <ProgressBar label="Rescoring progress" value={done ? 100 : s.rescoreProgress} />
      <p aria-live="polite" className="text-sm text-gray-700">
        {done ? "Finished. Loading the new scores…" : `Scoring every connection against version ${s.version}…`}
      </p>
      {problem && <Alert tone="error">{problem}</Alert>}
    </div>
  );
}
