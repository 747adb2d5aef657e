import { undoOutcome } from "@crm/core";
import { teamRoute } from "@/lib/route";
import { jsonBody, noStore } from "@/features/removals/route-helpers";

// Undo of a session outcome within 10 minutes. For "Removed", linkedInTouched says whether the
// removal already happened on LinkedIn: only an untouched one gives the budget back (core decides).
export const dynamic = "force-dynamic";

export const POST = teamRoute<{ slug: string; outcomeId: string }>(async (req, { team, params }) => {
  const body = await jsonBody(req);
  if (body instanceof Response) return body;
  const result = await undoOutcome(team, params.outcomeId, { linkedInTouched: body.linkedInTouched });
  return Response.json(result, { headers: noStore });
});
