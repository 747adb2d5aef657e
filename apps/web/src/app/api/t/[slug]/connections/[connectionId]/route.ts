import { getConnection } from "@crm/core";
import { teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

/** One connection with history, notes and scores: what the drawer shows. */
export const GET = teamRoute<{ slug: string; connectionId: string }>(async (_req, { team, params }) => {
  const detail = await getConnection(team, params.connectionId);
  return Response.json(detail, { headers: { "Cache-Control": "no-store" } });
});
