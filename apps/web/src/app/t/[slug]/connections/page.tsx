import Link from "next/link";
import {
  countConnections,
  filterSummary,
  getConnection,
  isDomainError,
  listConnections,
  listIcpChoices,
  listLinkedInAccounts,
  listTags,
  listViews,
  parseFilter,
  serializeFilter,
  type TConnectionFilter,
  type TTeamContext,
} from "@crm/core";
import { Alert, buttonClass, Card } from "@crm/ui";
import { ConnectionsTable } from "@/features/connections/components/connections-table";
import { FilterNavProvider } from "@/features/connections/components/filter-nav";
import { FilterPanel } from "@/features/connections/components/filter-panel";
import { ViewsMenu } from "@/features/connections/components/views-menu";
import { PAGE_PARAMS } from "@/features/connections/filter-url";
import { connectionLabels } from "@/features/connections/server-labels";
import { pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Connections" };

type TSearch = Record<string, string | string[] | undefined>;

function toParams(sp: TSearch): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) for (const x of v === undefined ? [] : Array.isArray(v) ? v : [v]) p.append(k, x);
  return p;
}

const notFound = (e: unknown) => isDomainError(e) && e.code === "NOT_FOUND";
const tooSlow = (e: unknown) => isDomainError(e) && e.code === "UNAVAILABLE";

/** A link may name an ICP that has since been deleted: say so and show the default one instead. */
async function firstPage(team: TTeamContext, filter: TConnectionFilter) {
  const load = async (f: TConnectionFilter) => {
    const [page, count] = await Promise.all([listConnections(team, f), countConnections(team, f)]);
    return { filter: f, page, count };
  };
  try {
    return { ...(await load(filter)), icpGone: false, slow: null };
  } catch (e) {
    // Stopped by the query timeout: say so in place of the table, keep the filters usable.
    if (tooSlow(e)) return { filter, page: { rows: [], nextCursor: null, icp: null }, count: 0, icpGone: false, slow: (e as Error).message };
    if (!filter.icp || !notFound(e)) throw e;
    return { ...(await load({ ...filter, icp: undefined })), icpGone: true, slow: null };
  }
}

export default async function ConnectionsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<TSearch> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  const sp = toParams(await searchParams);
  const openId = sp.get("open");
  for (const p of PAGE_PARAMS) sp.delete(p);
  const parsed = parseFilter(sp);

  const [first, tags, accounts, icps, views, openDetail] = await Promise.all([
    firstPage(team, parsed.filter),
    listTags(team),
    listLinkedInAccounts(team),
    listIcpChoices(team),
    listViews(team),
    openId ? getConnection(team, openId).catch((e) => (notFound(e) ? null : Promise.reject(e))) : null,
  ]);
  const { filter, page, count } = first;
  const errors = first.icpGone ? [...parsed.errors, { param: "icp", message: "That ideal customer profile no longer exists; showing scores of the default one." }] : parsed.errors;
  const query = serializeFilter(filter).toString();
  const summary = filterSummary(filter, {
    tags: new Map(tags.map((t) => [t.id, t.name])),
    accounts: new Map(accounts.map((a) => [a.id, a.label])),
    icps: new Map(icps.map((i) => [i.id, i.name])),
  });
  const basePath = `/t/${team.slug}/connections`;
  const labels = connectionLabels();

  if (accounts.length === 0) {
    return (
      <div className="flex flex-col gap-6">
        <h1 className="text-2xl font-semibold">Connections</h1>
        <Card title="No LinkedIn network yet">
          <p className="text-sm text-gray-700">Add your LinkedIn account and upload its export; your connections appear here, ready to search, tag and review.</p>
          <div className="mt-3"><Link className={buttonClass("primary")} href={`/t/${team.slug}/accounts`}>Add your LinkedIn network</Link></div>
        </Card>
      </div>
    );
  }

  return (
    <FilterNavProvider filter={filter} query={query} basePath={basePath}>
      <div className="flex flex-col gap-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">Connections</h1>
          <div className="flex flex-wrap items-center gap-2">
            <ViewsMenu teamSlug={team.slug} views={views} />
            <Link className="rounded-md px-3 py-2 text-sm text-blue-800 underline hover:bg-blue-50" href={`/t/${team.slug}/tags`}>Manage tags</Link>
          </div>
        </div>
        {errors.length > 0 && (
          <Alert tone="error">
            <p className="font-medium">Part of this filter could not be used:</p>
            <ul className="mt-1 list-disc pl-5" data-testid="filter-errors">
              {errors.map((e, i) => <li key={i}><code className="font-semibold">{e.param}</code>: {e.message}</li>)}
            </ul>
          </Alert>
        )}
        <FilterPanel
          accounts={accounts.map((a) => ({ id: a.id, name: a.label }))}
          tags={tags}
          icps={icps}
          labels={labels}
          activeIcp={page.icp}
        />
        {first.slow !== null ? (
          <Alert tone="error">
            <p data-testid="query-timeout">{first.slow}</p>
          </Alert>
        ) : (
          <ConnectionsTable
            key={query}
            teamSlug={team.slug}
            rows={page.rows}
            nextCursor={page.nextCursor}
            count={count}
            summary={summary}
            tags={tags}
            labels={labels}
            showAccount={accounts.length > 1}
            initialDetail={openDetail}
          />
        )}
      </div>
    </FilterNavProvider>
  );
}
