import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@crm/db";
import { createSession, getSessionUser } from "../auth/sessions";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { listUserTeams, resolveTeamContext } from "./membership";

// Security review (issue 13): the session check and the membership lookups moved from Prisma to
// the lean pg path. Same answers as before: expiry to the millisecond whatever the process's zone,
// a removed member or another team's slug is "not found", never someone else's team.

let a: TSignedUpUser;
let b: TSignedUpUser;

beforeAll(async () => {
  await startTestEnv();
  a = await signUpUser("LeanA");
  b = await signUpUser("LeanB");
});
afterAll(async () => {
  await stopTestEnv();
});

describe("getSessionUser on the lean pool", () => {
  it("expires at the stored instant whatever the process's time zone", async () => {
    const tz = process.env.TZ;
    try {
      for (const zone of ["Pacific/Kiritimati", "America/Los_Angeles", "UTC"]) {
        process.env.TZ = zone;
        const live = await createSession(a.userId);
        const dead = await createSession(a.userId);
        await db().session.update({ where: { id: live }, data: { expiresAt: new Date(Date.now() + 60_000) } });
        await db().session.update({ where: { id: dead }, data: { expiresAt: new Date(Date.now() - 1_000) } });
        expect(await getSessionUser(live)).toMatchObject({ id: a.userId, email: a.email, sessionId: live });
        expect(await getSessionUser(dead)).toBeNull();
      }
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it("an id that is not a session, or looks like SQL, is nobody", async () => {
    for (const id of ["", "x", "' OR 1=1 --", randomBytes(24).toString("base64url")]) {
      expect(await getSessionUser(id)).toBeNull();
    }
  });
});

describe("membership lookups on the lean path", () => {
  it("a removed member resolves nothing and lists nothing of that team", async () => {
    const id = `review-${randomBytes(6).toString("hex")}`;
    await ownerQuery(`INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, 'MEMBER')`, [id, a.team.id, b.userId]);
    expect((await resolveTeamContext({ userId: b.userId, slug: a.team.slug })).teamId).toBe(a.team.id);
    expect((await listUserTeams({ userId: b.userId })).map((t) => t.slug)).toEqual([b.team.slug, a.team.slug]);
    await ownerQuery(`DELETE FROM "Membership" WHERE id = $1`, [id]);
    expect((await rejectionOf(resolveTeamContext({ userId: b.userId, slug: a.team.slug }))).code).toBe("NOT_FOUND");
    expect((await listUserTeams({ userId: b.userId })).map((t) => t.slug)).toEqual([b.team.slug]);
  });

  it("another team's slug, a pattern or a malformed user id never resolve", async () => {
    for (const slug of [a.team.slug, a.team.slug.toUpperCase(), "%", `${b.team.slug}' OR '1'='1`]) {
      expect((await rejectionOf(resolveTeamContext({ userId: b.userId, slug }))).code).toBe("NOT_FOUND");
    }
    await expect(resolveTeamContext({ userId: "bad id'", slug: b.team.slug })).rejects.toThrow(/userId/);
    await expect(listUserTeams({ userId: "" })).rejects.toThrow(/userId/);
  });
});
