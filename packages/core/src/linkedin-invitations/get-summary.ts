import { withTeam } from "@crm/db";
import { notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { loadInvitationSummary, type TInvitationSummary } from "./summary";
import { withdrawAfterDaysOf } from "./withdraw-after";

/** The account page's invitations summary (the invitations page's banner numbers). */
export async function getInvitationSummary(ctx: TTeamContext, accountId: string, now = new Date()): Promise<TInvitationSummary> {
  return withTeam(ctx.teamId, async (tx) => {
    const account = await tx.linkedInAccount.findFirst({ where: { id: accountId, teamId: ctx.teamId }, select: { id: true } });
    if (!account) throw notFound("This LinkedIn account");
    const settings = await tx.queueSettings.findUnique({ where: { teamId: ctx.teamId }, select: { rules: true } });
    return loadInvitationSummary(tx, ctx.teamId, account.id, withdrawAfterDaysOf(settings?.rules), now);
  }, { interactive: true });
}
