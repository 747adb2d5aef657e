import { getRemovalSession, getWithdrawalSession } from "@crm/core";
import { AccountLinks } from "@/features/removals/components/account-links";
import { RemovalSession } from "@/features/removals/components/removal-session";
import { LaneSwitch } from "@/features/withdrawals/components/lane-switch";
import { WithdrawalSession } from "@/features/withdrawals/components/withdrawal-session";
import { orNotFound, pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Removal session" };
export const dynamic = "force-dynamic";

type TSearch = Promise<Record<string, string | string[] | undefined>>;

/**
 * Today's guided session for one LinkedIn account, in two lanes: removals (the day's plan) and
 * invitation withdrawals (?lane=withdrawals, their own allowance). Its owner works through them
 * one at a time; teammates see the progress. Another team's account is the standard 404.
 */
export default async function RemovalSessionPage({ params, searchParams }: { params: Promise<{ slug: string; accountId: string }>; searchParams: TSearch }) {
  const { slug, accountId } = await pageParams(params);
  const lane = (await searchParams).lane === "withdrawals" ? "withdrawals" : "removals";
  const team = await requireTeam(slug);
  // The withdrawal session is read in both lanes: the switch shows how many wait.
  const withdrawals = await orNotFound(getWithdrawalSession(team, accountId));
  const removals = lane === "removals" ? await orNotFound(getRemovalSession(team, accountId)) : null;
  const account = withdrawals.account;
  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-4">
      <AccountLinks slug={team.slug} accountId={account.id} current="session" />
      <div>
        <h1 className="text-2xl font-semibold text-gray-900">{lane === "withdrawals" ? "Invitation withdrawals" : "Removals"}: {account.label}</h1>
        <p className="text-sm text-gray-700">Owner: {account.owner.id === team.userId ? `${account.owner.name} (you)` : account.owner.name}</p>
      </div>
      {removals ? (
        <>
          <LaneSwitch slug={team.slug} accountId={account.id} lane="removals" withdrawals={withdrawals.approved} />
          <RemovalSession key={`r-${account.id}`} slug={team.slug} initial={removals} renderedAt={Date.now()} />
        </>
      ) : (
        <WithdrawalSession key={`w-${account.id}`} slug={team.slug} initial={withdrawals} renderedAt={Date.now()} laneSwitch />
      )}
    </div>
  );
}
