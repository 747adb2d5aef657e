import { retryDelivery } from "@crm/core";
import { teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

/**
 * Sends a failed email of this team again (owners and admins). No body: the id is in the path, and
 * an id of another team's email is "not found" (retryDelivery names the team in its query).
 */
export const POST = teamRoute<{ slug: string; outboxId: string }>(async (_req, { team, params }) => {
  const delivery = await retryDelivery(team, params.outboxId);
  return Response.json({ delivery }, { headers: { "Cache-Control": "no-store" } });
});
