"use client";
import { useEffect, useState } from "react";

/**
 * The browser's current time, ticking every `everyMs` while `running`. Starts at the server's
 * render time so the first client render matches the server's HTML; the real clock takes over
 * after hydration. The session adds its server-clock offset (the browser's clock may be off).
 */
export function useNow(renderedAt: number, running: boolean, everyMs = 1000): number {
  const [now, setNow] = useState(renderedAt);
  useEffect(() => {
    setNow(Date.now());
    if (!running) return;
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [running, everyMs]);
  return now;
}

/** The browser's IANA time zone, once mounted (null on the server and in the first render). */
export function useViewerZone(): string | null {
  const [zone, setZone] = useState<string | null>(null);
  useEffect(() => {
    try {
      setZone(Intl.DateTimeFormat().resolvedOptions().timeZone || null);
    } catch {
      setZone(null);
    }
  }, []);
  return zone;
}
