import type { TInvitationSummary } from "@crm/core";
import { Alert } from "@crm/ui";
import { guidelineText } from "../labels";

// The open outgoing invitations against LinkedIn users' ~200 guideline, and what else waits.

export function InvitationsBanner({ summary }: { summary: TInvitationSummary }) {
  const over = summary.openOutgoing > summary.guideline;
  return (
    <div data-testid="invitations-banner">
      <Alert tone={over ? "error" : "info"}>
        <p className="font-medium">{guidelineText(summary.openOutgoing, summary.guideline)}</p>
        <p className="mt-1">
          {summary.olderThanThreshold.toLocaleString("en")} sent more than {summary.withdrawAfterDays} days ago (the team’s withdraw rule) ·{" "}
          {summary.withoutMessage.toLocaleString("en")} without a message · {summary.incomingWaiting.toLocaleString("en")} received waiting for an answer ·{" "}
          {summary.withdrawnLast7Days.toLocaleString("en")} withdrawn in the last 7 days
          {summary.reinvitedEarly > 0 ? ` · ${summary.reinvitedEarly.toLocaleString("en")} re-invited too early` : ""}
        </p>
      </Alert>
    </div>
  );
}
