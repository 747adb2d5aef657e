import type { TTx } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { DomainError } from "../errors";
import { hashToken } from "../auth/tokens";

// An invitation link carries "<teamId>.<secret>". The team id is not secret; it lets us look the
// invitation up inside that team's row-level-security scope. Only the secret's hash is stored.

export type TParsedInvitationToken = { teamId: string; tokenHash: string };

const invalidLink = () =>
  new DomainError("NOT_FOUND", "This invitation link is not valid. Check that you copied the whole link, or ask for a new invitation.");

export function parseInvitationToken(token: string): TParsedInvitationToken {
  const m = /^([A-Za-z0-9-]{1,64})\.([A-Za-z0-9_-]{20,100})$/.exec(token.trim());
  if (!m) throw invalidLink();
  return { teamId: m[1]!, tokenHash: hashToken(m[2]!) };
}

export function buildInvitationToken(teamId: string, secret: string): string {
  return `${teamId}.${secret}`;
}

export type TInvitationState = "valid" | "expired" | "accepted" | "revoked";

type TInvitationRow = { id: string; email: string; role: "OWNER" | "ADMIN" | "MEMBER"; expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null };

export function invitationState(inv: TInvitationRow, now = new Date()): TInvitationState {
  if (inv.revokedAt) return "revoked";
  if (inv.acceptedAt) return "accepted";
  if (inv.expiresAt <= now) return "expired";
  return "valid";
}

export function refusalMessage(state: Exclude<TInvitationState, "valid">, teamName: string): string {
  switch (state) {
    case "revoked":
      return `This invitation to ${teamName} was revoked. Ask a team admin for a new one.`;
    case "accepted":
      return `This invitation to ${teamName} has already been used. Sign in to open the team, or ask for a new invitation.`;
    case "expired":
      return `This invitation to ${teamName} has expired. Ask a team admin to send a new one.`;
  }
}

/** Inside withTeam(parsed.teamId): checks the invitation is usable by this user and joins them. */
export async function consumeInvitation(
  tx: TTx,
  parsed: TParsedInvitationToken,
  user: { id: string; email: string },
): Promise<{ id: string; slug: string; name: string }> {
  const inv = await tx.invitation.findUnique({
    where: { teamId_tokenHash: { teamId: parsed.teamId, tokenHash: parsed.tokenHash } },
    select: { id: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, team: { select: { id: true, slug: true, name: true } } },
  });
  if (!inv) throw invalidLink();
  const state = invitationState(inv);
  if (state !== "valid") throw new DomainError("GONE", refusalMessage(state, inv.team.name));
  if (inv.email !== user.email.toLowerCase()) {
    throw new DomainError(
      "FORBIDDEN",
      `This invitation was sent to ${inv.email}, but you are signed in as ${user.email}. Sign out and sign in (or sign up) with ${inv.email}.`,
    );
  }
  // Conditional update: two tabs accepting at once → exactly one wins.
  const claimed = await tx.invitation.updateMany({ where: { id: inv.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date() } });
  if (claimed.count !== 1) throw new DomainError("GONE", refusalMessage("accepted", inv.team.name));
  const existing = await tx.membership.findUnique({ where: { teamId_userId: { teamId: inv.team.id, userId: user.id } } });
  if (!existing) await tx.membership.create({ data: { teamId: inv.team.id, userId: user.id, role: inv.role } });
  await recordAudit(tx, { teamId: inv.team.id, actorUserId: user.id, action: "invitation.accepted", targetType: "invitation", targetId: inv.id, metadata: { role: inv.role } });
  return inv.team;
}
