import { CreateTeamForm } from "@/features/team/components/team-forms";
import { requireUser } from "@/lib/session";
import { AuthShell } from "../../auth-shell";

export const metadata = { title: "Create a team" };

export default async function NewTeamPage() {
  await requireUser("/teams/new");
  return (
    <AuthShell title="Create a team">
      <CreateTeamForm />
    </AuthShell>
  );
}
