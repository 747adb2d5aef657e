// Issue 15 items 3, 6, 7, 8: sign-in limits that cannot lock the owner out, the password policy
// on every path, sign-up without account discovery, and quotas on emails strangers can trigger.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { db } from "@crm/db";
import { createInvitation } from "../invitations/invitations";
import { deliverLatestTo, latestOutboxFor, rejectionOf, signUpUser, startTestEnv, stopTestEnv, strongPassword, uniqueEmail } from "../testing/setup";
import { registerAccount } from "../users/register-account";
import { signUp } from "../users/sign-up";
import { authenticate } from "./authenticate";
import { changePassword } from "./change-password";
import { resetLoginLimitersForTests } from "./login-rate-limit";
import { requestPasswordReset, resetPassword } from "./password-reset";
import { createSession } from "./sessions";

const uniqueIp = () => `10.${[1, 2, 3].map(() => randomBytes(1)[0]!).join(".")}`;
const tokenFromLink = (text: string) => /\/reset-password\/([A-Za-z0-9_-]+)/.exec(text)![1]!;

beforeAll(async () => {
  // Only the pair limit and the email quotas are lowered; the account-wide ceiling keeps its default.
  process.env.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP = "3";
  process.env.PASSWORD_RESET_MAX_PER_EMAIL = "3";
  process.env.PASSWORD_RESET_MAX_PER_IP = "5";
  process.env.INVITATIONS_MAX_PER_EMAIL = "2";
  process.env.INVITATIONS_MAX_PER_SENDER = "4";
  delete process.env.LOGIN_MAX_FAILURES_PER_ACCOUNT;
  delete process.env.LOGIN_MAX_FAILURES_PER_IP;
  await startTestEnv();
});
afterAll(async () => {
  await stopTestEnv();
});

describe("sign-in limits (OWASP: slow the attacker, never lock the owner out)", () => {
  it("ten failures from ten other IPs do not lock the owner out", async () => {
    const victim = await signUpUser("Victim");
    for (let i = 0; i < 10; i++) expect((await rejectionOf(authenticate({ email: victim.email, password: `guess-${i}`, ip: uniqueIp() }))).code).toBe("INVALID_CREDENTIALS");
    expect((await authenticate({ email: victim.email, password: victim.password, ip: uniqueIp() })).email).toBe(victim.email);
  });

  it("one IP guessing one account is stopped after the pair limit; the owner elsewhere is not", async () => {
    const victim = await signUpUser("Guessed");
    const attacker = uniqueIp();
    for (let i = 0; i < 3; i++) await rejectionOf(authenticate({ email: victim.email, password: `guess-${i}`, ip: attacker }));
    const blocked = await rejectionOf(authenticate({ email: victim.email, password: victim.password, ip: attacker }));
    expect(blocked.code).toBe("RATE_LIMITED");
    expect(blocked.message).toMatch(/Try again in 15 minutes/);
    expect((await authenticate({ email: victim.email, password: victim.password, ip: uniqueIp() })).email).toBe(victim.email);
  });

  it("the account-wide ceiling is cleared by a password reset, so the new password works at once", async () => {
    process.env.LOGIN_MAX_FAILURES_PER_ACCOUNT = "5";
    resetServerEnvForTests();
    resetLoginLimitersForTests();
    try {
      const victim = await signUpUser("Ceiling");
      for (let i = 0; i < 5; i++) await rejectionOf(authenticate({ email: victim.email, password: `guess-${i}`, ip: uniqueIp() }));
      const blocked = await rejectionOf(authenticate({ email: victim.email, password: victim.password, ip: uniqueIp() }));
      expect(blocked.code).toBe("RATE_LIMITED");
      expect(blocked.message).toMatch(/Reset your password to sign in now/);

      await requestPasswordReset({ email: victim.email, ip: uniqueIp() });
      const token = tokenFromLink((await deliverLatestTo(victim.email)).text);
      const fresh = strongPassword();
      await resetPassword({ token, password: fresh });
      expect((await authenticate({ email: victim.email, password: fresh, ip: uniqueIp() })).email).toBe(victim.email);
    } finally {
      delete process.env.LOGIN_MAX_FAILURES_PER_ACCOUNT;
      resetServerEnvForTests();
      resetLoginLimitersForTests();
    }
  });
});

describe("sign-in limits hold against many addresses and parallel bursts", () => {
  const withLimits = async (limits: Record<string, string>, body: () => Promise<void>) => {
    Object.assign(process.env, limits);
    resetServerEnvForTests();
    resetLoginLimitersForTests();
    try {
      await body();
    } finally {
      for (const k of Object.keys(limits)) delete process.env[k];
      process.env.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP = "3";
      resetServerEnvForTests();
      resetLoginLimitersForTests();
    }
  };

  it("counts every IPv6 address of one /64 as one client", async () => {
    const victim = await signUpUser("SixtyFour");
    const net = `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}`;
    for (let i = 1; i <= 3; i++) {
      expect((await rejectionOf(authenticate({ email: victim.email, password: `guess-${i}`, ip: `${net}::${i}` }))).code).toBe("INVALID_CREDENTIALS");
    }
    expect((await rejectionOf(authenticate({ email: victim.email, password: "guess-4", ip: `${net}:ffff:ffff:ffff:ffff` }))).code).toBe("RATE_LIMITED");
    // Another /64 is another client.
    expect((await authenticate({ email: victim.email, password: victim.password, ip: `2001:db8:ffff:${randomBytes(2).toString("hex")}::1` })).email).toBe(victim.email);
  });

  it("30 parallel wrong guesses from one IP against a limit of 10: at most 10 are checked, and the refused ones count nowhere", async () => {
    await withLimits({ LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: "10", LOGIN_MAX_FAILURES_PER_ACCOUNT: "15" }, async () => {
      const victim = await signUpUser("Burst");
      const ip = uniqueIp();
      const codes = await Promise.all(Array.from({ length: 30 }, (_, i) => rejectionOf(authenticate({ email: victim.email, password: `guess-${i}`, ip })).then((e) => e.code)));
      expect(codes.filter((c) => c === "INVALID_CREDENTIALS").length).toBeLessThanOrEqual(10);
      expect(codes.filter((c) => c === "RATE_LIMITED").length).toBeGreaterThanOrEqual(20);
      expect(codes.every((c) => c === "INVALID_CREDENTIALS" || c === "RATE_LIMITED")).toBe(true);
      // The account-wide ceiling (15) saw only the checked guesses, so the owner still gets in.
      expect((await authenticate({ email: victim.email, password: victim.password, ip: uniqueIp() })).email).toBe(victim.email);
    });
  });
});

describe("password policy on every path", () => {
  it("sign-up, change and reset refuse guessable passwords and ones built from the name", async () => {
    for (const weak of ["aaaaaaaa", "abcdefgh", "qqqqqqqq", "Wanda Weakling"]) {
      const e = await rejectionOf(signUp({ name: "Wanda Weakling", email: uniqueEmail("weak"), password: weak }));
      expect(e, weak).toMatchObject({ code: "VALIDATION", details: { field: "password" } });
    }
    const user = await signUpUser("Policy");
    const session = await createSession(user.userId);
    const change = await rejectionOf(changePassword({ userId: user.userId, sessionId: session, currentPassword: user.password, newPassword: "Policy Person 1" }));
    expect(change).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/name or email/) });
    await requestPasswordReset({ email: user.email, ip: uniqueIp() });
    const token = tokenFromLink((await deliverLatestTo(user.email)).text);
    const reset = await rejectionOf(resetPassword({ token, password: "qqqqqqqq" }));
    expect(reset).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/too easy to guess/) });
  });
});

describe("sign-up without account discovery", () => {
  it("answers the same for a new and a taken address; the email says which", async () => {
    const taken = await signUpUser("Taken");
    const fresh = uniqueEmail("fresh");
    await expect(registerAccount({ name: "Someone Else", email: taken.email, password: strongPassword() })).resolves.toBeUndefined();
    await expect(registerAccount({ name: "Fresh Face", email: fresh, password: strongPassword() })).resolves.toBeUndefined();

    const existed = await deliverLatestTo(taken.email);
    expect(existed.subject).toBe("You already have a Connection CRM account");
    expect(existed.text).toContain("/forgot-password");
    // The existing account is untouched: its password still works.
    expect((await authenticate({ email: taken.email, password: taken.password, ip: uniqueIp() })).email).toBe(taken.email);

    const ready = await deliverLatestTo(fresh);
    expect(ready.subject).toBe("Your Connection CRM account is ready");
    expect(await db().user.count({ where: { email: fresh } })).toBe(1);
  });
});

describe("quotas on emails strangers can trigger", () => {
  it("20 reset requests for one address make at most 3 emails and leave one live link", async () => {
    const user = await signUpUser("Flooded");
    for (let i = 0; i < 20; i++) await requestPasswordReset({ email: user.email, ip: uniqueIp() });
    expect(await db().emailOutbox.count({ where: { to: user.email } })).toBe(3);
    expect(await db().passwordResetToken.count({ where: { userId: user.userId, usedAt: null } })).toBe(1);
  });

  it("one IP asking for resets of many addresses is cut off after its quota (still answering the same)", async () => {
    const users = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((i) => signUpUser(`Sprayed${i}`)));
    const ip = uniqueIp();
    for (const u of users) await expect(requestPasswordReset({ email: u.email, ip })).resolves.toBeUndefined();
    const sent = await Promise.all(users.map((u) => latestOutboxFor(u.email)));
    expect(sent.filter(Boolean)).toHaveLength(5);
  });

  it("invitations are limited per sender and per invited address, with a clear error", async () => {
    const sender = await signUpUser("Spammer");
    for (let i = 0; i < 4; i++) await createInvitation(sender.ctx, { email: uniqueEmail(`target${i}`), role: "MEMBER" });
    const tooMany = await rejectionOf(createInvitation(sender.ctx, { email: uniqueEmail("target5"), role: "MEMBER" }));
    expect(tooMany).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/Too many invitations sent recently.*Try again in \d+ minutes?/) });

    // Per (team, address): one team re-sending to an address is capped...
    const target = uniqueEmail("popular");
    const x = await signUpUser("TeamX");
    await createInvitation(x.ctx, { email: target, role: "MEMBER" });
    await createInvitation(x.ctx, { email: target, role: "MEMBER" });
    expect((await rejectionOf(createInvitation(x.ctx, { email: target, role: "MEMBER" }))).code).toBe("RATE_LIMITED");
    // The subject no longer carries the sender's team name.
    expect((await latestOutboxFor(target))?.subject).toBe("You are invited to join a team on Connection CRM");
  });

  it("a team that spends its quota for an address does not stop another team from inviting it", async () => {
    const target = uniqueEmail("wanted");
    const [x, y] = await Promise.all([signUpUser("HogX"), signUpUser("HogY")]);
    await createInvitation(x.ctx, { email: target, role: "MEMBER" });
    await createInvitation(x.ctx, { email: target, role: "MEMBER" });
    expect((await rejectionOf(createInvitation(x.ctx, { email: target, role: "MEMBER" }))).code).toBe("RATE_LIMITED");
    await expect(createInvitation(y.ctx, { email: target, role: "MEMBER" })).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("one requester asking again and again cannot use up the owner's own resets", async () => {
    const user = await signUpUser("Silenced");
    const attacker = uniqueIp();
    for (let i = 0; i < 10; i++) await requestPasswordReset({ email: user.email, ip: attacker });
    expect(await db().emailOutbox.count({ where: { to: user.email } })).toBeLessThanOrEqual(2);
    const before = await db().emailOutbox.count({ where: { to: user.email } });
    await requestPasswordReset({ email: user.email, ip: uniqueIp() });
    expect(await db().emailOutbox.count({ where: { to: user.email } })).toBe(before + 1);
  });

  it("an invitation refused because the person is already a member spends no quota", async () => {
    const sender = await signUpUser("Careful");
    for (let i = 0; i < 6; i++) expect((await rejectionOf(createInvitation(sender.ctx, { email: sender.email, role: "MEMBER" }))).code).toBe("CONFLICT");
    await expect(createInvitation(sender.ctx, { email: uniqueEmail("fresh"), role: "MEMBER" })).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("requests for an address with no account spend none of its quota", async () => {
    const email = uniqueEmail("later");
    for (let i = 0; i < 5; i++) await requestPasswordReset({ email, ip: uniqueIp() });
    await signUp({ name: "Later Larry", email, password: strongPassword() });
    await requestPasswordReset({ email, ip: uniqueIp() });
    expect((await latestOutboxFor(email))?.subject).toMatch(/reset/i);
  });
});
