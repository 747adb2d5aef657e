import Link from "next/link";
import { getConnection, listTags } from "@crm/core";
import { ConnectionPage } from "@/features/connections/components/connection-page";
import { connectionLabels } from "@/features/connections/server-labels";
import { orNotFound, pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Connection" };

export default async function ConnectionDetailPage({ params }: { params: Promise<{ slug: string; connectionId: string }> }) {
  const { slug, connectionId } = await pageParams(params);
  const team = await requireTeam(slug);
  const [detail, tags] = await Promise.all([orNotFound(getConnection(team, connectionId)), listTags(team)]);
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <p className="text-sm"><Link className="text-blue-800 underline" href={`/t/${team.slug}/connections`}>← Connections</Link></p>
      <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-gray-200">
        <ConnectionPage teamSlug={team.slug} detail={detail} tags={tags} labels={connectionLabels()} now={Date.now()} />
      </div>
    </div>
  );
}
