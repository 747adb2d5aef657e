import { getTeamExport } from "@crm/core";
import { teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

/** The export's status and progress; the data settings page polls it while the worker runs. */
export const GET = teamRoute<{ slug: string; exportId: string }>(async (_req, { team, params }) => {
  const summary = await getTeamExport(team, params.exportId);
  return Response.json(summary, { headers: { "Cache-Control": "no-store" } });
});
