import { PASSWORD_RESET_TTL_MINUTES, serverEnv } from "@crm/config";
import { db } from "@crm/db";
import { addToOutbox, publishOutbox } from "@crm/email";
import { DomainError, invalid } from "../errors";
import { ZEmail } from "../users/schemas";
import { hashPassword } from "./password-hash";
import { passwordProblem } from "./password-policy";
import { hashToken, newSecretToken } from "./tokens";

/**
 * Always resolves the same way, whether or not the email has an account (no account discovery).
 * The email is sent by the worker, so the response time does not reveal it either.
 */
export async function requestPasswordReset(input: { email: string }): Promise<void> {
  const parsed = ZEmail.safeParse(input.email);
  if (!parsed.success) throw invalid("email", parsed.error.issues[0]?.message ?? "Enter a valid email address.");
  const user = await db().user.findUnique({ where: { email: parsed.data }, select: { id: true, name: true, email: true } });
  if (!user) return;
  const { token, hash } = newSecretToken();
  const outboxId = await db().$transaction(async (tx) => {
    const row = await tx.passwordResetToken.create({
      data: { userId: user.id, tokenHash: hash, expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MINUTES * 60_000) },
      select: { id: true },
    });
    return addToOutbox(tx, {
      dedupeKey: `password-reset:${row.id}`,
      to: user.email,
      template: { kind: "password-reset", props: { name: user.name, resetUrl: `${serverEnv().APP_URL}/reset-password/${token}`, expiresInMinutes: PASSWORD_RESET_TTL_MINUTES } },
    });
  });
  await publishOutbox(outboxId);
}

const badLink = () => new DomainError("GONE", "This reset link is invalid, expired or already used. Ask for a new one.");

export async function checkPasswordResetToken(token: string): Promise<{ email: string }> {
  const row = await db().passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { usedAt: true, expiresAt: true, user: { select: { email: true } } } });
  if (!row || row.usedAt || row.expiresAt <= new Date()) throw badLink();
  return { email: row.user.email };
}

/** Single use: the token is claimed with a conditional update; every session of the user ends. */
export async function resetPassword(input: { token: string; password: string }): Promise<{ email: string }> {
  const row = await db().passwordResetToken.findUnique({ where: { tokenHash: hashToken(input.token) }, select: { id: true, userId: true, usedAt: true, expiresAt: true, user: { select: { email: true, name: true } } } });
  if (!row || row.usedAt || row.expiresAt <= new Date()) throw badLink();
  const problem = passwordProblem(input.password, { email: row.user.email, name: row.user.name });
  if (problem) throw invalid("password", problem);
  const passwordHash = await hashPassword(input.password);
  await db().$transaction(async (tx) => {
    const claimed = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
    if (claimed.count !== 1) throw badLink();
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash, passwordChangedAt: new Date() } });
    // Other outstanding links for this user die with this one.
    await tx.passwordResetToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: new Date() } });
    // In the same transaction: a new password never coexists with the old sessions.
    await tx.session.deleteMany({ where: { userId: row.userId } });
  });
  return { email: row.user.email };
}
