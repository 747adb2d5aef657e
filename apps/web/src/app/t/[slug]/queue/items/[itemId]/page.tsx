import { getReviewItem, listMembers } from "@crm/core";
import { SingleCard } from "@/features/review/components/card/single-card";
import { queuePath } from "@/features/review/queue-url";
import { orNotFound, pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Review card" };
export const dynamic = "force-dynamic";

/** One review card by id: where notifications ("Ana mentioned you") lead. */
export default async function ReviewItemPage({ params }: { params: Promise<{ slug: string; itemId: string }> }) {
  const { slug, itemId } = await pageParams(params);
  const team = await requireTeam(slug);
  const [card, members] = await Promise.all([orNotFound(getReviewItem(team, itemId)), listMembers(team)]);
  const account = card.account.id;
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-4">
      <SingleCard
        teamSlug={team.slug}
        viewerId={team.userId}
        members={members.filter((m) => m.userId !== team.userId).map((m) => ({ id: m.userId, name: m.name }))}
        initial={card}
        queueHref={queuePath(team.slug, { account })}
        flowHref={`/t/${team.slug}/queue/review?account=${encodeURIComponent(account)}`}
      />
    </div>
  );
}
