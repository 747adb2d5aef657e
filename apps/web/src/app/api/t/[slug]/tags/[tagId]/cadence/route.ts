import { z } from "zod";
import { CADENCE_DAYS_MAX, setTagCadence } from "@crm/core";
import { teamRoute } from "@/lib/route";
import { NO_STORE, readJson } from "../../../reminders/read-json";

export const dynamic = "force-dynamic";

const ZCadence = z.object({ days: z.number().int().min(1).max(CADENCE_DAYS_MAX).nullable() }).strict();

/** The tag's keep-in-touch cadence: {days: 1–3650} or {days: null} to turn it off (owners and admins). */
export const PUT = teamRoute<{ slug: string; tagId: string }>(async (req, { team, params }) => {
  const body = await readJson(req, ZCadence, 1024, `Send { "days": 1–${CADENCE_DAYS_MAX} } or { "days": null }.`);
  if (body instanceof Response) return body;
  return Response.json(await setTagCadence(team, params.tagId, body.days), { headers: NO_STORE });
});
