import { listNotifications } from "@crm/core";
import { keysetPageQuery, teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/** One page of my notifications, newest first, for the notifications page's "Load more". */
export const GET = teamRoute(async (req, { team }) => {
  const params = new URL(req.url).searchParams;
  const keyset = keysetPageQuery(params);
  if (keyset instanceof Response) return keyset;
  const page = await listNotifications(team, { ...keyset, unreadOnly: params.get("unread") === "1" });
  return Response.json(page, { headers: NO_STORE });
});
