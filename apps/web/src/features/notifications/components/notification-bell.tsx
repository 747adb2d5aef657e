"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { badgeText, BELL_POLL_MS, bellLabel, NOTIFICATIONS_CHANGED, unreadUrl } from "../labels";

/**
 * The header's bell: the unread count from the server render, then asked again every ~20 s while
 * the tab is visible (a hidden tab asks nothing; it asks at once when it comes back), and right
 * after this tab marks something read. 401/404 stop it: asking again would not change the answer.
 */
export function NotificationBell({ slug, initialCount }: { slug: string; initialCount: number | null }) {
  const [count, setCount] = useState(initialCount ?? 0);
  // A server re-render (router.refresh, a server action) brings a fresher figure: take it.
  const [seen, setSeen] = useState(initialCount);
  if (initialCount !== seen) {
    setSeen(initialCount);
    if (initialCount !== null) setCount(initialCount);
  }

  useEffect(() => {
    let stopped = false;
    let inFlight: AbortController | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    const ask = async () => {
      if (stopped || document.visibilityState !== "visible") return;
      inFlight?.abort();
      const ctl = new AbortController();
      inFlight = ctl;
      try {
        const res = await fetch(unreadUrl(slug), { cache: "no-store", headers: { Accept: "application/json" }, signal: ctl.signal });
        if (res.status === 401 || res.status === 404) return stop();
        if (!res.ok) return; // a hiccup: the next tick asks again
        const body = (await res.json()) as { count?: unknown };
        if (!stopped && typeof body.count === "number") setCount(body.count);
      } catch {
        // Offline or aborted: the next tick asks again.
      }
    };
    const start = () => {
      clearInterval(timer);
      timer = setInterval(ask, BELL_POLL_MS);
    };
    const stop = () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener(NOTIFICATIONS_CHANGED, onChanged);
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") {
        void ask();
        start();
      } else clearInterval(timer);
    };
    const onChanged = () => void ask();
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener(NOTIFICATIONS_CHANGED, onChanged);
    if (document.visibilityState === "visible") start();
    return () => {
      stop();
      inFlight?.abort();
    };
  }, [slug]);

  return (
    <Link
      href={`/t/${slug}/notifications`}
      aria-label={bellLabel(count)}
      title={bellLabel(count)}
      className="relative inline-flex h-9 w-9 items-center justify-center rounded text-gray-700 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {count > 0 && (
        <span aria-hidden="true" data-testid="notification-badge" className="absolute -right-1 -top-1 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold leading-5 text-white tabular-nums">
          {badgeText(count)}
        </span>
      )}
    </Link>
  );
}
