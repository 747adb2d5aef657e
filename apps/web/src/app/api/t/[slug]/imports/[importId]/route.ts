import { getImport } from "@crm/core";
import { teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

/** The import's status and summary; the import page polls it while the worker runs. */
export const GET = teamRoute<{ slug: string; importId: string }>(async (_req, { team, params }) => {
  const summary = await getImport(team, params.importId);
  return Response.json(summary, { headers: { "Cache-Control": "no-store" } });
});
