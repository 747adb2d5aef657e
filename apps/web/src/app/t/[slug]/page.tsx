import { getToday } from "@crm/core";
import { InvitationTiles } from "@/features/today/components/invitation-tiles";
import { GetStarted } from "@/features/today/components/get-started";
import { RemovalTiles } from "@/features/today/components/removal-tiles";
import { TodayView } from "@/features/today/components/today-view";
import { loadDecisions } from "@/features/today/load-decisions";
import { pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Today" };
export const dynamic = "force-dynamic";

/** The team home, "Today": what waits for me once the team has data; the first steps before. */
export default async function TeamToday({ params }: { params: Promise<{ slug: string }> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  const today = await getToday(team);
  const decisions = today.hasData ? await loadDecisions(team, today.accounts) : null;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{team.teamName}</h1>
        {today.hasData && <p className="text-gray-700">Today</p>}
      </div>
      {today.hasData ? <TodayView slug={team.slug} today={today} decisions={decisions} removals={<RemovalTiles team={team} />} invitations={<InvitationTiles team={team} />} /> : <GetStarted team={team} />}
    </div>
  );
}
