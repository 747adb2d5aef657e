"use client";
import Link from "next/link";
import type { TQueueView } from "@crm/core";
import { queuePath, VIEW_LABELS, VIEW_ORDER, type TQueueQuery } from "../../queue-url";
import { useQueueLive } from "./queue-live";

/**
 * The views as tabs (links: each view has its own URL), each with its live count. The counts come
 * from QueueLiveProvider, so they change while the page stays put.
 */
export function QueueTabs({ teamSlug, query }: { teamSlug: string; query: TQueueQuery }) {
  const { counts } = useQueueLive();
  return (
    <nav aria-label="Queue views" className="border-b border-gray-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {VIEW_ORDER.map((view: TQueueView) => {
          const current = view === query.view;
          const n = counts[view] ?? 0;
          return (
            <li key={view}>
              <Link
                href={queuePath(teamSlug, { ...query, view, cursor: null })}
                aria-current={current ? "page" : undefined}
                className={`inline-flex items-center gap-2 rounded-t-md border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${current ? "border-blue-700 text-blue-800" : "border-transparent text-gray-700 hover:border-gray-300 hover:text-gray-900"}`}
              >
                {VIEW_LABELS[view]}
                <span
                  data-testid={`count-${view}`}
                  className={`min-w-6 rounded-full px-1.5 py-0.5 text-center text-xs tabular-nums ${current ? "bg-blue-100 text-blue-900" : "bg-gray-100 text-gray-800"}`}
                >
                  {n.toLocaleString("en")}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
