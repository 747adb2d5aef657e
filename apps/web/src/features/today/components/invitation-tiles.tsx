import Link from "next/link";
import { listInvitationCounts, type TAccountInvitationCounts, type TTeamContext } from "@crm/core";
import { Card } from "@crm/ui";
import { invitationsHref } from "@/features/invitations/page-query";

// Today's "Invitations": per account with invitations, open outgoing ones (and how many are past
// the team's withdraw rule), received ones waiting for an answer, withdrawals this week. One
// query for every account; secondary, so if it cannot be read the rest of Today still renders.

const tileClass = "flex h-full flex-col rounded-md bg-gray-50 p-3 ring-1 ring-gray-200 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";
const LISTED = 6;

async function load(team: TTeamContext): Promise<{ withdrawAfterDays: number; accounts: TAccountInvitationCounts[] } | null> {
  try {
    return await listInvitationCounts(team);
  } catch (e) {
    console.error("invitation counts failed:", e);
    return null;
  }
}

export async function InvitationTiles({ team }: { team: TTeamContext }) {
  const counts = await load(team);
  if (!counts || counts.accounts.length === 0) return null;
  // My accounts first: they are the ones I can act on.
  const accounts = [...counts.accounts].sort((a, b) => Number(b.ownerUserId === team.userId) - Number(a.ownerUserId === team.userId));
  return (
    <Card title="Invitations">
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {accounts.slice(0, LISTED).map((a) => (
          <li key={a.accountId}>
            <Link href={invitationsHref(team.slug, a.accountId)} className={tileClass} data-testid="today-invitations">
              <span className="text-xs font-medium uppercase tracking-wide text-gray-600">{a.label}</span>
              <span className="mt-1 text-lg font-semibold tabular-nums text-gray-900">{a.openOutgoing.toLocaleString("en")} open</span>
              <span className="mt-1 text-xs text-gray-600">
                {a.olderThanThreshold.toLocaleString("en")} older than {counts.withdrawAfterDays} days · {a.incomingWaiting.toLocaleString("en")} received waiting · {a.withdrawnThisWeek.toLocaleString("en")} withdrawn this week
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {accounts.length > LISTED && <p className="mt-2 text-xs text-gray-600">{accounts.length - LISTED} more accounts have invitations: open them from LinkedIn accounts.</p>}
    </Card>
  );
}
