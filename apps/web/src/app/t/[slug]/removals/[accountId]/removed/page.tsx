import Link from "next/link";
import { isDomainError, listRemovedPeople, type TTeamContext } from "@crm/core";
import { Alert, buttonClass } from "@crm/ui";
import { AccountLinks } from "@/features/removals/components/account-links";
import { RemovedTable } from "@/features/removals/components/removed-table";
import { removalsPath } from "@/features/removals/format";
import { orNotFound, pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Removed people" };
export const dynamic = "force-dynamic";

type TProps = { params: Promise<{ slug: string; accountId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// Core reads and checks every cursor, so a changed or cut one always gets its message and the
// "First page" link (nothing is silently dropped here).

/** A page link whose cursor was changed or cut short: the first page, with core's message. */
async function pageOf(team: TTeamContext, accountId: string, cursor: string | null) {
  try {
    return { page: await orNotFound(listRemovedPeople(team, accountId, { cursor })), problem: null };
  } catch (e) {
    if (!cursor || !isDomainError(e) || e.details.field !== "cursor") throw e;
    return { page: await orNotFound(listRemovedPeople(team, accountId)), problem: e.message };
  }
}

/** People removed from one account: pending until the next export confirms, then verified. 50 a page. */
export default async function RemovedPeoplePage({ params, searchParams }: TProps) {
  const { slug, accountId } = await pageParams(params);
  const team = await requireTeam(slug);
  const raw = (await searchParams).cursor;
  const cursor = typeof raw === "string" && raw !== "" ? raw : null;
  // The times in the account's zone, as the session shows them.
  const { page, problem } = await pageOf(team, accountId, cursor);
  const base = removalsPath(team.slug, page.account.id, "removed");
  return (
    <div className="flex flex-col gap-4">
      <AccountLinks slug={team.slug} accountId={page.account.id} current="removed" />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex max-w-3xl flex-col gap-1">
          <h1 className="text-2xl font-semibold">Removed people: {page.account.label}</h1>
          <p className="text-sm text-gray-700">
            {page.total.toLocaleString("en")} removed through guided sessions. “Pending” turns into “Verified” when the next export of this account no longer lists them.
            Removed someone by mistake? Use Reconnect to send them a new invitation on LinkedIn.
          </p>
        </div>
        {/* A plain link: the route answers Content-Disposition: attachment, so the browser downloads it. */}
        <a className={buttonClass("secondary")} href={`${base}.csv`} download>Download CSV</a>
      </div>
      {problem && <Alert tone="error">{problem}</Alert>}
      {page.items.length === 0 ? (
        <p className="text-sm text-gray-700">{cursor && !problem ? "No more people on this list." : "Nobody has been removed from this account through a session yet."}</p>
      ) : (
        <RemovedTable items={page.items} label={page.account.label} timeZone={page.account.timeZone} />
      )}
      <nav aria-label="Pages" className="flex gap-4 text-sm">
        {cursor && <Link className="text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={base}>First page</Link>}
        {page.nextCursor && <Link className="text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={`${base}?cursor=${encodeURIComponent(page.nextCursor)}`}>Next page</Link>}
      </nav>
    </div>
  );
}
