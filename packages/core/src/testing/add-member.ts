import { createInvitation } from "../invitations/invitations";
import { resolveTeamContext, type TTeamContext } from "../teams/membership";
import { signUp } from "../users/sign-up";
import { strongPassword, uniqueEmail, type TSignedUpUser } from "./setup";

/** Invites a new user into `owner`'s team as `role` and signs them up through the invitation. */
export async function addMember(owner: TSignedUpUser, label: string, role: "ADMIN" | "MEMBER"): Promise<{ userId: string; ctx: TTeamContext }> {
  const email = uniqueEmail(label);
  const { token } = await createInvitation(owner.ctx, { email, role });
  const { userId } = await signUp({ name: `${label} Person`, email, password: strongPassword(), invitationToken: token });
  return { userId, ctx: await resolveTeamContext({ userId, slug: owner.team.slug }) };
}
