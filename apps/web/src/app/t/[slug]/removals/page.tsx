import { listRemovalAccounts } from "@crm/core";
import { AccountsOverview } from "@/features/removals/components/accounts-overview";
import { pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Removals" };
export const dynamic = "force-dynamic";

/** Every LinkedIn account's removal progress; each account's owner runs its own session. */
export default async function RemovalsPage({ params }: { params: Promise<{ slug: string }> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  const accounts = await listRemovalAccounts(team);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex max-w-3xl flex-col gap-2">
        <h1 className="text-2xl font-semibold">Removals</h1>
        <p className="text-sm text-gray-700">
          Approved removals are done by hand on LinkedIn, a few a day: we open the profile, you click. Each account has a safe daily budget
          (10 to 25 by its size and age), a pause of about 90 seconds between removals, and hourly and weekly ceilings, so LinkedIn sees a human pace.
        </p>
      </div>
      <AccountsOverview slug={team.slug} accounts={accounts} />
    </div>
  );
}
