import { DEFAULT_FILTER, listTagIcpUsage, listTags, roleAtLeast, serializeFilter, TAG_COLORS } from "@crm/core";
import { Card } from "@crm/ui";
import { NewTagForm } from "@/features/tags/components/new-tag-form";
import { TagRow } from "@/features/tags/components/tag-row";
import { pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Tags" };

export default async function TagsPage({ params }: { params: Promise<{ slug: string }> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  const [tags, usage] = await Promise.all([listTags(team), listTagIcpUsage(team)]);
  const canManage = roleAtLeast(team.role, "ADMIN");
  const colors = [...TAG_COLORS];
  const hrefFor = (tagId: string) => `/t/${team.slug}/connections?${serializeFilter({ ...DEFAULT_FILTER, tags: [tagId] }).toString()}`;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Tags</h1>
        <p className="text-sm text-gray-700">
          Tags are shared by the whole team. Anyone can create and apply them{canManage ? "; as an owner or admin you can also rename, recolor, merge and delete them." : "; owners and admins rename, merge and delete them."}
        </p>
      </div>
      <Card>
        <NewTagForm teamSlug={team.slug} colors={colors} />
      </Card>
      <Card title={`Team tags (${tags.length})`}>
        {tags.length === 0 ? (
          <p className="text-sm text-gray-700">No tags yet. Create one above, or select connections and use “Tag…”.</p>
        ) : (
          <ul aria-label="Team tags">
            {tags.map((t) => (
              <TagRow key={`${t.id}:${t.name}:${t.color}:${t.count}`} teamSlug={team.slug} tag={t} others={tags.filter((o) => o.id !== t.id)} colors={colors} canManage={canManage} href={hrefFor(t.id)} usage={usage} icpsUrl={`/t/${team.slug}/icps`} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
