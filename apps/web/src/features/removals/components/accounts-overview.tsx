import Link from "next/link";
import type { TRemovalAccountSummary } from "@crm/core";
import { buttonClass } from "@crm/ui";
import { progressText, removalsPath } from "../format";

const linkClass = "rounded text-blue-800 underline hover:text-blue-950 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";
const n = (x: number) => x.toLocaleString("en");

/** One tile per LinkedIn account: today's progress, the approved backlog and where to go next. */
export function AccountsOverview({ slug, accounts }: { slug: string; accounts: TRemovalAccountSummary[] }) {
  if (accounts.length === 0) {
    return <p className="text-sm text-gray-700">The team has no LinkedIn account yet. <Link className={linkClass} href={`/t/${slug}/accounts`}>Add one</Link>, import its connections, and approve removals in the review queue.</p>;
  }
  return (
    <ul className="grid gap-4 md:grid-cols-2">
      {accounts.map((a) => (
        <li key={a.accountId} className="flex flex-col gap-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-gray-200" data-testid="removal-account">
          <div>
            <h2 className="text-lg font-semibold text-gray-900">{a.label}</h2>
            <p className="text-sm text-gray-700">Owner: {a.canRun ? `${a.owner.name} (you)` : a.owner.name}</p>
          </div>
          <p className="text-base font-semibold tabular-nums text-gray-900" data-testid="removal-account-progress">{progressText(a.budget)}</p>
          <ul className="text-sm text-gray-700">
            <li>{n(a.leftToday)} of {n(a.plannedToday)} planned for today still to do</li>
            <li>{n(a.approved)} approved for removal in all</li>
            <li>{n(a.removedPending)} removed and waiting for the next export to confirm, {n(a.removedVerified)} confirmed</li>
          </ul>
          <div className="flex flex-wrap items-center gap-4 text-sm">
            <Link className={buttonClass(a.canRun ? "primary" : "secondary")} href={removalsPath(slug, a.accountId)}>
              {a.canRun ? "Open today’s session" : "See today’s progress"}<span className="sr-only"> for {a.label}</span>
            </Link>
            <Link className={linkClass} href={removalsPath(slug, a.accountId, "removed")}>Removed people<span className="sr-only"> of {a.label}</span></Link>
            <Link className={linkClass} href={removalsPath(slug, a.accountId, "policy")}>Policy<span className="sr-only"> of {a.label}</span></Link>
          </div>
        </li>
      ))}
    </ul>
  );
}
