"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";

const POLL_MS = 700;
const MAX_BACKOFF_MS = 10_000;

/**
 * Polls a status route while the worker runs (backing off when the server does not answer). When
 * `isDone` says the work is over, the page is refreshed and the server renders the result.
 * 401/404 stop the polling: asking again would not change the answer.
 */
export function useStatusPoll<T>(statusUrl: string, initial: T, isDone: (s: T) => boolean, goneMessage: string) {
  const router = useRouter();
  const [status, setStatus] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const done = useRef(isDone);
  done.current = isDone;

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const tick = async () => {
      try {
        const res = await fetch(statusUrl, { cache: "no-store", headers: { Accept: "application/json" } });
        if (res.status === 401 || res.status === 404) {
          const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
          if (!stopped) setProblem(body?.error?.message ?? goneMessage);
          return;
        }
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const next = (await res.json()) as T;
        if (stopped) return;
        failures = 0;
        setProblem(null);
        setStatus(next);
        if (done.current(next)) {
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
  }, [statusUrl, router, goneMessage]);

  return { status, problem };
}
