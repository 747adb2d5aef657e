"use client";
import Link from "next/link";
import { useState } from "react";
import type { TNotificationView } from "@crm/core";
import { Button } from "@crm/ui";
import { formatWhen, listUrl, NOTIFICATIONS_CHANGED, readUrl, safeHref } from "../labels";

type TPage = { items: TNotificationView[]; nextCursor: string | null };

async function postRead(slug: string, body: { ids: string[] } | { all: true }): Promise<boolean> {
  try {
    // keepalive: opening a notification navigates away; the request must still arrive.
    const res = await fetch(readUrl(slug), { method: "POST", keepalive: true, headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) });
    return res.ok;
  } finally {
    window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
  }
}

/** My notifications, newest first: unread ones stand out; opening one marks it read. */
export function NotificationList({ slug, initial }: { slug: string; initial: TPage }) {
  const [items, setItems] = useState(initial.items);
  const [cursor, setCursor] = useState(initial.nextCursor);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const unread = items.filter((n) => !n.readAt).length;

  const markLocally = (ids: string[] | "all") => {
    const now = new Date().toISOString();
    setItems((xs) => xs.map((n) => (!n.readAt && (ids === "all" || ids.includes(n.id)) ? { ...n, readAt: now } : n)));
  };

  const open = (n: TNotificationView) => {
    if (n.readAt) return;
    markLocally([n.id]);
    void postRead(slug, { ids: [n.id] }).catch(() => undefined);
  };

  const markAll = async () => {
    setProblem(null);
    const ok = await postRead(slug, { all: true }).catch(() => false);
    if (ok) markLocally("all");
    else setProblem("We could not mark them as read. Try again.");
  };

  const loadMore = async () => {
    if (!cursor) return;
    setLoading(true);
    setProblem(null);
    try {
      const res = await fetch(listUrl(slug, cursor), { cache: "no-store", headers: { Accept: "application/json" } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const page = (await res.json()) as TPage;
      setItems((xs) => {
        const have = new Set(xs.map((n) => n.id));
        return [...xs, ...page.items.filter((n) => !have.has(n.id))];
      });
      setCursor(page.nextCursor);
    } catch {
      setProblem("We could not load more notifications. Try again.");
    } finally {
      setLoading(false);
    }
  };

  if (items.length === 0) {
    return <p className="text-gray-700">Nothing here yet. When a teammate @mentions you, decides an item you voted on, items wait for your decision, a reminder comes due, or someone in your network changes jobs, you will see it here.</p>;
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-gray-700" aria-live="polite">{unread > 0 ? `${unread} unread on this page` : "All caught up."}</p>
        <Button variant="secondary" onClick={markAll} disabled={unread === 0}>Mark all as read</Button>
      </div>
      {problem && <p role="alert" className="text-sm text-red-700">{problem}</p>}
      <ul className="divide-y divide-gray-200 overflow-hidden rounded-lg bg-white ring-1 ring-gray-200" aria-label="Notifications">
        {items.map((n) => (
          <li key={n.id} data-testid="notification" data-unread={n.readAt ? undefined : "true"} className={n.readAt ? "" : "bg-blue-50"}>
            <Link
              href={safeHref(slug, n.href)}
              onClick={() => open(n)}
              onAuxClick={() => open(n)}
              className="flex items-start gap-3 px-4 py-3 hover:bg-gray-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600"
            >
              <span aria-hidden="true" className={`mt-2 h-2 w-2 shrink-0 rounded-full ${n.readAt ? "bg-transparent" : "bg-blue-600"}`} />
              <span className="flex min-w-0 flex-col">
                <span className={n.readAt ? "text-gray-800" : "font-semibold text-gray-900"}>
                  {!n.readAt && <span className="sr-only">Unread: </span>}
                  {n.text}
                </span>
                <time dateTime={n.createdAt} className="text-xs text-gray-600">{formatWhen(n.createdAt)}</time>
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {cursor && (
        <div>
          <Button variant="secondary" onClick={loadMore} disabled={loading}>{loading ? "Loading…" : "Load more"}</Button>
        </div>
      )}
    </div>
  );
}
