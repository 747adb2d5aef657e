import { listNotifications } from "@crm/core";
import { apiError, teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/** One page of my notifications, newest first, for the notifications page's "Load more". */
export const GET = teamRoute(async (req, { team }) => {
  const params = new URL(req.url).searchParams;
  const cursor = params.get("cursor") ?? undefined;
  if (cursor !== undefined && (cursor.length === 0 || cursor.length > 500)) return apiError(400, "VALIDATION", "cursor: use the nextCursor of the previous page.");
  const rawLimit = params.get("limit");
  if (rawLimit !== null && !/^\d{1,3}$/.test(rawLimit)) return apiError(400, "VALIDATION", "limit must be a whole number from 1 to 100.");
  const unreadOnly = params.get("unread") === "1";
  const page = await listNotifications(team, { cursor, limit: rawLimit === null ? undefined : Number(rawLimit), unreadOnly });
  return Response.json(page, { headers: NO_STORE });
});
