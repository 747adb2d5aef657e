import { z } from "zod";
import { actOnReminder, SNOOZE_DAYS_MAX } from "@crm/core";
import { teamRoute } from "@/lib/route";
import { DATE_MSG, NO_STORE, readJson, ZONE_MSG } from "../read-json";

const SNOOZE_MSG = `Snooze for 1 to ${SNOOZE_DAYS_MAX} days.`;

export const dynamic = "force-dynamic";

const ZAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("done") }).strict(),
  z.object({ action: z.literal("cancel") }).strict(),
  z.object({ action: z.literal("snooze"), days: z.number({ error: SNOOZE_MSG }).int(SNOOZE_MSG).min(1, SNOOZE_MSG).max(SNOOZE_DAYS_MAX, SNOOZE_MSG).optional() }).strict(),
  z.object({ action: z.literal("reschedule"), date: z.string({ error: DATE_MSG }).max(10, DATE_MSG), timeZone: z.string({ error: ZONE_MSG }).min(1, ZONE_MSG).max(64, ZONE_MSG) }).strict(),
]);

/** Done / snooze {days?} / reschedule {date, timeZone} / cancel; answers the reminder as it is now. */
export const PATCH = teamRoute<{ slug: string; id: string }>(async (req, { team, params }) => {
  const body = await readJson(req, ZAction, 4 * 1024, `Send { "action": "done" | "cancel" | "snooze" (+ "days" 1–${SNOOZE_DAYS_MAX}) | "reschedule" (+ "date", "timeZone") }.`);
  if (body instanceof Response) return body;
  const reminder = await actOnReminder(team, params.id, body);
  return Response.json({ reminder }, { headers: NO_STORE });
});
