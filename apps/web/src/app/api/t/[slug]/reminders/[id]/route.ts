import { z } from "zod";
import { actOnReminder, SNOOZE_DAYS_MAX } from "@crm/core";
import { teamRoute } from "@/lib/route";
import { NO_STORE, readJson } from "../read-json";

export const dynamic = "force-dynamic";

const ZAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("done") }).strict(),
  z.object({ action: z.literal("cancel") }).strict(),
  z.object({ action: z.literal("snooze"), days: z.number().int().min(1).max(SNOOZE_DAYS_MAX).optional() }).strict(),
  z.object({ action: z.literal("reschedule"), date: z.string().max(10), timeZone: z.string().min(1).max(64) }).strict(),
]);

/** Done / snooze {days?} / reschedule {date, timeZone} / cancel; answers the reminder as it is now. */
export const PATCH = teamRoute<{ slug: string; id: string }>(async (req, { team, params }) => {
  const body = await readJson(req, ZAction, 4 * 1024, `Send { "action": "done" | "cancel" | "snooze" (+ "days" 1–${SNOOZE_DAYS_MAX}) | "reschedule" (+ "date", "timeZone") }.`);
  if (body instanceof Response) return body;
  const reminder = await actOnReminder(team, params.id, body);
  return Response.json({ reminder }, { headers: NO_STORE });
});
