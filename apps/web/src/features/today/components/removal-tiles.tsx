import Link from "next/link";
import { listRemovalAccounts, type TRemovalAccountSummary, type TTeamContext } from "@crm/core";
import { Card } from "@crm/ui";
import { progressText, removalsPath } from "@/features/removals/format";

// Today's removal sessions of the accounts I own (the only sessions I can run), with progress.
// Secondary on the home page: if it cannot be read, the rest of Today still renders.

const tileClass = "flex h-full flex-col rounded-md bg-gray-50 p-3 ring-1 ring-gray-200 hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

async function mine(team: TTeamContext): Promise<TRemovalAccountSummary[] | null> {
  try {
    return (await listRemovalAccounts(team)).filter((a) => a.canRun && (a.plannedToday > 0 || a.approved > 0 || a.budget.used > 0));
  } catch (e) {
    console.error("removal overview failed:", e);
    return null;
  }
}

export async function RemovalTiles({ team }: { team: TTeamContext }) {
  const accounts = await mine(team);
  if (!accounts || accounts.length === 0) return null;
  return (
    <Card title="Today’s removals" actions={<Link className="text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={removalsPath(team.slug)}>All accounts</Link>}>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {accounts.slice(0, 6).map((a) => (
          <li key={a.accountId}>
            <Link href={removalsPath(team.slug, a.accountId)} className={tileClass} data-testid="today-removals">
              <span className="text-xs font-medium uppercase tracking-wide text-gray-600">{a.label}</span>
              <span className="mt-1 text-lg font-semibold tabular-nums text-gray-900">{progressText(a.budget)}</span>
              <span className="mt-1 text-xs text-gray-600">
                {a.budget.remaining === 0 ? "Today’s safe limit is reached" : a.leftToday > 0 ? `${a.leftToday} planned still to do: open the session` : "Open the session"}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
