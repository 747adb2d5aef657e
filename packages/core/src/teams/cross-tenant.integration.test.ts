import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MissingTenantError, withTeam } from "@crm/db";
import { createInvitation, listPendingInvitations, revokeInvitation } from "../invitations/invitations";
import { signUp } from "../users/sign-up";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, strongPassword, uniqueEmail, type TSignedUpUser } from "../testing/setup";
import { changeMemberRole, listMembers, removeMember } from "./members";
import { resolveTeamContext } from "./membership";

beforeAll(async () => {
  await startTestEnv();
});
afterAll(async () => {
  await stopTestEnv();
});

/** A's rows as the owner sees them (bypassing RLS), to prove B's calls changed nothing. */
async function snapshotA(teamId: string) {
  const memberships = await ownerQuery(`SELECT id, "userId", role FROM "Membership" WHERE "teamId" = $1 ORDER BY id`, [teamId]);
  const invitations = await ownerQuery(`SELECT id, email, "revokedAt", "acceptedAt" FROM "Invitation" WHERE "teamId" = $1 ORDER BY id`, [teamId]);
  const audit = await ownerQuery<{ n: string }>(`SELECT count(*)::text AS n FROM "AuditLog" WHERE "teamId" = $1`, [teamId]);
  return { memberships, invitations, auditCount: Number(audit[0]!.n) };
}

describe("cross-tenant isolation", () => {
  let a: TSignedUpUser;
  let b: TSignedUpUser;
  let aMemberId: string;
  let aMemberMembershipId: string;
  let aInvitationId: string;
  let aOwnerMembershipId: string;

  beforeAll(async () => {
    a = await signUpUser("TenantA");
    b = await signUpUser("TenantB");
    // A gets a second member and a pending invitation, so there is something to attack.
    const email = uniqueEmail("a-member");
    const inv = await createInvitation(a.ctx, { email, role: "MEMBER" });
    aMemberId = (await signUp({ name: "A Member", email, password: strongPassword(), invitationToken: inv.token })).userId;
    aInvitationId = (await createInvitation(a.ctx, { email: uniqueEmail("a-pending"), role: "ADMIN" })).id;
    const members = await listMembers(a.ctx);
    aMemberMembershipId = members.find((m) => m.userId === aMemberId)!.membershipId;
    aOwnerMembershipId = members.find((m) => m.userId === a.userId)!.membershipId;
  });

  it("B's user cannot resolve A's team", async () => {
    const err = await rejectionOf(resolveTeamContext({ userId: b.userId, slug: a.team.slug }));
    expect(err.code).toBe("NOT_FOUND");
    // Indistinguishable from a team that does not exist.
    const missing = await rejectionOf(resolveTeamContext({ userId: b.userId, slug: `${a.team.slug}-nope` }));
    expect(missing.code).toBe("NOT_FOUND");
    expect(missing.message).toBe(err.message);
    // While A's own user can.
    expect((await resolveTeamContext({ userId: a.userId, slug: a.team.slug })).teamId).toBe(a.team.id);
  });

  it("B's context cannot revoke, re-role or remove A's rows", async () => {
    const before = await snapshotA(a.team.id);
    expect(before.memberships).toHaveLength(2);
    expect(before.invitations).toHaveLength(2);

    expect((await rejectionOf(revokeInvitation(b.ctx, { invitationId: aInvitationId }))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(changeMemberRole(b.ctx, { membershipId: aMemberMembershipId, role: "ADMIN" }))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(changeMemberRole(b.ctx, { membershipId: aOwnerMembershipId, role: "MEMBER" }))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(removeMember(b.ctx, { membershipId: aMemberMembershipId }))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(removeMember(b.ctx, { membershipId: aOwnerMembershipId }))).code).toBe("NOT_FOUND");

    expect(await snapshotA(a.team.id)).toEqual(before);
    expect((await listPendingInvitations(a.ctx)).map((i) => i.id)).toEqual([aInvitationId]);
  });

  it("listMembers for B contains no A users", async () => {
    const list = await listMembers(b.ctx);
    expect(list.map((m) => m.userId)).toEqual([b.userId]);
    expect(list.map((m) => m.userId)).not.toContain(a.userId);
    expect(list.map((m) => m.userId)).not.toContain(aMemberId);
    expect(await listPendingInvitations(b.ctx)).toEqual([]);
  });

  it("withTeam(B) sees none of A's rows, even when asked for them by id", async () => {
    const seen = await withTeam(b.team.id, async (tx) => ({
      membershipsByTeam: await tx.membership.findMany({ where: { teamId: a.team.id } }),
      membershipById: await tx.membership.findUnique({ where: { id: aMemberMembershipId } }),
      invitationsByTeam: await tx.invitation.findMany({ where: { teamId: a.team.id } }),
      invitationById: await tx.invitation.findUnique({ where: { id: aInvitationId } }),
      auditByTeam: await tx.auditLog.findMany({ where: { teamId: a.team.id } }),
      team: await tx.team.findUnique({ where: { id: a.team.id } }),
      allMemberships: await tx.membership.findMany({ select: { teamId: true } }),
      allAudit: await tx.auditLog.findMany({ select: { teamId: true } }),
    }));
    expect(seen.membershipsByTeam).toEqual([]);
    expect(seen.membershipById).toBeNull();
    expect(seen.invitationsByTeam).toEqual([]);
    expect(seen.invitationById).toBeNull();
    expect(seen.auditByTeam).toEqual([]);
    expect(seen.team).toBeNull();
    expect(new Set(seen.allMemberships.map((m) => m.teamId))).toEqual(new Set([b.team.id]));
    expect(seen.allAudit.length).toBeGreaterThan(0);
    expect(new Set(seen.allAudit.map((r) => r.teamId))).toEqual(new Set([b.team.id]));

    // Writes through B's scope cannot touch A's rows either.
    const writes = await withTeam(b.team.id, async (tx) => ({
      inv: await tx.invitation.updateMany({ where: { id: aInvitationId }, data: { revokedAt: new Date() } }),
      del: await tx.membership.deleteMany({ where: { teamId: a.team.id } }),
    }));
    expect(writes).toEqual({ inv: { count: 0 }, del: { count: 0 } });

    // Sanity: the same queries under A's scope do see them.
    const own = await withTeam(a.team.id, async (tx) => ({
      memberships: await tx.membership.count({ where: { teamId: a.team.id } }),
      invitation: await tx.invitation.findUnique({ where: { id: aInvitationId }, select: { revokedAt: true } }),
    }));
    expect(own).toEqual({ memberships: 2, invitation: { revokedAt: null } });
  });

  it("withTeam rejects a missing or malformed team id", async () => {
    await expect(withTeam("", async () => 1)).rejects.toBeInstanceOf(MissingTenantError);
    await expect(withTeam("a' OR 1=1 --", async () => 1)).rejects.toBeInstanceOf(MissingTenantError);
    await expect(withTeam("x".repeat(65), async () => 1)).rejects.toBeInstanceOf(MissingTenantError);
    await expect(withTeam(`${a.team.id} `, async () => 1)).rejects.toThrow("teamId is required for a tenant-scoped unit of work");
  });
});
