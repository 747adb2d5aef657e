"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { Alert, ProgressBar } from "@crm/ui";

type TStatus = { version: number; scoredVersion: number; rescoreProgress: number };

const POLL_MS = 700;
const MAX_BACKOFF_MS = 10_000;

/**
 * Polls the ICP's status while the worker rescores. When the scored version catches up with the
 * saved one the page is refreshed, and the server renders the new scores and band counts.
 */
export function RescoreProgress({ statusUrl, initial }: { statusUrl: string; initial: TStatus }) {
  const router = useRouter();
  const [s, setS] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const tick = async () => {
      try {
        const res = await fetch(statusUrl, { cache: "no-store", headers: { Accept: "application/json" } });
        if (res.status === 401 || res.status === 404) {
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          if (!stopped) setProblem(body?.error?.message ?? "This profile is no longer available.");
          return; // asking again will not change the answer
        }
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const next = (await res.json()) as TStatus;
        if (stopped) return;
        failures = 0;
        setProblem(null);
        setS({ version: next.version, scoredVersion: next.scoredVersion, rescoreProgress: next.rescoreProgress });
        if (next.scoredVersion >= next.version) {
          router.refresh();
          return;
        }
      } catch {
        failures++;
        if (!stopped && failures >= 3) setProblem("We lost contact with the server. Still trying…");
      }
      if (!stopped) timer = setTimeout(tick, failures ? Math.min(POLL_MS * 2 ** failures, MAX_BACKOFF_MS) : POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [statusUrl, router]);

  const done = s.scoredVersion >= s.version;
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
