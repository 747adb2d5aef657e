import { isDomainError, removedPeopleCsv, resolveTeamContext } from "@crm/core";
import { wellFormedParams } from "@/lib/route-params";
import { requireUser } from "@/lib/session";

export const dynamic = "force-dynamic";

// A browser link, not the JSON API: signed out → the sign-in page (requireUser redirects, then
// back to the list); another team's, an unknown or a malformed account → a 404 page in words.
// notFound() cannot render the app's not-found page from a route handler (Next answers an empty
// 404 there), so this says the same thing as app/not-found.tsx in plain HTML.

const NOT_FOUND_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not found</title></head>
<body style="font-family:system-ui,sans-serif;max-width:28rem;margin:20vh auto;padding:0 1rem"><main id="main"><h1>Not found</h1><p>This page does not exist or you do not have access to it.</p><p><a href="/">Go home</a></p></main></body></html>`;

const notFoundPage = () => new Response(NOT_FOUND_HTML, { status: 404, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });

/** The whole "Removed people" list of one account as CSV (formula-safe, capped in core). */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string; accountId: string }> }): Promise<Response> {
  const p = await wellFormedParams(params);
  if (!p) return notFoundPage();
  const user = await requireUser(`/t/${p.slug}/removals/${p.accountId}/removed`);
  let file: { fileName: string; csv: string };
  try {
    const team = await resolveTeamContext({ userId: user.id, slug: p.slug });
    file = await removedPeopleCsv(team, p.accountId);
  } catch (e) {
    if (isDomainError(e) && e.code === "NOT_FOUND") return notFoundPage();
    throw e;
  }
  // The name comes from core (label-based); only safe characters go into the header.
  const safe = file.fileName.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 120) || "removed-people.csv";
  return new Response(file.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${safe}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
