import Link from "next/link";
import type { TInvitationSummary } from "@crm/core";
import { TABS, TAB_LABELS, type TTab } from "../page-query";

// Outgoing / Incoming / Withdrawn as links with their counts; the current one is aria-current.

export function InvitationTabs({ current, summary, href }: { current: TTab; summary: TInvitationSummary; href: (tab: TTab) => string }) {
  const counts: Record<TTab, number> = { outgoing: summary.openOutgoing, incoming: summary.incomingOpen, withdrawn: summary.withdrawnRecent };
  return (
    <nav aria-label="Invitation lists" className="border-b border-gray-200">
      <ul className="-mb-px flex flex-wrap gap-4 text-sm">
        {TABS.map((t) => (
          <li key={t}>
            <Link
              href={href(t)}
              aria-current={t === current ? "page" : undefined}
              className={`inline-block border-b-2 px-1 py-2 focus-visible:outline-2 focus-visible:outline-blue-600 ${t === current ? "border-blue-700 font-semibold text-gray-900" : "border-transparent text-gray-700 hover:border-gray-300"}`}
            >
              {TAB_LABELS[t]} <span className="tabular-nums">({counts[t].toLocaleString("en")})</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
