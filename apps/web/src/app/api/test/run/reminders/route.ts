import { z } from "zod";
import { notifyDueReminders, resolveTeamContext } from "@crm/core";
import { testRoute } from "../../test-route";

export const dynamic = "force-dynamic";

/**
 * Runs the due-reminder pass for one team now, on this process's (test) clock: what the worker's
 * reminders.notify job does when the sweep finds the team. Only for a team the caller belongs to.
 */
export const POST = testRoute(z.object({ slug: z.string().min(1).max(100) }).strict(), async ({ slug }, user) => {
  const team = await resolveTeamContext({ userId: user.id, slug });
  const result = await notifyDueReminders(team.teamId);
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
});
