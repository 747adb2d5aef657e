import { getRemovalSession } from "@crm/core";
import { AccountLinks } from "@/features/removals/components/account-links";
import { RemovalSession } from "@/features/removals/components/removal-session";
import { orNotFound, pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Removal session" };
export const dynamic = "force-dynamic";

/**
 * Today's guided removal session for one LinkedIn account: its owner works through it one person
 * at a time; teammates see the progress. Another team's account is the standard 404.
 */
export default async function RemovalSessionPage({ params }: { params: Promise<{ slug: string; accountId: string }> }) {
  const { slug, accountId } = await pageParams(params);
  const team = await requireTeam(slug);
  const session = await orNotFound(getRemovalSession(team, accountId));
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-4">
      <AccountLinks slug={team.slug} accountId={session.account.id} current="session" />
      <div>
        <h1 className="text-2xl font-semibold text-gray-900">Removals: {session.account.label}</h1>
        <p className="text-sm text-gray-700">Owner: {session.account.owner.id === team.userId ? `${session.account.owner.name} (you)` : session.account.owner.name}</p>
      </div>
      <RemovalSession key={session.account.id} slug={team.slug} initial={session} renderedAt={Date.now()} />
    </div>
  );
}
