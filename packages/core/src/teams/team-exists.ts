import { withTeam } from "@crm/db";

/** For jobs: a job naming a deleted team has nothing to do (and nothing worth retrying). */
export async function teamExists(teamId: string): Promise<boolean> {
  return (await withTeam(teamId, (tx) => tx.team.count({ where: { id: teamId } }))) > 0;
}
