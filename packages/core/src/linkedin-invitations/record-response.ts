import { z } from "zod";
import { withTeam } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { conflict, forbidden, invalid, notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";

// The owner says what they did with an incoming invitation through the guided link ("I accepted",
// "I ignored", or null to take it back). Only the account's owner, who is the one signed in to it
// on LinkedIn; the next archive verifies an acceptance (status ACCEPTED, docs/decisions/0013).

export const ZInvitationResponseInput = z.object({
  response: z.enum(["accepted", "ignored"], { error: "response must be accepted, ignored or null." }).nullable(),
});
export type TInvitationResponseInput = z.input<typeof ZInvitationResponseInput>;

export type TRecordedResponse = { id: string; response: "accepted" | "ignored" | null; respondedAt: Date | null };

export async function recordInvitationResponse(ctx: TTeamContext, invitationId: string, input: TInvitationResponseInput): Promise<TRecordedResponse> {
  const parsed = ZInvitationResponseInput.safeParse(input);
  if (!parsed.success) throw invalid("response", parsed.error.issues[0]!.message);
  const { response } = parsed.data;
  if (typeof invitationId !== "string" || invitationId.length === 0 || invitationId.length > 64) throw notFound("This invitation");
  return withTeam(ctx.teamId, async (tx) => {
    const inv = await tx.pendingInvitation.findFirst({
      where: { id: invitationId, teamId: ctx.teamId },
      select: { id: true, direction: true, status: true, response: true, accountId: true, account: { select: { ownerUserId: true, label: true } } },
    });
    if (!inv) throw notFound("This invitation");
    if (inv.account.ownerUserId !== ctx.userId) throw forbidden(`Only the owner of ${inv.account.label} can record what they did with its invitations: they are the one signed in to it on LinkedIn.`);
    if (inv.direction !== "INCOMING") throw invalid("response", "Only a received (incoming) invitation can be accepted or ignored.");
    if (inv.status !== "PENDING") throw conflict("This invitation is no longer pending in your latest export: nothing to record.");
    const respondedAt = response ? new Date() : null;
    await tx.pendingInvitation.updateMany({
      where: { id: inv.id, teamId: ctx.teamId },
      data: { response, respondedAt, respondedById: response ? ctx.userId : null },
    });
    await recordAudit(tx, {
      teamId: ctx.teamId,
      actorUserId: ctx.userId,
      action: "invitation.response",
      targetType: "PendingInvitation",
      targetId: inv.id,
      metadata: { accountId: inv.accountId, response, previous: inv.response },
    });
    return { id: inv.id, response, respondedAt };
  });
}
