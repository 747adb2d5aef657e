import { z } from "zod";
import { withTeam, type TTx } from "@crm/db";
import { revokeMemberApiKeys } from "../api-keys/revoke-member-keys";
import { recordAudit } from "../audit/record-audit";
import { revokeUserSessions } from "../auth/sessions";
import { DomainError, forbidden, notFound } from "../errors";
import { roleAtLeast, type TTeamContext } from "./membership";

export async function listMembers(ctx: TTeamContext) {
  const rows = await withTeam(ctx.teamId, (tx) =>
    tx.membership.findMany({
      where: { teamId: ctx.teamId },
      select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ createdAt: "asc" }],
    }),
  );
  return rows.map((r) => ({ membershipId: r.id, userId: r.user.id, name: r.user.name, email: r.user.email, role: r.role, joinedAt: r.createdAt }));
}

async function loadTarget(tx: TTx, ctx: TTeamContext, membershipId: string) {
  const m = await tx.membership.findFirst({ where: { id: membershipId, teamId: ctx.teamId }, select: { id: true, userId: true, role: true } });
  if (!m) throw notFound("This member");
  return m;
}

/** Lock the team's owner rows so two concurrent demotions cannot both pass the last-owner check. */
async function assertNotLastOwner(tx: TTx, teamId: string, message: string) {
  const owners = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Membership" WHERE "teamId" = ${teamId} AND role = 'OWNER' FOR UPDATE`;
  if (owners.length <= 1) throw new DomainError("CONFLICT", message);
}

export const ZChangeRoleInput = z.object({ membershipId: z.string().min(1).max(64), role: z.enum(["OWNER", "ADMIN", "MEMBER"]) });

export async function changeMemberRole(ctx: TTeamContext, raw: z.input<typeof ZChangeRoleInput>): Promise<void> {
  const input = ZChangeRoleInput.parse(raw);
  if (!roleAtLeast(ctx.role, "ADMIN")) throw forbidden("Only owners and admins can change roles.");
  await withTeam(ctx.teamId, async (tx) => {
    const target = await loadTarget(tx, ctx, input.membershipId);
    if (target.role === input.role) return;
    if (ctx.role !== "OWNER" && (target.role === "OWNER" || input.role === "OWNER")) {
      throw forbidden("Only an owner can grant or take away the owner role.");
    }
    if (target.role === "OWNER") await assertNotLastOwner(tx, ctx.teamId, "A team needs at least one owner. Make someone else an owner first.");
    await tx.membership.update({ where: { id: target.id }, data: { role: input.role } });
    await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "member.role_changed", targetType: "membership", targetId: target.id, metadata: { from: target.role, to: input.role } });
  });
}

/**
 * Removing someone (or leaving) ends their sessions so an open tab cannot keep acting, revokes
 * the API keys they created in this team and settles their unsent notification emails.
 */
export async function removeMember(ctx: TTeamContext, input: { membershipId: string }): Promise<{ removedSelf: boolean }> {
  const removed = await withTeam(ctx.teamId, async (tx) => {
    const target = await loadTarget(tx, ctx, input.membershipId);
    const self = target.userId === ctx.userId;
    if (!self && !roleAtLeast(ctx.role, "ADMIN")) throw forbidden("Only owners and admins can remove members.");
    if (!self && target.role === "OWNER" && ctx.role !== "OWNER") throw forbidden("Only an owner can remove another owner.");
    if (target.role === "OWNER") {
      await assertNotLastOwner(tx, ctx.teamId, self ? "You are the last owner: make someone else an owner before you leave." : "A team needs at least one owner.");
    }
    await tx.membership.delete({ where: { id: target.id } });
    // Their notifications stay (a member who rejoins sees them) but are never emailed now: left
    // 'daily' or unseen, the mail sweep would keep finding a summary due for a non-member.
    await tx.$executeRaw`
      UPDATE "Notification" SET "mailState" = 'none'
       WHERE "teamId" = ${ctx.teamId} AND "userId" = ${target.userId} AND ("mailState" = 'daily' OR "mailState" IS NULL)`;
    await revokeMemberApiKeys(tx, { teamId: ctx.teamId, userId: target.userId, actorUserId: ctx.userId, reason: self ? "member_left" : "member_removed" });
    await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: self ? "member.left" : "member.removed", targetType: "user", targetId: target.userId });
    return { userId: target.userId, self };
  });
  if (!removed.self) await revokeUserSessions(removed.userId);
  return { removedSelf: removed.self };
}
