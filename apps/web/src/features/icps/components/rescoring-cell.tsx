"use client";
import { useStatusPoll } from "@/lib/use-status-poll";

type TStatus = { version: number; scoredVersion: number; rescoreProgress: number };
const scored = (s: TStatus) => s.scoredVersion >= s.version;

/** A list row whose profile is being rescored: live percentage, then the page shows the new counts. */
export function RescoringCell({ statusUrl, initial }: { statusUrl: string; initial: TStatus }) {
  const { status, problem } = useStatusPoll(statusUrl, initial, scored, "This profile is no longer available.");
  return <span aria-live="polite">{problem ?? (scored(status) ? "Scored" : `Rescoring… ${status.rescoreProgress}%`)}</span>;
}
