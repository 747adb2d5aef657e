import { listLinkedInAccounts, listMembers, roleAtLeast } from "@crm/core";
import { Card } from "@crm/ui";
import { AccountsTable } from "@/features/accounts/components/accounts-table";
import { AddAccountForm } from "@/features/accounts/components/add-account-form";
import { timeZoneOptions } from "@/features/accounts/time-zones";
import { pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "LinkedIn accounts" };

export default async function AccountsPage({ params }: { params: Promise<{ slug: string }> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  const canChooseOwner = roleAtLeast(team.role, "ADMIN");
  const [accounts, members] = await Promise.all([listLinkedInAccounts(team), listMembers(team)]);
  const me = members.find((m) => m.userId === team.userId);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">LinkedIn accounts</h1>
      <Card title={`Accounts (${accounts.length})`}>
        {accounts.length === 0 ? (
          <p className="text-sm text-gray-700">No LinkedIn networks yet. Add one below, then upload its data export.</p>
        ) : (
          <AccountsTable teamSlug={team.slug} accounts={accounts} meId={team.userId} />
        )}
      </Card>
      <Card title="Add LinkedIn account">
        <p className="mb-4 text-sm text-gray-700">One account per member’s LinkedIn network. You upload its exports next; we never ask for LinkedIn credentials.</p>
        <AddAccountForm
          teamSlug={team.slug}
          me={{ userId: team.userId, name: me?.name ?? "You" }}
          members={canChooseOwner ? members.map((m) => ({ userId: m.userId, name: m.name })) : []}
          canChooseOwner={canChooseOwner}
          timeZones={timeZoneOptions()}
        />
      </Card>
    </div>
  );
}
