import { unreadNotificationCount } from "@crm/core";
import { teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

/** The bell's figure: how many of my notifications in this team are unread. Polled every ~20 s. */
export const GET = teamRoute(async (_req, { team }) => {
  const count = await unreadNotificationCount(team);
  return Response.json({ count }, { headers: { "Cache-Control": "no-store" } });
});
