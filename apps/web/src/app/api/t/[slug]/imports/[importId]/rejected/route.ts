import { rejectedRowsCsv } from "@crm/core";
import { teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

/** Every rejected row with line, field and reason, plus its original fields, to fix and re-upload. */
export const GET = teamRoute<{ slug: string; importId: string }>(async (_req, { team, params }) => {
  const csv = await rejectedRowsCsv(team, params.importId);
  const safeId = params.importId.replace(/[^A-Za-z0-9_-]/g, "");
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="rejected-rows-${safeId}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
