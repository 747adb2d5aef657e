"use client";
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { TQueueCounts } from "@crm/core";

const POLL_MS = 10_000;
const MAX_BACKOFF_MS = 60_000;

type TLive = { counts: TQueueCounts; refresh: () => Promise<void> };
const Live = createContext<TLive | null>(null);

/**
 * The queue's counts, kept fresh without a reload: polled every 10 s while the tab is visible (a
 * hidden tab asks nothing, and asks at once when it shows again), and on demand after a bulk
 * action. A failing server is asked less often; 401/404 stop the polling.
 */
export function QueueLiveProvider({ url, initial, children }: { url: string; initial: TQueueCounts; children: ReactNode }) {
  const [counts, setCounts] = useState(initial);
  const stopped = useRef(false);
  const inFlight = useRef<AbortController | null>(null);

  // A new server render (navigation, refresh after an action) brings newer counts.
  useEffect(() => setCounts(initial), [initial]);

  const refresh = useCallback(async () => {
    if (stopped.current) return;
    inFlight.current?.abort();
    const ac = new AbortController();
    inFlight.current = ac;
    const res = await fetch(url, { cache: "no-store", headers: { Accept: "application/json" }, signal: ac.signal });
    if (res.status === 401 || res.status === 404) {
      stopped.current = true;
      return;
    }
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const next = (await res.json()) as TQueueCounts;
    if (!ac.signal.aborted) setCounts(next);
  }, [url]);

  useEffect(() => {
    stopped.current = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const schedule = () => {
      clearTimeout(timer);
      if (stopped.current || document.visibilityState !== "visible") return;
      timer = setTimeout(tick, failures ? Math.min(POLL_MS * 2 ** failures, MAX_BACKOFF_MS) : POLL_MS);
    };
    const tick = async () => {
      try {
        await refresh();
        failures = 0;
      } catch (e) {
        if ((e as Error)?.name !== "AbortError") failures++;
      }
      schedule();
    };
    const onVisible = () => {
      if (document.visibilityState === "visible") void tick();
      else clearTimeout(timer);
    };
    schedule();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearTimeout(timer);
      inFlight.current?.abort();
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [refresh]);

  const safeRefresh = useCallback(() => refresh().catch(() => undefined), [refresh]);
  return <Live.Provider value={{ counts, refresh: safeRefresh }}>{children}</Live.Provider>;
}

export function useQueueLive(): TLive {
  const v = useContext(Live);
  if (!v) throw new Error("useQueueLive outside QueueLiveProvider");
  return v;
}
