import { getReviewItem } from "@crm/core";
import { teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

/** One review card (TReviewCard): the flow reloads it after an action, an undo or a stale write. */
export const GET = teamRoute<{ slug: string; itemId: string }>(async (_req, { team, params }) => {
  const card = await getReviewItem(team, params.itemId);
  return Response.json({ card }, { headers: { "Cache-Control": "no-store" } });
});
