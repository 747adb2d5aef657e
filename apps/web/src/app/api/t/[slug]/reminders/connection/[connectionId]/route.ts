import { listConnectionReminders } from "@crm/core";
import { teamRoute } from "@/lib/route";
import { NO_STORE } from "../../read-json";

export const dynamic = "force-dynamic";

/** A person's reminders for the drawer (open first, at most 50); the connection detail stays as it is. */
export const GET = teamRoute<{ slug: string; connectionId: string }>(async (_req, { team, params }) => {
  const reminders = await listConnectionReminders(team, params.connectionId);
  return Response.json({ reminders }, { headers: NO_STORE });
});
