import { removedPeopleCsv } from "@crm/core";
import { teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

/** The whole "Removed people" list of one account as CSV (formula-safe, capped in core). */
export const GET = teamRoute<{ slug: string; accountId: string }>(async (_req, { team, params }) => {
  const { fileName, csv } = await removedPeopleCsv(team, params.accountId);
  // The name comes from core (label-based); only safe characters go into the header.
  const safe = fileName.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 120) || "removed-people.csv";
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${safe}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
