import { randomUUID } from "node:crypto";
import { resolveTeamContext, type TTeamContext } from "../teams/membership";
import { ownerQuery, signUpUser, type TSignedUpUser } from "../testing/setup";

/** A second person in `owner`'s team with the given role (fixtures go in as the database owner). */
export async function joinTeam(owner: TSignedUpUser, label: string, role: "ADMIN" | "MEMBER"): Promise<{ user: TSignedUpUser; ctx: TTeamContext }> {
  const user = await signUpUser(label);
  await ownerQuery(`INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, $4)`, [randomUUID(), owner.team.id, user.userId, role]);
  return { user, ctx: await resolveTeamContext({ userId: user.userId, slug: owner.team.slug }) };
}
