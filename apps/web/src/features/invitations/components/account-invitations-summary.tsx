import Link from "next/link";
import type { TInvitationSummary } from "@crm/core";
import { guidelineText } from "../labels";
import { invitationsHref } from "../page-query";

// The account page's invitations card: the banner's numbers and the way to the invitations page.

export function AccountInvitationsSummary({ slug, accountId, summary }: { slug: string; accountId: string; summary: TInvitationSummary }) {
  const link = "text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600";
  return (
    <div className="flex flex-col gap-3 text-sm" data-testid="account-invitations-summary">
      <p className={summary.openOutgoing > summary.guideline ? "font-medium text-red-800" : "text-gray-800"}>{guidelineText(summary.openOutgoing, summary.guideline)}</p>
      <ul className="flex flex-wrap gap-x-6 gap-y-1 text-gray-700">
        <li>{summary.olderThanThreshold.toLocaleString("en")} older than {summary.withdrawAfterDays} days</li>
        <li>{summary.withoutMessage.toLocaleString("en")} without a message</li>
        <li>{summary.incomingWaiting.toLocaleString("en")} received waiting for an answer</li>
        <li>{summary.withdrawnLast7Days.toLocaleString("en")} withdrawn this week</li>
      </ul>
      <p className="flex flex-wrap gap-4">
        <Link className={link} href={invitationsHref(slug, accountId)}>Open the invitations page</Link>
        <Link className={link} href={invitationsHref(slug, accountId, { tab: "incoming" })}>Received invitations</Link>
      </p>
    </div>
  );
}
