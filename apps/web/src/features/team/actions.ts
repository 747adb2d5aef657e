"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { changeMemberRole, createInvitation, createTeam, removeMember, revokeInvitation } from "@crm/core";
import { teamAction, userAction } from "@/lib/action";

export const createTeamAction = userAction(z.object({ name: z.string() }), async (input, user) => {
  const team = await createTeam({ userId: user.id, name: input.name });
  return { ok: true, data: { slug: team.slug } };
});

export const inviteAction = teamAction(z.object({ email: z.string(), role: z.enum(["ADMIN", "MEMBER"]) }), async (input, team) => {
  await createInvitation(team, { email: input.email, role: input.role });
  revalidatePath(`/t/${team.slug}/settings/members`);
  return { ok: true, message: `Invitation sent to ${input.email.trim().toLowerCase()}.` };
});

export const revokeInvitationAction = teamAction(z.object({ invitationId: z.string().max(64) }), async (input, team) => {
  await revokeInvitation(team, input);
  revalidatePath(`/t/${team.slug}/settings/members`);
  return { ok: true, message: "Invitation revoked." };
});

export const changeRoleAction = teamAction(z.object({ membershipId: z.string().max(64), role: z.enum(["OWNER", "ADMIN", "MEMBER"]) }), async (input, team) => {
  await changeMemberRole(team, input);
  revalidatePath(`/t/${team.slug}/settings/members`);
  return { ok: true, message: "Role updated." };
});

export const removeMemberAction = teamAction(z.object({ membershipId: z.string().max(64) }), async (input, team) => {
  const r = await removeMember(team, input);
  if (r.removedSelf) return { ok: true, message: "You left the team.", data: { left: true } };
  revalidatePath(`/t/${team.slug}/settings/members`);
  return { ok: true, message: "Member removed. Their sessions were signed out." };
});
