import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@crm/db";
import { latestOutboxFor, deliverLatestTo, ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, strongPassword, uniqueEmail, type TSmtpInbox } from "../testing/setup";
import { authenticate } from "./authenticate";
import { checkPasswordResetToken, requestPasswordReset, resetPassword } from "./password-reset";
import { createSession, getSessionUser } from "./sessions";
import { hashToken } from "./tokens";

let inbox: TSmtpInbox;
beforeAll(async () => {
  inbox = await startTestEnv();
});
afterAll(async () => {
  await stopTestEnv();
});

const uniqueIp = () => `10.${[1, 2, 3].map(() => randomBytes(1)[0]!).join(".")}`;

function tokenFromLink(text: string): string {
  const m = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(text);
  if (!m) throw new Error(`no reset link in: ${text}`);
  return m[1]!;
}

/** Requests a reset for `email`, delivers the email over SMTP and returns the link's token. */
async function resetTokenFor(email: string): Promise<string> {
  await requestPasswordReset({ email, ip: uniqueIp() });
  const mail = await deliverLatestTo(email);
  expect(mail.subject).toBe("Reset your Connection CRM password");
  return tokenFromLink(mail.text);
}

describe("password reset", () => {
  it("for an unknown email resolves without creating or sending anything", async () => {
    const email = uniqueEmail("nobody");
    await expect(requestPasswordReset({ email, ip: uniqueIp() })).resolves.toBeUndefined();
    expect(await latestOutboxFor(email)).toBeNull();
    expect(inbox.receivedFor(email)).toEqual([]);
    expect(await db().user.findUnique({ where: { email } })).toBeNull();
  });

  it("rejects a malformed email", async () => {
    expect((await rejectionOf(requestPasswordReset({ email: "not-an-email", ip: uniqueIp() }))).code).toBe("VALIDATION");
  });

  it("emails a link that resets the password once and ends every session", async () => {
    const user = await signUpUser("Resetter");
    const s1 = await createSession(user.userId);
    const s2 = await createSession(user.userId);

    await requestPasswordReset({ email: user.email.toUpperCase(), ip: uniqueIp() });
    const row = await latestOutboxFor(user.email);
    expect(row?.to).toBe(user.email);
    const mail = await deliverLatestTo(user.email);
    expect(mail.to).toEqual([user.email]);
    expect(mail.subject).toBe("Reset your Connection CRM password");
    expect(mail.text).toContain("Hi Resetter Person");
    expect(mail.text).toMatch(/http:\/\/localhost:3000\/reset-password\/[A-Za-z0-9_-]{43}/);
    const token = tokenFromLink(mail.text);

    const stored = await db().passwordResetToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(stored.userId).toBe(user.userId);
    expect(stored.usedAt).toBeNull();

    expect(await checkPasswordResetToken(token)).toEqual({ email: user.email });

    const weak = await rejectionOf(resetPassword({ token, password: "password123" }));
    expect(weak.code).toBe("VALIDATION");
    expect(weak.message).toContain("commonly used");
    // A refused attempt does not use up the link.
    expect(await checkPasswordResetToken(token)).toEqual({ email: user.email });

    const newPassword = strongPassword();
    expect(await resetPassword({ token, password: newPassword })).toEqual({ email: user.email });

    const ip = uniqueIp();
    const oldLogin = await rejectionOf(authenticate({ email: user.email, password: user.password, ip }));
    expect(oldLogin.code).toBe("INVALID_CREDENTIALS");
    expect(await authenticate({ email: user.email, password: newPassword, ip })).toEqual({ id: user.userId, email: user.email, name: user.name });

    expect(await db().session.count({ where: { userId: user.userId } })).toBe(0);
    expect(await getSessionUser(s1)).toBeNull();
    expect(await getSessionUser(s2)).toBeNull();

    const reuse = await rejectionOf(resetPassword({ token, password: strongPassword() }));
    expect(reuse.code).toBe("GONE");
    expect((await rejectionOf(checkPasswordResetToken(token))).code).toBe("GONE");
    // The second attempt did not change the password.
    expect((await authenticate({ email: user.email, password: newPassword, ip: uniqueIp() })).id).toBe(user.userId);
  });

  it("only the newest link is live: asking again retires the earlier one", async () => {
    const user = await signUpUser("TwoLinks");
    await requestPasswordReset({ email: user.email, ip: uniqueIp() });
    const first = await db().passwordResetToken.findMany({ where: { userId: user.userId } });
    expect(first).toHaveLength(1);
    const token = await resetTokenFor(user.email); // delivers the latest (second) request
    expect(await db().passwordResetToken.count({ where: { userId: user.userId, usedAt: null } })).toBe(1);
    expect(await db().passwordResetToken.count({ where: { userId: user.userId, id: first[0]!.id, usedAt: null } })).toBe(0);
    await resetPassword({ token, password: strongPassword() });
    expect(await db().passwordResetToken.count({ where: { userId: user.userId, usedAt: null } })).toBe(0);
  });

  it("refuses an expired link", async () => {
    const user = await signUpUser("Expired");
    const token = await resetTokenFor(user.email);
    const updated = await ownerQuery(`UPDATE "PasswordResetToken" SET "expiresAt" = now() - interval '1 minute' WHERE "tokenHash" = $1 RETURNING id`, [hashToken(token)]);
    expect(updated).toHaveLength(1);
    expect((await rejectionOf(checkPasswordResetToken(token))).code).toBe("GONE");
    const err = await rejectionOf(resetPassword({ token, password: strongPassword() }));
    expect(err.code).toBe("GONE");
    expect(err.message).toContain("expired");
    // The old password still works.
    expect((await authenticate({ email: user.email, password: user.password, ip: uniqueIp() })).id).toBe(user.userId);
  });

  it("refuses an unknown token", async () => {
    const bogus = randomBytes(32).toString("base64url");
    expect((await rejectionOf(checkPasswordResetToken(bogus))).code).toBe("GONE");
    expect((await rejectionOf(resetPassword({ token: bogus, password: strongPassword() }))).code).toBe("GONE");
  });
});
