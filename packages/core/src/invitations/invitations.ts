import { z } from "zod";
import { INVITATION_TTL_HOURS, serverEnv } from "@crm/config";
import { db, withTeam } from "@crm/db";
import { addToOutbox, publishOutbox } from "@crm/email";
import { recordAudit } from "../audit/record-audit";
import { takeEmailQuota } from "../auth/email-rate-limit";
import { newSecretToken } from "../auth/tokens";
import { DomainError, conflict, forbidden, notFound } from "../errors";
import { roleAtLeast, type TTeamContext } from "../teams/membership";
import { ZEmail } from "../users/schemas";
import { buildInvitationToken, consumeInvitation, invitationState, parseInvitationToken, refusalMessage, type TInvitationState } from "./invitation-token";

export const ZCreateInvitationInput = z.object({ email: ZEmail, role: z.enum(["ADMIN", "MEMBER"]) });

/** Owners and admins invite; a pending invitation for the same email is replaced (a re-send). */
export async function createInvitation(ctx: TTeamContext, raw: z.input<typeof ZCreateInvitationInput>): Promise<{ id: string; token: string }> {
  if (!roleAtLeast(ctx.role, "ADMIN")) throw forbidden("Only owners and admins can invite teammates.");
  const input = ZCreateInvitationInput.parse(raw);
  // A refusal ("already a member") must not spend the sender's quota: check it first. The same
  // check runs again in the transaction below, where it is authoritative.
  const already = await withTeam(ctx.teamId, (tx) => tx.membership.findFirst({ where: { teamId: ctx.teamId, user: { email: input.email } }, select: { id: true } }));
  if (already) throw conflict(`${input.email} is already a member of this team.`, "email");
  await assertInvitationQuota(ctx.teamId, ctx.userId, input.email);
  const { token: secret, hash } = newSecretToken();
  const token = buildInvitationToken(ctx.teamId, secret);
  const { id, outboxId } = await withTeam(ctx.teamId, async (tx) => {
    const member = await tx.membership.findFirst({ where: { teamId: ctx.teamId, user: { email: input.email } }, select: { id: true } });
    if (member) throw conflict(`${input.email} is already a member of this team.`, "email");
    await tx.invitation.updateMany({ where: { teamId: ctx.teamId, email: input.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    const inv = await tx.invitation.create({
      data: { teamId: ctx.teamId, email: input.email, role: input.role, tokenHash: hash, invitedById: ctx.userId, expiresAt: new Date(Date.now() + INVITATION_TTL_HOURS * 3_600_000) },
      select: { id: true },
    });
    const inviter = await tx.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { name: true } });
    const outboxId = await addToOutbox(tx, {
      dedupeKey: `invitation:${inv.id}`,
      to: input.email,
      template: {
        kind: "invitation",
        props: { teamName: ctx.teamName, inviterName: inviter.name, role: input.role, acceptUrl: `${serverEnv().APP_URL}/invite/${token}`, expiresInHours: INVITATION_TTL_HOURS },
      },
    });
    await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "invitation.created", targetType: "invitation", targetId: inv.id, metadata: { role: input.role } });
    return { id: inv.id, outboxId };
  }, { userId: ctx.userId });
  await publishOutbox(outboxId);
  return { id, token };
}

/**
 * Per sender, and per (team, invited address): invitations are email a stranger receives. Not per
 * address across teams, or anyone who signs up could stop every team from inviting that address.
 */
async function assertInvitationQuota(teamId: string, senderId: string, email: string): Promise<void> {
  const wait = await takeEmailQuota([["invite-sender", senderId], ["invite-email", `${teamId}|${email}`]]);
  if (wait === null) return;
  const minutes = Math.ceil(wait / 60);
  throw new DomainError("RATE_LIMITED", `Too many invitations sent recently (to this address or by you). Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, { field: "email", retryAfterSeconds: wait });
}

export async function revokeInvitation(ctx: TTeamContext, input: { invitationId: string }): Promise<void> {
  if (!roleAtLeast(ctx.role, "ADMIN")) throw forbidden("Only owners and admins can revoke invitations.");
  await withTeam(ctx.teamId, async (tx) => {
    const r = await tx.invitation.updateMany({ where: { id: input.invitationId, teamId: ctx.teamId, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    if (r.count === 0) throw notFound("This invitation");
    await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "invitation.revoked", targetType: "invitation", targetId: input.invitationId });
  });
}

export async function listPendingInvitations(ctx: TTeamContext) {
  return withTeam(ctx.teamId, (tx) =>
    tx.invitation.findMany({
      where: { teamId: ctx.teamId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
      orderBy: { createdAt: "desc" },
    }),
  );
}

export type TInvitationPreview = { teamName: string; email: string; role: string; state: TInvitationState; message: string | null; emailHasAccount: boolean };

/** What the accept page shows before anyone is signed in. Knowing the link is the authorization. */
export async function previewInvitation(token: string): Promise<TInvitationPreview> {
  const parsed = parseInvitationToken(token);
  const inv = await withTeam(parsed.teamId, (tx) =>
    tx.invitation.findUnique({
      where: { teamId_tokenHash: { teamId: parsed.teamId, tokenHash: parsed.tokenHash } },
      select: { id: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, team: { select: { name: true } } },
    }),
  );
  if (!inv) throw new DomainError("NOT_FOUND", "This invitation link is not valid. Check that you copied the whole link, or ask for a new invitation.");
  const state = invitationState(inv);
  const account = await db().user.findUnique({ where: { email: inv.email }, select: { id: true } });
  return { teamName: inv.team.name, email: inv.email, role: inv.role, state, message: state === "valid" ? null : refusalMessage(state, inv.team.name), emailHasAccount: !!account };
}

export async function acceptInvitation(input: { token: string; user: { id: string; email: string } }) {
  const parsed = parseInvitationToken(input.token);
  return withTeam(parsed.teamId, (tx) => consumeInvitation(tx, parsed, input.user));
}
