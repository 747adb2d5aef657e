import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { db, disconnectDb } from "@crm/db";
import { prepareTestDatabase } from "@crm/db/testing";
import { closeProducerRedis, closeQueues } from "@crm/jobs";
import { DomainError } from "../errors";
import { signUp } from "../users/sign-up";
import { authenticate } from "./authenticate";
import { changePassword } from "./change-password";
import { resetLoginLimitersForTests } from "./login-rate-limit";
import { createSession, getSessionUser } from "./sessions";

const PASSWORD = "Grüße aus Köln, 2026 ✓";
const email = () => `auth-${randomUUID()}@example.test`;
const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

beforeAll(async () => {
  process.env.QUEUE_PREFIX = `{crm-test-${randomUUID()}}`;
  process.env.LOGIN_MAX_FAILURES_PER_ACCOUNT = "3";
  process.env.LOGIN_MAX_FAILURES_PER_IP = "5";
  process.env.LOGIN_WINDOW_SECONDS = "60";
  resetServerEnvForTests();
  resetLoginLimitersForTests();
  await prepareTestDatabase();
});
afterAll(async () => {
  await Promise.all([disconnectDb(), closeQueues(), closeProducerRedis()]);
});

describe("sign-up", () => {
  it("creates the user, a team and an OWNER membership; the password is stored as argon2id", async () => {
    const e = email();
    const r = await signUp({ name: "Ada", email: e.toUpperCase(), password: PASSWORD, teamName: "Ada's Team" });
    expect(r.team.slug).toMatch(/^ada-s-team-[0-9a-f]{6}$/);
    const user = await db().user.findUniqueOrThrow({ where: { email: e } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await codeOf(signUp({ name: "Ada 2", email: e, password: PASSWORD }))).toBe("CONFLICT");
  });
  it("refuses weak passwords with the field named", async () => {
    await expect(signUp({ name: "Bo", email: email(), password: "password1" })).rejects.toMatchObject({ code: "VALIDATION", details: { field: "password" } });
  });
});

describe("authenticate", () => {
  it("accepts the password exactly as typed and nothing else", async () => {
    const e = email();
    await signUp({ name: "Cy", email: e, password: PASSWORD });
    await expect(authenticate({ email: ` ${e.toUpperCase()} `, password: PASSWORD, ip: ip() })).resolves.toMatchObject({ email: e });
    // Unicode is not folded: a decomposed "ü" is a different password.
    expect(await codeOf(authenticate({ email: e, password: PASSWORD.normalize("NFD"), ip: ip() }))).toBe("INVALID_CREDENTIALS");
    expect(await codeOf(authenticate({ email: e, password: PASSWORD.trim() + " ", ip: ip() }))).toBe("INVALID_CREDENTIALS");
  });

  it("gives unknown and known emails the same answer in about the same time", async () => {
    const e = email();
    await signUp({ name: "Di", email: e, password: PASSWORD });
    const time = async (who: string) => {
      const t = performance.now();
      const code = await codeOf(authenticate({ email: who, password: "not-the-password", ip: ip() }));
      return { code, ms: performance.now() - t };
    };
    await time(email()); // warm the dummy hash
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      const k = await time(e);
      const u = await time(email());
      expect(k.code).toBe("INVALID_CREDENTIALS");
      expect(u.code).toBe("INVALID_CREDENTIALS");
      known.push(k.ms);
      unknown.push(u.ms);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(known) / median(unknown);
    // Loose bounds: other test files run in parallel. Skipping the hash for unknown emails would
    // make the ratio ~50 (an argon2 verify is ~50 ms, a missed lookup ~1 ms).
    expect(ratio).toBeGreaterThan(0.25);
    expect(ratio).toBeLessThan(4);
  });

  it("blocks an account after 3 failures with a retry time, for known and unknown emails alike", async () => {
    const known = email();
    await signUp({ name: "Ed", email: known, password: PASSWORD });
    for (const e of [known, email()]) {
      for (let i = 0; i < 3; i++) expect(await codeOf(authenticate({ email: e, password: "wrong-wrong", ip: ip() }))).toBe("INVALID_CREDENTIALS");
      const blocked = await authenticate({ email: e, password: PASSWORD, ip: ip() }).catch((x: unknown) => x as DomainError);
      expect(blocked).toBeInstanceOf(DomainError);
      expect((blocked as DomainError).code).toBe("RATE_LIMITED");
      expect((blocked as DomainError).message).toMatch(/try again in 1 minute/i);
      expect((blocked as DomainError).details.retryAfterSeconds).toBeGreaterThan(0);
      expect((blocked as DomainError).details.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
  });

  it("a success clears the account's failures", async () => {
    const e = email();
    await signUp({ name: "Flo", email: e, password: PASSWORD });
    const from = ip();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) await codeOf(authenticate({ email: e, password: "wrong-wrong", ip: from }));
      await expect(authenticate({ email: e, password: PASSWORD, ip: ip() })).resolves.toBeTruthy();
    }
  });

  it("blocks an IP after 5 failures across different accounts", async () => {
    const from = ip();
    for (let i = 0; i < 5; i++) await codeOf(authenticate({ email: email(), password: "wrong-wrong", ip: from }));
    expect(await codeOf(authenticate({ email: email(), password: "wrong-wrong", ip: from }))).toBe("RATE_LIMITED");
    expect(await codeOf(authenticate({ email: email(), password: "wrong-wrong", ip: ip() }))).toBe("INVALID_CREDENTIALS");
  });
});

describe("sessions", () => {
  it("a password change ends every other session and keeps the current one", async () => {
    const e = email();
    const { userId } = await signUp({ name: "Gus", email: e, password: PASSWORD });
    const [current, other1, other2] = await Promise.all([createSession(userId), createSession(userId), createSession(userId)]);
    expect(await codeOf(changePassword({ userId, sessionId: current, currentPassword: "nope-nope", newPassword: "another long passphrase" }))).toBe("VALIDATION");
    const r = await changePassword({ userId, sessionId: current, currentPassword: PASSWORD, newPassword: "another long passphrase" });
    expect(r.endedSessions).toBe(2);
    expect(await getSessionUser(current)).toMatchObject({ id: userId });
    expect(await getSessionUser(other1)).toBeNull();
    expect(await getSessionUser(other2)).toBeNull();
    await expect(authenticate({ email: e, password: "another long passphrase", ip: ip() })).resolves.toMatchObject({ id: userId });
  });
  it("an expired session is not a session", async () => {
    const { userId } = await signUp({ name: "Hal", email: email(), password: PASSWORD });
    const sid = await createSession(userId);
    await db().session.update({ where: { id: sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getSessionUser(sid)).toBeNull();
    expect(await getSessionUser(undefined)).toBeNull();
  });
});
