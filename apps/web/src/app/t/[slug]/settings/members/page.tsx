import { listMembers, listPendingInvitations, roleAtLeast } from "@crm/core";
import { Card } from "@crm/ui";
import { InviteForm, MemberControls, RevokeInvitationButton } from "@/features/team/components/team-forms";
import { pageParams, requireTeam } from "@/lib/team";

export const metadata = { title: "Team members" };

const dateFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const team = await requireTeam((await pageParams(params)).slug);
  const canManage = roleAtLeast(team.role, "ADMIN");
  const [members, invitations] = await Promise.all([listMembers(team), canManage ? listPendingInvitations(team) : Promise.resolve([])]);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Team settings</h1>
      {canManage && (
        <Card title="Invite a teammate">
          <InviteForm teamSlug={team.slug} />
        </Card>
      )}
      <Card title={`Members (${members.length})`}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Members of {team.teamName}</caption>
          <thead className="border-b text-gray-600">
            <tr><th scope="col" className="py-2">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Joined</th><th scope="col" className="text-right">Actions</th></tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.membershipId} className="border-b last:border-0" data-testid="member-row">
                <td className="py-3 font-medium">{m.name}</td>
                <td>{m.email}</td>
                <td>{m.role.charAt(0) + m.role.slice(1).toLowerCase()}</td>
                <td>{dateFmt.format(m.joinedAt)}</td>
                <td className="py-2">
                  <MemberControls teamSlug={team.slug} membershipId={m.membershipId} role={m.role} name={m.name} isSelf={m.userId === team.userId} canManage={canManage && (team.role === "OWNER" || m.role !== "OWNER")} canGrantOwner={team.role === "OWNER"} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {canManage && (
        <Card title={`Pending invitations (${invitations.length})`}>
          {invitations.length === 0 ? (
            <p className="text-sm text-gray-700">No pending invitations.</p>
          ) : (
            <ul className="divide-y">
              {invitations.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span><strong>{i.email}</strong> as {i.role.toLowerCase()} · expires {dateFmt.format(i.expiresAt)}</span>
                  <RevokeInvitationButton teamSlug={team.slug} invitationId={i.id} email={i.email} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
    </div>
  );
}
