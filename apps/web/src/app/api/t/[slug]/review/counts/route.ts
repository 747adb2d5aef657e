import { queueCounts } from "@crm/core";
import { apiError, teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

/**
 * The queue's live counts per view (TQueueCounts), for one LinkedIn account (`account`) or all of
 * them. The queue page polls it while visible and after each bulk action. Another team's account
 * id is a 404 (the service looks it up inside the team).
 */
export const GET = teamRoute(async (req, { team }) => {
  const account = new URL(req.url).searchParams.get("account");
  if (account !== null && (account.length === 0 || account.length > 64)) return apiError(400, "VALIDATION", "account must be a LinkedIn account id.");
  const counts = await queueCounts(team, { accountId: account ?? undefined });
  return Response.json(counts, { headers: { "Cache-Control": "no-store" } });
});
