import { db } from "@crm/db";
import { invalid } from "../errors";
import { hashPassword, verifyPassword } from "./password-hash";
import { passwordProblem } from "./password-policy";
import { revokeUserSessions } from "./sessions";

/** Ends every other session of the user; the one making the change stays signed in. */
export async function changePassword(input: { userId: string; sessionId: string; currentPassword: string; newPassword: string }): Promise<{ endedSessions: number }> {
  const user = await db().user.findUniqueOrThrow({ where: { id: input.userId }, select: { passwordHash: true, email: true, name: true } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw invalid("currentPassword", "Your current password is not correct.");
  const problem = passwordProblem(input.newPassword, { email: user.email, name: user.name });
  if (problem) throw invalid("newPassword", problem);
  if (input.newPassword === input.currentPassword) throw invalid("newPassword", "Choose a password different from your current one.");
  await db().user.update({ where: { id: input.userId }, data: { passwordHash: await hashPassword(input.newPassword), passwordChangedAt: new Date() } });
  return { endedSessions: await revokeUserSessions(input.userId, { except: input.sessionId }) };
}
