"use client";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { Alert, ProgressBar } from "@crm/ui";
import { isActive, phaseText } from "../labels";

type TProgress = { status: string; phase: string | null; progress: number };

const POLL_MS = 700;
const MAX_BACKOFF_MS = 10_000;

/**
 * Polls the status API while the worker runs. When the import leaves the running states the page
 * is refreshed, and the server renders the summary, the mapping step or the error.
 */
export function ImportProgress({ statusUrl, initial }: { statusUrl: string; initial: TProgress }) {
  const router = useRouter();
  const [p, setP] = useState(initial);
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
          if (!stopped) setProblem(body?.error?.message ?? "This import is no longer available.");
          return; // no point in asking again
        }
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const next = (await res.json()) as TProgress;
        if (stopped) return;
        failures = 0;
        setProblem(null);
        setP({ status: next.status, phase: next.phase, progress: next.progress });
        if (!isActive(next.status)) {
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

  const running = isActive(p.status);
  return (
    <div className="flex flex-col gap-3">
      <ProgressBar label="Import progress" value={running ? p.progress : 100} />
      <p aria-live="polite" className="text-sm text-gray-700">{running ? phaseText(p.status, p.phase) : "Finished. Loading the summary…"}</p>
      {problem && <Alert tone="error">{problem}</Alert>}
    </div>
  );
}
