import { removedPeopleCsv } from "@crm/core";
import { orNotFound, pageParams, requireTeam } from "@/lib/team";

export const dynamic = "force-dynamic";

/**
 * The whole "Removed people" list of one account as CSV (formula-safe, capped in core). A plain
 * link in the browser, so it answers like a page, not like the JSON API: signed out → the sign-in
 * page (requireTeam redirects), another team's or an unknown account → the not-found page.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string; accountId: string }> }): Promise<Response> {
  const { slug, accountId } = await pageParams(params);
  const team = await requireTeam(slug);
  const { fileName, csv } = await orNotFound(removedPeopleCsv(team, accountId));
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
}
