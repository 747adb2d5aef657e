import Link from "next/link";
import { redirect } from "next/navigation";
import { getNetworkInsights } from "@crm/core";
import { buttonClass, Card, Stats } from "@crm/ui";
import { InsightsCharts } from "@/features/insights/components/insights-charts";
import { InsightsFilters } from "@/features/insights/components/insights-filters";
import { insightsQueryString, parseInsightsQuery, receivedQueryString } from "@/features/insights/query";
import { percent } from "@/features/insights/summaries";
import { orNotFound, pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Network insights" };

type TSearch = Record<string, string | string[] | undefined>;

export default async function InsightsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<TSearch> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  const sp = await searchParams;
  const pageUrl = `/t/${team.slug}/insights`;
  const query = parseInsightsQuery(sp);
  // One URL per view: `account=b&account=a` (what the checkboxes send) becomes `account=a,b`.
  if (insightsQueryString(query) !== receivedQueryString(sp)) redirect(`${pageUrl}${insightsQueryString(query)}`);
  // Another team's account or ICP id gets the same 404 as one that does not exist.
  const data = await orNotFound(getNetworkInsights(team, { accountIds: query.accountIds, icpId: query.icpId }));
  // Ticking every account is the view of all accounts, with its shorter URL.
  if (data.selectedAccountIds && data.selectedAccountIds.length === data.accounts.length) redirect(`${pageUrl}${insightsQueryString({ ...query, accountIds: [] })}`);

  const labels = new Map(data.accounts.map((a) => [a.id, a.label]));
  const scope = data.selectedAccountIds ? data.selectedAccountIds.map((id) => labels.get(id)).join(", ") : data.accounts.length === 1 ? data.accounts[0]!.label : `All ${data.accounts.length} LinkedIn accounts`;
  const t = data.totals;
  const teamIsEmpty = t.connections === 0 && !data.selectedAccountIds;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Network insights</h1>
        {data.accounts.length > 0 && <p className="text-sm text-gray-700" data-testid="insights-scope">{scope}</p>}
      </div>
      {teamIsEmpty ? (
        <Card title="No connections yet">
          <p className="text-gray-700">
            Charts of your team’s network appear here once a LinkedIn export is uploaded: when people joined, their seniority and
            function, the companies they work at, how well they fit your ideal customer profile and who you have lost touch with.
          </p>
          <div className="mt-4"><Link className={buttonClass("primary")} href={`/t/${team.slug}/accounts`}>Upload a LinkedIn export</Link></div>
        </Card>
      ) : (
        <>
          <InsightsFilters action={pageUrl} accounts={data.accounts} selected={data.selectedAccountIds} icps={data.icps} icpId={query.icpId} />
          <Stats
            className="lg:grid-cols-5"
            items={[
              { label: "Connections", value: t.connections.toLocaleString("en") },
              { label: "LinkedIn accounts", value: t.accounts.toLocaleString("en") },
              // A Connections.csv alone has no messages: "100% inactive" would say something untrue.
              data.activity.never === t.connections
                ? { label: "Inactive", value: "—", hint: "No messages uploaded yet" }
                : { label: "Inactive", value: percent(data.activity.inactive, t.connections), hint: "No message in 12 months, or never" },
              { label: "Endorsed you", value: t.endorsedMe.toLocaleString("en") },
              { label: "Recommended you", value: t.recommendedMe.toLocaleString("en") },
            ]}
          />
          {t.connections === 0 ? (
            <Card title="No connections in these accounts">
              <p className="text-gray-700">
                The chosen accounts have no connections yet. <Link className="text-blue-800 underline" href={`/t/${team.slug}/accounts`}>Upload their LinkedIn exports</Link> or{" "}
                <Link className="text-blue-800 underline" href={pageUrl}>look at all accounts</Link>.
              </p>
            </Card>
          ) : (
            <InsightsCharts data={data} slug={team.slug} />
          )}
        </>
      )}
    </div>
  );
}
