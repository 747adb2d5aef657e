import Link from "next/link";
import { getIcp, listTags, roleAtLeast, warmIcpPreview } from "@crm/core";
import { IcpForm } from "@/features/icps/components/icp-form";
import { orNotFound, pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Edit ideal customer profile" };

export default async function EditIcpPage({ params }: { params: Promise<{ slug: string; icpId: string }> }) {
  const { slug, icpId } = await pageParams(params);
  const team = await requireTeam(slug);
  const icp = await orNotFound(getIcp(team, icpId));
  warmIcpPreview(team); // the first preview should not wait for loading the network
  const tags = (await listTags(team)).map((t) => ({ id: t.id, name: t.name }));
  const profileUrl = `/t/${team.slug}/icps/${icp.id}`;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <p className="text-sm"><Link className="text-blue-800 underline" href={profileUrl}>← {icp.name}</Link></p>
        <h1 className="text-2xl font-semibold">Edit {icp.name}</h1>
        <p className="text-sm text-gray-700">Version {icp.version}. Saving creates version {icp.version + 1} and rescores every connection.</p>
      </div>
      <IcpForm teamSlug={team.slug} icpId={icp.id} initialName={icp.name} initialDefinition={icp.definition} canEdit={roleAtLeast(team.role, "ADMIN")} cancelUrl={profileUrl} tags={tags} />
    </div>
  );
}
