import Link from "next/link";
import { listTags, roleAtLeast, warmIcpPreview } from "@crm/core";
import { emptyIcpDefinition } from "@crm/scoring";
import { IcpForm } from "@/features/icps/components/icp-form";
import { pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "New ideal customer profile" };

export default async function NewIcpPage({ params }: { params: Promise<{ slug: string }> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  warmIcpPreview(team); // the first preview should not wait for loading the network
  const tags = (await listTags(team)).map((t) => ({ id: t.id, name: t.name }));
  const listUrl = `/t/${team.slug}/icps`;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <p className="text-sm"><Link className="text-blue-800 underline" href={listUrl}>← Ideal customer profiles</Link></p>
        <h1 className="text-2xl font-semibold">New ideal customer profile</h1>
        <p className="text-sm text-gray-700">Describe who matters; the preview shows how many of your team’s connections fit as you go.</p>
      </div>
      <IcpForm teamSlug={team.slug} initialName="" initialDefinition={emptyIcpDefinition()} canEdit={roleAtLeast(team.role, "ADMIN")} cancelUrl={listUrl} tags={tags} />
    </div>
  );
}
