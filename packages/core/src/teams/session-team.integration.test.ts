import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@crm/db";
import { createSession, getSessionUser } from "../auth/sessions";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { resolveTeamContext } from "./membership";
import { resolveSessionTeam } from "./session-team";

// The one-round-trip session and membership check of every team route and action must answer
// exactly what getSessionUser + resolveTeamContext answer: the same user, the same team and role,
// nobody for an expired or unknown session, no team for another team's slug or a removed member,
// and quoting that holds against hostile session ids and slugs (they are literals in the batch).

let a: TSignedUpUser;
let b: TSignedUpUser;

beforeAll(async () => {
  await startTestEnv();
  a = await signUpUser("SessTeamA");
  b = await signUpUser("SessTeamB");
});
afterAll(async () => {
  await stopTestEnv();
});

/** What the two separate lookups say. */
async function twoStep(sid: string, slug: string) {
  const user = await getSessionUser(sid);
  if (!user) return { user: null, team: null };
  const team = await resolveTeamContext({ userId: user.id, slug }).catch((e: { code?: string }) => {
    if (e.code === "NOT_FOUND") return null;
    throw e;
  });
  return { user, team };
}

describe("resolveSessionTeam", () => {
  it("answers what the session lookup and the membership lookup answer", async () => {
    const sa = await createSession(a.userId);
    const sb = await createSession(b.userId);
    for (const [sid, slug] of [[sa, a.team.slug], [sa, b.team.slug], [sb, b.team.slug], [sb, a.team.slug], [sa, "no-such-team"], [sa, ""]] as const) {
      expect(await resolveSessionTeam(sid, slug), `${sid === sa ? "a" : "b"} in ${slug}`).toEqual(await twoStep(sid, slug));
    }
    expect(await resolveSessionTeam(sa, a.team.slug)).toEqual({ user: { id: a.userId, email: a.email, name: a.name, sessionId: sa }, team: a.ctx });
    // Another team's slug: the user, and no team (the route's 404, not 401).
    expect(await resolveSessionTeam(sa, b.team.slug)).toEqual({ user: expect.objectContaining({ id: a.userId }), team: null });
  });

  it("follows membership changes at once: joining gives the role, removal takes the team away", async () => {
    const sb = await createSession(b.userId);
    const id = `sess-team-${randomBytes(6).toString("hex")}`;
    await ownerQuery(`INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, 'ADMIN')`, [id, a.team.id, b.userId]);
    expect((await resolveSessionTeam(sb, a.team.slug)).team).toEqual({ teamId: a.team.id, slug: a.team.slug, teamName: a.team.name, userId: b.userId, role: "ADMIN" });
    await ownerQuery(`DELETE FROM "Membership" WHERE id = $1`, [id]);
    expect((await resolveSessionTeam(sb, a.team.slug)).team).toBeNull();
    expect((await rejectionOf(resolveTeamContext({ userId: b.userId, slug: a.team.slug }))).code).toBe("NOT_FOUND");
  });

  it("an expired, revoked or unknown session is nobody, whatever the slug", async () => {
    const dead = await createSession(a.userId);
    await db().session.update({ where: { id: dead }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const gone = await createSession(a.userId);
    await db().session.delete({ where: { id: gone } });
    for (const sid of [dead, gone, "", undefined, null, randomBytes(24).toString("base64url")]) {
      expect(await resolveSessionTeam(sid, a.team.slug)).toEqual({ user: null, team: null });
    }
  });

  it("hostile session ids and slugs are values, never SQL", async () => {
    const sa = await createSession(a.userId);
    const slugs = [`${b.team.slug}' OR '1'='1`, "%", "\\'; SET app.user_id = 'x'; --", `${a.team.slug}\\`, "x".repeat(10_000), "\u0000"];
    for (const slug of slugs) {
      expect(await resolveSessionTeam(sa, slug), JSON.stringify(slug.slice(0, 40))).toEqual({ user: expect.objectContaining({ id: a.userId }), team: null });
    }
    for (const sid of [`${sa}' OR '1'='1`, "' OR 1=1 --", `${sa}\\`, "$$; DROP TABLE \"Session\"; --", `${sa}\u0000`]) {
      expect(await resolveSessionTeam(sid, a.team.slug)).toEqual({ user: null, team: null });
    }
    expect((await resolveSessionTeam(sa, a.team.slug)).team?.teamId).toBe(a.team.id);
  });
});
