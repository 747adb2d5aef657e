import { recordOutcome } from "@crm/core";
import { errorResponse, teamRoute } from "@/lib/route";
import { jsonBody, noStore, refusalResponse } from "@/features/removals/route-helpers";

// "Removed" / "Couldn't find them" / "Keep after all" from the session page. The budget is
// enforced in core (in Postgres); a refusal is a 429 naming the limit and when the next is allowed.
// Same-origin is checked by server.mjs, like every API mutation. Idempotent: a repeat answers 200
// with duplicate: true.
export const dynamic = "force-dynamic";

export const POST = teamRoute<{ slug: string; itemId: string }>(async (req, { team, params }) => {
  const body = await jsonBody(req);
  if (body instanceof Response) return body;
  try {
    const result = await recordOutcome(team, params.itemId, { outcome: body.outcome });
    return Response.json(result, { headers: noStore });
  } catch (e) {
    return refusalResponse(e) ?? errorResponse(e);
  }
});
