import { PASSWORD_RESET_TTL_MINUTES, serverEnv } from "@crm/config";
import { db } from "@crm/db";
import { addToOutbox, publishOutbox } from "@crm/email";
import { DomainError, invalid } from "../errors";
import { ZEmail } from "../users/schemas";
import { clientQuotaKey, takeEmailQuota } from "./email-rate-limit";
import { clearAccountLock } from "./login-rate-limit";
import { hashPassword } from "./password-hash";
import { passwordProblem } from "./password-policy";
import { hashToken, newSecretToken } from "./tokens";

export type TResetRequest = { email: string; ip: string };

/**
 * Checks the input now and returns the rest as `work`, which the caller runs after answering
 * (Next's `after()`), so the response takes the same time whether or not the email has an account,
 * is over its quota, or gets a link. Throws only for a malformed email.
 */
export function prepareResetRequest(input: TResetRequest): { email: string; work: () => Promise<void> } {
  const parsed = ZEmail.safeParse(input.email);
  if (!parsed.success) throw invalid("email", parsed.error.issues[0]?.message ?? "Enter a valid email address.");
  const email = parsed.data;
  return { email, work: () => sendResetLink(email, input.ip.slice(0, 100)) };
}

/** The whole request, awaited (CLI and tests). Same result whether or not the email is known. */
export async function requestPasswordReset(input: TResetRequest): Promise<void> {
  await prepareResetRequest(input).work();
}

// Quotas (docs/operations.md, "Proxies and rate limits"): the requester's, and theirs for this
// address, are counted for every request; the address's own only when it has an account, so
// requests for an address before it signs up spend nothing, and one requester can spend at most
// PASSWORD_RESET_MAX_PER_IP_AND_EMAIL of it. Many requesters together can still use it up for the
// hour: the price of not flooding an inbox. This all runs after answering, so the extra work for a
// known address does not show in the response time.
async function sendResetLink(email: string, ip: string): Promise<void> {
  const requesterWait = await takeEmailQuota([["reset-ip", clientQuotaKey(ip)], ["reset-ip-email", clientQuotaKey(ip, email)]]);
  if (requesterWait !== null) {
    console.warn(`password reset not sent: requester quota reached (retry in ${requesterWait} s)`);
    return;
  }
  const user = await db().user.findUnique({ where: { email }, select: { id: true, name: true, email: true } });
  if (!user) return;
  const addressWait = await takeEmailQuota([["reset-email", email]]);
  if (addressWait !== null) {
    console.warn(`password reset not sent: address quota reached (retry in ${addressWait} s)`);
    return;
  }
  const { token, hash } = newSecretToken();
  const outboxId = await db().$transaction(async (tx) => {
    // Only the newest link is live: asking again retires the earlier ones.
    await tx.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
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
  // Whoever reset the password holds the mailbox: an account-wide sign-in block no longer applies.
  await clearAccountLock(row.user.email);
  return { email: row.user.email };
}
