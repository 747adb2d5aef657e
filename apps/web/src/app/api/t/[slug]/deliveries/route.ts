import { listTeamDeliveries } from "@crm/core";
import { apiError, teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/** One page of the team's emails (owners and admins), newest first; ?failed=1 for failed ones only. */
export const GET = teamRoute(async (req, { team }) => {
  const params = new URL(req.url).searchParams;
  const cursor = params.get("cursor") ?? undefined;
  if (cursor !== undefined && (cursor.length === 0 || cursor.length > 500)) return apiError(400, "VALIDATION", "cursor: use the nextCursor of the previous page.");
  const rawLimit = params.get("limit");
  if (rawLimit !== null && !/^\d{1,3}$/.test(rawLimit)) return apiError(400, "VALIDATION", "limit must be a whole number from 1 to 100.");
  const page = await listTeamDeliveries(team, { cursor, limit: rawLimit === null ? undefined : Number(rawLimit), failedOnly: params.get("failed") === "1" });
  return Response.json(page, { headers: NO_STORE });
});
