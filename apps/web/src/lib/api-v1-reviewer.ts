import "server-only";
import type { TRole } from "@crm/config";
import type { TTeamContext } from "@crm/core";

// An API key acts with the MEMBER role whatever its creator's (authenticate-api-key.ts: a key never
// manages the team). Deciding a review item is not managing the team, and the issue gives that
// right to the account's owner "or an admin where the team allows it": so the review routes, and
// only they, act with the creator's current role (read with the key, in the same statement that
// checks the creator is still a member). It reaches decideItem/undoReview (who may decide) and the
// answers' canDecide/canUndo, nothing else.
export function reviewerContext(c: { ctx: TTeamContext; creatorRole: TRole }): TTeamContext {
  return { ...c.ctx, role: c.creatorRole };
}
