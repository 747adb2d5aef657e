import "server-only";
import { resolveTeamContext, type TTeamContext } from "@crm/core";

// An API key acts with the MEMBER role whatever its creator's (authenticate-api-key.ts: a key never
// manages the team). Deciding a review item is not managing the team, and the issue gives that
// right to the account's owner "or an admin where the team allows it": so the review routes, and
// only they, act with the creator's current role. It reaches decideItem/undoReview (who may
// decide) and the answers' canDecide/canUndo, nothing else.
export async function reviewerContext(ctx: TTeamContext): Promise<TTeamContext> {
  const current = await resolveTeamContext({ userId: ctx.userId, slug: ctx.slug });
  return current.teamId === ctx.teamId ? { ...ctx, role: current.role } : ctx;
}
