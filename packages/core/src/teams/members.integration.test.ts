import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TRole } from "@crm/config";
import { db, withTeam } from "@crm/db";
import { createSession, getSessionUser } from "../auth/sessions";
import { createInvitation } from "../invitations/invitations";
import { signUp } from "../users/sign-up";
import { rejectionOf, signUpUser, startTestEnv, stopTestEnv, strongPassword, uniqueEmail, uniqueSuffix, type TSignedUpUser } from "../testing/setup";
import { createTeam } from "./create-team";
import { changeMemberRole, listMembers, removeMember } from "./members";
import { listUserTeams, resolveTeamContext, type TTeamContext } from "./membership";

beforeAll(async () => {
  await startTestEnv();
});
afterAll(async () => {
  await stopTestEnv();
});

type TMember = { userId: string; email: string; membershipId: string; ctx: TTeamContext };

/** Invites a new user into `owner`'s team as `role` (ADMIN or MEMBER) and signs them up. */
async function addMember(owner: TSignedUpUser, label: string, role: "ADMIN" | "MEMBER"): Promise<TMember> {
  const email = uniqueEmail(label);
  const { token } = await createInvitation(owner.ctx, { email, role });
  const { userId } = await signUp({ name: `${label} Person`, email, password: strongPassword(), invitationToken: token });
  const ctx = await resolveTeamContext({ userId, slug: owner.team.slug });
  const m = (await listMembers(owner.ctx)).find((x) => x.userId === userId);
  if (!m) throw new Error("member not listed");
  return { userId, email, membershipId: m.membershipId, ctx };
}

async function roleOf(teamId: string, userId: string): Promise<TRole | null> {
  const m = await withTeam(teamId, (tx) => tx.membership.findFirst({ where: { teamId, userId }, select: { role: true } }));
  return m?.role ?? null;
}

async function auditActions(teamId: string, targetId: string) {
  return withTeam(teamId, (tx) =>
    tx.auditLog.findMany({ where: { teamId, targetId }, orderBy: { createdAt: "asc" }, select: { action: true, actorUserId: true, metadata: true } }),
  );
}

describe("team members", () => {
  it("lists members with their roles in join order", async () => {
    const owner = await signUpUser("ListOwner");
    const admin = await addMember(owner, "list-admin", "ADMIN");
    const member = await addMember(owner, "list-member", "MEMBER");
    const list = await listMembers(owner.ctx);
    expect(list.map((m) => ({ userId: m.userId, email: m.email, role: m.role }))).toEqual([
      { userId: owner.userId, email: owner.email, role: "OWNER" },
      { userId: admin.userId, email: admin.email, role: "ADMIN" },
      { userId: member.userId, email: member.email, role: "MEMBER" },
    ]);
    expect(list[0]!.name).toBe("ListOwner Person");
    // Every member sees the same list.
    expect((await listMembers(member.ctx)).map((m) => m.userId)).toEqual(list.map((m) => m.userId));
  });

  it("lets the owner change a role, and records it in the audit log", async () => {
    const owner = await signUpUser("RoleOwner");
    const member = await addMember(owner, "promote-me", "MEMBER");
    await changeMemberRole(owner.ctx, { membershipId: member.membershipId, role: "ADMIN" });
    expect(await roleOf(owner.team.id, member.userId)).toBe("ADMIN");
    expect((await resolveTeamContext({ userId: member.userId, slug: owner.team.slug })).role).toBe("ADMIN");

    const audit = await auditActions(owner.team.id, member.membershipId);
    expect(audit).toEqual([{ action: "member.role_changed", actorUserId: owner.userId, metadata: { from: "MEMBER", to: "ADMIN" } }]);
  });

  it("does not let an ADMIN grant or take away OWNER, nor a MEMBER change roles", async () => {
    const owner = await signUpUser("AdminOwner");
    const admin = await addMember(owner, "admin", "ADMIN");
    const member = await addMember(owner, "member", "MEMBER");
    const ownerMembership = (await listMembers(owner.ctx)).find((m) => m.userId === owner.userId)!;

    const grant = await rejectionOf(changeMemberRole(admin.ctx, { membershipId: member.membershipId, role: "OWNER" }));
    expect(grant.code).toBe("FORBIDDEN");
    const demote = await rejectionOf(changeMemberRole(admin.ctx, { membershipId: ownerMembership.membershipId, role: "MEMBER" }));
    expect(demote.code).toBe("FORBIDDEN");
    const self = await rejectionOf(changeMemberRole(admin.ctx, { membershipId: admin.membershipId, role: "OWNER" }));
    expect(self.code).toBe("FORBIDDEN");
    const byMember = await rejectionOf(changeMemberRole(member.ctx, { membershipId: member.membershipId, role: "ADMIN" }));
    expect(byMember.code).toBe("FORBIDDEN");

    expect(await roleOf(owner.team.id, member.userId)).toBe("MEMBER");
    expect(await roleOf(owner.team.id, owner.userId)).toBe("OWNER");
    expect(await roleOf(owner.team.id, admin.userId)).toBe("ADMIN");

    // An admin may still move someone between ADMIN and MEMBER.
    await changeMemberRole(admin.ctx, { membershipId: member.membershipId, role: "ADMIN" });
    expect(await roleOf(owner.team.id, member.userId)).toBe("ADMIN");
  });

  it("keeps the last owner: cannot be demoted or leave", async () => {
    const owner = await signUpUser("LastOwner");
    const ownerMembership = (await listMembers(owner.ctx))[0]!;
    expect(ownerMembership.userId).toBe(owner.userId);

    const demote = await rejectionOf(changeMemberRole(owner.ctx, { membershipId: ownerMembership.membershipId, role: "ADMIN" }));
    expect(demote.code).toBe("CONFLICT");
    expect(demote.message).toContain("at least one owner");
    const leave = await rejectionOf(removeMember(owner.ctx, { membershipId: ownerMembership.membershipId }));
    expect(leave.code).toBe("CONFLICT");
    expect(leave.message).toContain("last owner");
    expect(await roleOf(owner.team.id, owner.userId)).toBe("OWNER");
  });

  it("with two owners, one can leave (and then the other is the last)", async () => {
    const owner = await signUpUser("TwoOwners");
    const second = await addMember(owner, "co-owner", "ADMIN");
    await changeMemberRole(owner.ctx, { membershipId: second.membershipId, role: "OWNER" });
    const secondCtx = await resolveTeamContext({ userId: second.userId, slug: owner.team.slug });
    expect(secondCtx.role).toBe("OWNER");
    const sessionId = await createSession(owner.userId);

    const ownerMembership = (await listMembers(owner.ctx)).find((m) => m.userId === owner.userId)!;
    expect(await removeMember(owner.ctx, { membershipId: ownerMembership.membershipId })).toEqual({ removedSelf: true });
    expect(await roleOf(owner.team.id, owner.userId)).toBeNull();
    await expect(resolveTeamContext({ userId: owner.userId, slug: owner.team.slug })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Leaving does not sign you out everywhere.
    expect((await getSessionUser(sessionId))?.id).toBe(owner.userId);
    expect(await auditActions(owner.team.id, owner.userId)).toEqual([{ action: "member.left", actorUserId: owner.userId, metadata: {} }]);

    const leave = await rejectionOf(removeMember(secondCtx, { membershipId: second.membershipId }));
    expect(leave.code).toBe("CONFLICT");
  });

  it("removing a member deletes all their sessions and they lose access", async () => {
    const owner = await signUpUser("Remover");
    const member = await addMember(owner, "removed", "MEMBER");
    const s1 = await createSession(member.userId);
    const s2 = await createSession(member.userId);
    const ownerSession = await createSession(owner.userId);
    expect(await db().session.count({ where: { userId: member.userId } })).toBe(2);

    expect(await removeMember(owner.ctx, { membershipId: member.membershipId })).toEqual({ removedSelf: false });

    expect(await db().session.count({ where: { userId: member.userId } })).toBe(0);
    expect(await getSessionUser(s1)).toBeNull();
    expect(await getSessionUser(s2)).toBeNull();
    expect((await getSessionUser(ownerSession))?.id).toBe(owner.userId);
    const err = await rejectionOf(resolveTeamContext({ userId: member.userId, slug: owner.team.slug }));
    expect(err.code).toBe("NOT_FOUND");
    expect(await listUserTeams({ userId: member.userId })).toEqual([]);
    expect((await listMembers(owner.ctx)).map((m) => m.userId)).toEqual([owner.userId]);
    expect(await auditActions(owner.team.id, member.userId)).toEqual([{ action: "member.removed", actorUserId: owner.userId, metadata: {} }]);

    // Removing them again: they are gone.
    expect((await rejectionOf(removeMember(owner.ctx, { membershipId: member.membershipId }))).code).toBe("NOT_FOUND");
  });

  it("removing a member settles their unsent notification emails ('daily' and unseen become 'none') and no one else's", async () => {
    const owner = await signUpUser("SettleMail");
    const member = await addMember(owner, "settled", "MEMBER");
    const states = [null, "daily", "instant", "summarized"] as const;
    const insert = (userId: string) =>
      withTeam(owner.team.id, async (tx) => {
        const ids: string[] = [];
        for (const st of states) {
          const [r] = await tx.$queryRaw<Array<{ id: string }>>`
            INSERT INTO "Notification" (id, "teamId", "userId", kind, data, "mailState")
            VALUES (gen_random_uuid()::text, ${owner.team.id}, ${userId}, 'mention', '{}'::jsonb, ${st}) RETURNING id`;
          ids.push(r!.id);
        }
        return ids;
      });
    const mine = await insert(member.userId);
    const owners = await insert(owner.userId);
    const stateOf = (ids: string[]) =>
      withTeam(owner.team.id, async (tx) => {
        const rows = await tx.notification.findMany({ where: { id: { in: ids } }, select: { id: true, mailState: true } });
        return ids.map((id) => rows.find((r) => r.id === id)!.mailState);
      });
    await removeMember(owner.ctx, { membershipId: member.membershipId });
    expect(await stateOf(mine)).toEqual(["none", "none", "instant", "summarized"]);
    expect(await stateOf(owners)).toEqual([null, "daily", "instant", "summarized"]);
  });

  it("a MEMBER cannot remove someone else", async () => {
    const owner = await signUpUser("NoRemove");
    const a = await addMember(owner, "member-a", "MEMBER");
    const b = await addMember(owner, "member-b", "MEMBER");
    const err = await rejectionOf(removeMember(a.ctx, { membershipId: b.membershipId }));
    expect(err.code).toBe("FORBIDDEN");
    expect(await roleOf(owner.team.id, b.userId)).toBe("MEMBER");
  });

  it("a user in two teams sees both, with the right role in each", async () => {
    const user = await signUpUser("TwoTeams");
    const name = `Second Team ${uniqueSuffix()}`;
    const second = await createTeam({ userId: user.userId, name });
    expect(second.name).toBe(name);
    expect(second.id).not.toBe(user.team.id);

    expect(await listUserTeams({ userId: user.userId })).toEqual([
      { slug: user.team.slug, name: user.team.name, role: "OWNER" },
      { slug: second.slug, name, role: "OWNER" },
    ]);
    const ctx2 = await resolveTeamContext({ userId: user.userId, slug: second.slug });
    expect(ctx2).toEqual({ teamId: second.id, slug: second.slug, teamName: name, userId: user.userId, role: "OWNER" });
    expect((await listMembers(ctx2)).map((m) => m.userId)).toEqual([user.userId]);

    const audit = await withTeam(second.id, (tx) => tx.auditLog.findMany({ select: { action: true, actorUserId: true, targetId: true } }));
    expect(audit).toEqual([{ action: "team.created", actorUserId: user.userId, targetId: second.id }]);
  });
});
