import Link from "next/link";
import { getIcp, listScores, roleAtLeast } from "@crm/core";
import { buttonClass, Card, Stats } from "@crm/ui";
import { DeleteIcpButton } from "@/features/icps/components/delete-icp-button";
import { RescoreProgress } from "@/features/icps/components/rescore-progress";
import { ScoreFilters } from "@/features/icps/components/score-filters";
import { ScoresTable } from "@/features/icps/components/scores-table";
import { BAND_LABELS, BANDS, isRescoring, PAGE_SIZE, parseScoreQuery, scoreQueryString } from "@/features/icps/labels";
import { orNotFound, pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Ideal customer profile" };

type TSearch = Record<string, string | string[] | undefined>;

export default async function IcpPage({ params, searchParams }: { params: Promise<{ slug: string; icpId: string }>; searchParams: Promise<TSearch> }) {
  const { slug, icpId } = await pageParams(params);
  const team = await requireTeam(slug);
  const icp = await orNotFound(getIcp(team, icpId));
  const query = parseScoreQuery(await searchParams);
  // One more than a page tells whether a next page exists without an empty last page.
  const fetched = await listScores(team, icp.id, { band: query.band, flag: query.flag, after: query.after, take: PAGE_SIZE + 1 });
  const rows = fetched.slice(0, PAGE_SIZE);
  const last = rows[rows.length - 1];
  const pageUrl = `/t/${team.slug}/icps/${icp.id}`;
  const nextUrl = fetched.length > PAGE_SIZE && last ? `${pageUrl}${scoreQueryString({ ...query, after: { score: last.score, connectionId: last.connectionId } })}` : null;
  const canEdit = roleAtLeast(team.role, "ADMIN");
  const rescoring = isRescoring(icp);
  const fmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const total = icp.bands.strong + icp.bands.partial + icp.bands.none;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <p className="text-sm"><Link className="text-blue-800 underline" href={`/t/${team.slug}/icps`}>← Ideal customer profiles</Link></p>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold">{icp.name}</h1>
            <p className="text-sm text-gray-700">
              Version {icp.version}
              {icp.scoredAt && !rescoring && <> · scored {fmt.format(icp.scoredAt)} UTC</>}
            </p>
          </div>
          {canEdit && (
            <div className="flex flex-wrap items-start gap-2">
              <Link className={buttonClass("secondary")} href={`${pageUrl}/edit`}>Edit</Link>
              <DeleteIcpButton teamSlug={team.slug} icpId={icp.id} name={icp.name} />
            </div>
          )}
        </div>
      </div>

      {rescoring && (
        <Card title="Rescoring">
          <RescoreProgress statusUrl={`/api/t/${team.slug}/icps/${icp.id}`} initial={{ version: icp.version, scoredVersion: icp.scoredVersion, rescoreProgress: icp.rescoreProgress }} />
          {icp.scoredVersion > 0 && <p className="mt-3 text-sm text-gray-700">The scores below are from version {icp.scoredVersion} until then.</p>}
        </Card>
      )}

      <Stats
        className="lg:grid-cols-3"
        items={BANDS.map((b) => ({
          label: BAND_LABELS[b],
          value: icp.bands[b].toLocaleString("en"),
          hint: total ? `${Math.round((icp.bands[b] / total) * 100)}% of ${total.toLocaleString("en")}` : undefined,
        }))}
      />

      <Card title="Scores">
        <div className="flex flex-col gap-4">
          <ScoreFilters action={pageUrl} query={query} />
          {rows.length === 0 ? (
            <p className="text-sm text-gray-700">
              {query.band || query.flag || query.after
                ? "No connections match these filters."
                : rescoring ? "Scores appear here as soon as the first scoring finishes." : "No connections scored yet. Upload a LinkedIn export to score your network."}
            </p>
          ) : (
            <ScoresTable rows={rows} caption={`Connections scored against ${icp.name}, best first`} />
          )}
          {(query.after || nextUrl) && (
            <nav aria-label="Pages" className="flex gap-4 text-sm">
              {query.after && <Link className="text-blue-800 underline" href={`${pageUrl}${scoreQueryString({ band: query.band, flag: query.flag })}`}>First page</Link>}
              {nextUrl && <Link className="text-blue-800 underline" href={nextUrl}>Next page</Link>}
            </nav>
          )}
        </div>
      </Card>
    </div>
  );
}
