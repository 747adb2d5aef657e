import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db, withTeam, type TTx } from "@crm/db";
import { hashPassword } from "../auth/password-hash";
import { passwordProblem } from "../auth/password-policy";
import { conflict, invalid } from "../errors";
import { consumeInvitation, parseInvitationToken } from "../invitations/invitation-token";
import { insertTeamWithOwner, ZTeamName, type TCreatedTeam } from "../teams/create-team";
import { ZEmail, ZPasswordInput, ZPersonName } from "./schemas";

export const ZSignUpInput = z.object({
  name: ZPersonName,
  email: ZEmail,
  password: ZPasswordInput,
  teamName: ZTeamName.optional(),
  invitationToken: z.string().max(200).optional(),
});
export type TSignUpInput = z.input<typeof ZSignUpInput>;

async function assertEmailFree(email: string) {
  const existing = await db().user.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw conflict("An account with this email already exists. Sign in, or reset your password.", "email");
}

/**
 * Creates the user and, in the same transaction, either their own team (as OWNER) or the
 * membership an invitation grants. Returns the team to land on.
 */
export async function signUp(raw: TSignUpInput): Promise<{ userId: string; team: TCreatedTeam }> {
  const input = ZSignUpInput.parse(raw);
  const problem = passwordProblem(input.password, { email: input.email, name: input.name });
  if (problem) throw invalid("password", problem);
  await assertEmailFree(input.email);
  const passwordHash = await hashPassword(input.password);

  const create = async (tx: TTx) => {
    try {
      return await tx.user.create({ data: { email: input.email, name: input.name, passwordHash }, select: { id: true } });
    } catch (e) {
      if ((e as { code?: string }).code === "P2002") throw conflict("An account with this email already exists. Sign in, or reset your password.", "email");
      throw e;
    }
  };

  if (input.invitationToken) {
    const parsed = parseInvitationToken(input.invitationToken);
    return withTeam(parsed.teamId, async (tx) => {
      const user = await create(tx);
      const team = await consumeInvitation(tx, parsed, { id: user.id, email: input.email });
      return { userId: user.id, team };
    });
  }

  const teamId = randomUUID();
  const teamName = input.teamName ?? `${input.name.split(/\s+/)[0]}'s team`;
  return withTeam(teamId, async (tx) => {
    const user = await create(tx);
    const team = await insertTeamWithOwner(tx, teamId, teamName, user.id);
    return { userId: user.id, team };
  });
}
