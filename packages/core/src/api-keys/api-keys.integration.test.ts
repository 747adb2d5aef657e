import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, withTeam } from "@crm/db";
import { acceptInvitation, createInvitation } from "../invitations/invitations";
import { listMembers, removeMember } from "../teams/members";
import { resolveTeamContext, type TTeamContext } from "../teams/membership";
import { signUp } from "../users/sign-up";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, strongPassword, uniqueEmail, type TSignedUpUser } from "../testing/setup";
import { createApiKey, createApiKeyForTeam, listApiKeys, revokeApiKey } from "./api-keys";
import { authenticateApiKey } from "./authenticate-api-key";
import { hashApiKey } from "./secret";

let a: TSignedUpUser;
let b: TSignedUpUser;

beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("keysA"), signUpUser("keysB")]);
});
afterAll(stopTestEnv);

async function addMember(owner: TSignedUpUser, label: string, role: "ADMIN" | "MEMBER"): Promise<TTeamContext & { membershipId: string }> {
  const email = uniqueEmail(label);
  const { token } = await createInvitation(owner.ctx, { email, role });
  const { userId } = await signUp({ name: `${label} Person`, email, password: strongPassword(), invitationToken: token });
  const ctx = await resolveTeamContext({ userId, slug: owner.team.slug });
  const m = (await listMembers(owner.ctx)).find((x) => x.userId === userId)!;
  return { ...ctx, membershipId: m.membershipId };
}

const rowOf = async (id: string) => (await ownerQuery<{ keyHash: string; prefix: string; lastUsedAt: Date | null; revokedAt: Date | null }>(`SELECT "keyHash", prefix, "lastUsedAt", "revokedAt" FROM "ApiKey" WHERE id = $1`, [id]))[0]!;

describe("API keys", () => {
  it("stores only the SHA-256 of the secret, shows its first 12 characters, and returns the secret once", async () => {
    const key = await createApiKey(a.ctx, { name: "  Nightly sync ", scope: "READ" });
    expect(key.secret).toMatch(/^crm_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({ name: "Nightly sync", scope: "READ", prefix: key.secret.slice(0, 12), createdByName: a.name, lastUsedAt: null, revokedAt: null });
    const row = await rowOf(key.id);
    expect(row.keyHash).toBe(hashApiKey(key.secret));
    expect(row.keyHash).not.toContain(key.secret.slice(4));
    const dump = JSON.stringify(await ownerQuery(`SELECT * FROM "ApiKey" WHERE id = $1`, [key.id]));
    expect(dump).not.toContain(key.secret);

    const listed = (await listApiKeys(a.ctx)).find((k) => k.id === key.id)!;
    expect(Object.keys(listed).sort()).toEqual(["createdAt", "createdByName", "id", "lastUsedAt", "name", "prefix", "revokedAt", "scope"]);
    expect(JSON.stringify(await listApiKeys(a.ctx))).not.toContain(row.keyHash);

    const audit = await withTeam(a.team.id, (tx) => tx.auditLog.findMany({ where: { targetId: key.id }, select: { action: true, actorUserId: true } }));
    expect(audit).toEqual([{ action: "api_key.created", actorUserId: a.userId }]);
  });

  it("refuses a bad name or scope, naming the field", async () => {
    expect(await rejectionOf(createApiKey(a.ctx, { name: "   ", scope: "READ" }))).toMatchObject({ code: "VALIDATION", details: { field: "name" } });
    expect(await rejectionOf(createApiKey(a.ctx, { name: "x".repeat(101), scope: "READ" }))).toMatchObject({ code: "VALIDATION", details: { field: "name" } });
    expect(await rejectionOf(createApiKey(a.ctx, { name: "ok", scope: "ADMIN" as "READ" }))).toMatchObject({ code: "VALIDATION", details: { field: "scope" } });
  });

  it("authenticates a key as its team, acting as its creator with the member role, with its scope", async () => {
    const rw = await createApiKey(a.ctx, { name: "Writer", scope: "READ_WRITE" });
    const auth = await authenticateApiKey(rw.secret);
    expect(auth).toEqual({ keyId: rw.id, scope: "READ_WRITE", creatorRole: "OWNER", ctx: { teamId: a.team.id, slug: a.team.slug, teamName: a.team.name, userId: a.userId, role: "MEMBER" } });
    const ro = await createApiKey(a.ctx, { name: "Reader", scope: "READ" });
    expect((await authenticateApiKey(ro.secret)).scope).toBe("READ");
  });

  it("refuses malformed, unknown and revoked keys as unauthenticated, and revoking is audited once", async () => {
    const key = await createApiKey(a.ctx, { name: "Short-lived", scope: "READ" });
    for (const bad of ["", "nope", key.secret.slice(0, -1), `${key.secret} `]) {
      expect(await rejectionOf(authenticateApiKey(bad)), bad).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/malformed/) });
    }
    const unknown = `${key.secret.slice(0, -1)}${key.secret.endsWith("A") ? "B" : "A"}`;
    expect(await rejectionOf(authenticateApiKey(unknown))).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/not valid/) });

    const { revokedAt } = await revokeApiKey(a.ctx, key.id);
    expect(revokedAt).toBeInstanceOf(Date);
    expect(await rejectionOf(authenticateApiKey(key.secret))).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/revoked/) });
    expect((await revokeApiKey(a.ctx, key.id)).revokedAt).toEqual(revokedAt);
    expect((await listApiKeys(a.ctx)).find((k) => k.id === key.id)?.revokedAt).toEqual(revokedAt);
    const audit = await withTeam(a.team.id, (tx) => tx.auditLog.findMany({ where: { targetId: key.id }, orderBy: { createdAt: "asc" }, select: { action: true } }));
    expect(audit.map((x) => x.action)).toEqual(["api_key.created", "api_key.revoked"]);
  });

  it("updates lastUsedAt at most once a minute per key", async () => {
    const key = await createApiKey(a.ctx, { name: "Busy script", scope: "READ" });
    expect((await rowOf(key.id)).lastUsedAt).toBeNull();
    await authenticateApiKey(key.secret);
    const first = (await rowOf(key.id)).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    for (let i = 0; i < 5; i++) await authenticateApiKey(key.secret);
    expect((await rowOf(key.id)).lastUsedAt).toEqual(first);
    // A minute later (moved back instead of waiting), the next request records the new time.
    await ownerQuery(`UPDATE "ApiKey" SET "lastUsedAt" = now() - interval '61 seconds' WHERE id = $1`, [key.id]);
    const before = (await rowOf(key.id)).lastUsedAt!;
    await authenticateApiKey(key.secret);
    const after = (await rowOf(key.id)).lastUsedAt!;
    expect(after.getTime()).toBeGreaterThan(before.getTime() + 60_000);
    expect((await listApiKeys(a.ctx)).find((k) => k.id === key.id)?.lastUsedAt).toEqual(after);
  });

  it("lets owners and admins manage keys, not members", async () => {
    const admin = await addMember(a, "keys-admin", "ADMIN");
    const member = await addMember(a, "keys-member", "MEMBER");
    const byAdmin = await createApiKey(admin, { name: "Admin's key", scope: "READ" });
    expect(byAdmin.createdByName).toBe("keys-admin Person");
    for (const p of [createApiKey(member, { name: "Mine", scope: "READ" }), listApiKeys(member), revokeApiKey(member, byAdmin.id)]) {
      expect(await rejectionOf(p)).toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await rowOf(byAdmin.id)).revokedAt).toBeNull();
  });

  it("stops working when its creator leaves the team", async () => {
    const admin = await addMember(a, "keys-leaver", "ADMIN");
    const key = await createApiKey(admin, { name: "Leaver's key", scope: "READ_WRITE" });
    expect(await authenticateApiKey(key.secret)).toMatchObject({ ctx: { userId: admin.userId, role: "MEMBER" }, creatorRole: "ADMIN" });
    // The creator's role is read with every request: a demotion reaches the review routes at once.
    await ownerQuery(`UPDATE "Membership" SET role = 'MEMBER' WHERE id = $1`, [admin.membershipId]);
    expect((await authenticateApiKey(key.secret)).creatorRole).toBe("MEMBER");
    await removeMember(a.ctx, { membershipId: admin.membershipId });
    expect(await rejectionOf(authenticateApiKey(key.secret))).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/revoked/) });
    // Belt and braces: a key whose creator's membership is gone some other way is refused too.
    const other = await addMember(a, "keys-vanished", "ADMIN");
    const orphan = await createApiKey(other, { name: "Orphan", scope: "READ" });
    await ownerQuery(`DELETE FROM "Membership" WHERE id = $1`, [other.membershipId]);
    expect(await rejectionOf(authenticateApiKey(orphan.secret))).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/no longer in the team/) });
  });

  it("is revoked (and audited) when its creator is removed or leaves, so re-inviting them does not bring it back", async () => {
    const removed = await addMember(a, "keys-reinvited", "ADMIN");
    const leaver = await addMember(a, "keys-self-leaver", "ADMIN");
    const [k1, k2, other] = [
      await createApiKey(removed, { name: "Removed's key", scope: "READ_WRITE" }),
      await createApiKey(removed, { name: "Removed's second key", scope: "READ" }),
      await createApiKey(leaver, { name: "Leaver's own key", scope: "READ" }),
    ];
    await removeMember(a.ctx, { membershipId: removed.membershipId });
    await removeMember(leaver, { membershipId: leaver.membershipId });
    for (const k of [k1, k2, other]) expect((await rowOf(k.id)).revokedAt, k.name).toBeInstanceOf(Date);

    const audit = await withTeam(a.team.id, (tx) =>
      tx.auditLog.findMany({ where: { targetId: { in: [k1.id, k2.id, other.id] }, action: "api_key.revoked" }, select: { targetId: true, actorUserId: true, metadata: true } }),
    );
    expect(audit).toHaveLength(3);
    expect(audit.find((x) => x.targetId === k1.id)).toMatchObject({ actorUserId: a.userId, metadata: { reason: "member_removed", name: k1.name } });
    expect(audit.find((x) => x.targetId === other.id)).toMatchObject({ actorUserId: leaver.userId, metadata: { reason: "member_left" } });

    // Invited back: the member is in the team again, but the old secret stays dead.
    const email = (await ownerQuery<{ email: string }>(`SELECT email FROM "User" WHERE id = $1`, [removed.userId]))[0]!.email;
    const { token } = await createInvitation(a.ctx, { email, role: "ADMIN" });
    await acceptInvitation({ token, user: { id: removed.userId, email } });
    expect((await listMembers(a.ctx)).some((m) => m.userId === removed.userId)).toBe(true);
    expect(await rejectionOf(authenticateApiKey(k1.secret))).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/revoked/) });
  });

  it("stays dead after a re-invite even when it was never revoked (removed before revocation existed, or mid-creation)", async () => {
    const member = await addMember(a, "keys-prerevocation", "ADMIN");
    const key = await createApiKey(member, { name: "Pre-deploy key", scope: "READ_WRITE" });
    // The state left by removals before keys were revoked on removal: membership gone, key untouched.
    await ownerQuery(`DELETE FROM "Membership" WHERE id = $1`, [member.membershipId]);
    expect((await rowOf(key.id)).revokedAt).toBeNull();
    const email = (await ownerQuery<{ email: string }>(`SELECT email FROM "User" WHERE id = $1`, [member.userId]))[0]!.email;
    const { token } = await createInvitation(a.ctx, { email, role: "ADMIN" });
    await acceptInvitation({ token, user: { id: member.userId, email } });
    expect((await listMembers(a.ctx)).some((m) => m.userId === member.userId)).toBe(true);
    expect(await rejectionOf(authenticateApiKey(key.secret))).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/left the team and rejoined/) });
    // A key made after rejoining works.
    const again = await resolveTeamContext({ userId: member.userId, slug: a.team.slug });
    const fresh = await createApiKey(again, { name: "New key", scope: "READ" });
    expect((await authenticateApiKey(fresh.secret)).ctx.userId).toBe(member.userId);
  });

  it("keeps teams apart: B's owner cannot list or revoke A's keys, and A's key acts only for A", async () => {
    const keyA = await createApiKey(a.ctx, { name: "A only", scope: "READ_WRITE" });
    expect((await listApiKeys(b.ctx)).map((k) => k.id)).not.toContain(keyA.id);
    expect(await rejectionOf(revokeApiKey(b.ctx, keyA.id))).toMatchObject({ code: "NOT_FOUND" });
    expect((await rowOf(keyA.id)).revokedAt).toBeNull();
    // Below the service: B's tenant scope sees no row of A's, and the lookup-by-hash policy that
    // lets a request find its key reads that one row and writes nothing.
    expect(await withTeam(b.team.id, (tx) => tx.apiKey.findMany({ where: { id: keyA.id } }))).toEqual([]);
    const viaLookup = await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.api_key_hash', ${hashApiKey(keyA.secret)}, true)`;
      const seen = await tx.apiKey.findMany({ select: { id: true } });
      const updated = await tx.apiKey.updateMany({ where: { id: keyA.id }, data: { revokedAt: new Date() } });
      return { seen: seen.map((k) => k.id), updated: updated.count };
    });
    expect(viaLookup).toEqual({ seen: [keyA.id], updated: 0 });
    expect((await authenticateApiKey(keyA.secret)).ctx.teamId).toBe(a.team.id);
  });

  it("creates a key for a team by slug for operators, as its first owner", async () => {
    const key = await createApiKeyForTeam(b.team.slug, "READ", "CLI key");
    expect(key).toMatchObject({ scope: "READ", name: "CLI key", createdByName: b.name });
    expect((await authenticateApiKey(key.secret)).ctx).toMatchObject({ teamId: b.team.id, userId: b.userId, role: "MEMBER" });
    expect(await rejectionOf(createApiKeyForTeam("no-such-team-zz", "READ", "x"))).toMatchObject({ code: "NOT_FOUND" });
  });
});
