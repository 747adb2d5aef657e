import { withTeamRaw } from "@crm/db";
import { notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { ITEM_ID, wakeSnoozed } from "./queue-views";
import { loadCard } from "./review-card";
import type * as T from "./types";

/** One card with everything the one-card flow shows. Another team's id, or a malformed one, is a 404. */
export async function getReviewItem(ctx: TTeamContext, itemId: string): Promise<T.TReviewCard> {
  if (typeof itemId !== "string" || !ITEM_ID.test(itemId)) throw notFound("This review item");
  // The one-card flow reloads a card after every undo and stale write: the lean path, with the
  // claim's generic plans (decision 0011).
  const card = await withTeamRaw(
    ctx.teamId,
    async (tx) => {
      await wakeSnoozed(tx, ctx.teamId);
      return loadCard(tx, ctx, itemId, { last: true });
    },
    { interactive: true, tune: { genericPlans: true } },
  );
  if (!card) throw notFound("This review item");
  return card;
}
