import { getRemovalSession } from "@crm/core";
import { teamRoute } from "@/lib/route";
import { noStore } from "@/features/removals/route-helpers";

export const dynamic = "force-dynamic";

/**
 * Today's removal session of one account (TRemovalSession): the page reloads it after each outcome
 * and when a wait ends. serverNow lets the page count down on the server's clock, not the browser's.
 */
export const GET = teamRoute<{ slug: string; accountId: string }>(async (_req, { team, params }) => {
  const session = await getRemovalSession(team, params.accountId);
  return Response.json({ session, serverNow: new Date().toISOString() }, { headers: noStore });
});
