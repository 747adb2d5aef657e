import { releaseClaim } from "@crm/core";
import { teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

/** Gives a claimed card back (skipped, or the reviewer left) so a teammate can take it at once. */
export const POST = teamRoute<{ slug: string; itemId: string }>(async (req, { team, params }) => {
  await req.body?.cancel().catch(() => undefined);
  await releaseClaim(team, params.itemId);
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
