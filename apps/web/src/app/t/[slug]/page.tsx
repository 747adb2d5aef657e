import { getToday } from "@crm/core";
import { GetStarted } from "@/features/today/components/get-started";
import { TodayView } from "@/features/today/components/today-view";
import { pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Today" };
export const dynamic = "force-dynamic";

/** The team home, "Today": what waits for me once the team has data; the first steps before. */
export default async function TeamToday({ params }: { params: Promise<{ slug: string }> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  const today = await getToday(team);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{team.teamName}</h1>
        {today.hasData && <p className="text-gray-700">Today</p>}
      </div>
      {today.hasData ? <TodayView slug={team.slug} userId={team.userId} today={today} /> : <GetStarted team={team} />}
    </div>
  );
}
