import { z } from "zod";
import { createReminders, invalid, listReminders, MAX_TARGET_IDS, parseFilter, REMINDER_NOTE_MAX, REMINDER_VIEWS, type TBulkTarget } from "@crm/core";
import { apiError, keysetPageQuery, teamRoute } from "@/lib/route";
import { DATE_MSG, NO_STORE, readJson, ZONE_MSG } from "./read-json";

export const dynamic = "force-dynamic";

/** My reminders: ?view=due|upcoming|done&cursor=&limit= (keyset pages, counts for the tabs). */
export const GET = teamRoute(async (req, { team }) => {
  const params = new URL(req.url).searchParams;
  const view = params.get("view") ?? "due";
  if (!(REMINDER_VIEWS as readonly string[]).includes(view)) return apiError(400, "VALIDATION", `view is one of ${REMINDER_VIEWS.join(", ")}.`);
  const keyset = keysetPageQuery(params);
  if (keyset instanceof Response) return keyset;
  const page = await listReminders(team, { view: view as (typeof REMINDER_VIEWS)[number], ...keyset });
  return Response.json(page, { headers: NO_STORE });
});

// The target: the ticked rows ({ids}) or "all matching" as the connections page's filter query
// string ({filter}), parsed here so the server decides what matching means (as the bulk tag action).
const MAX_BYTES = 512 * 1024; // 5,000 ids of up to 64 characters, quoted
const ZCreate = z
  .object({
    target: z.union([
      z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(MAX_TARGET_IDS) }).strict(),
      z.object({ filter: z.string().max(20_000) }).strict(),
    ]),
    date: z.string({ error: DATE_MSG }).max(10, DATE_MSG),
    timeZone: z.string({ error: ZONE_MSG }).min(1, ZONE_MSG).max(64, ZONE_MSG),
    note: z.string({ error: "The note is text." }).max(REMINDER_NOTE_MAX * 2, `A note has at most ${REMINDER_NOTE_MAX.toLocaleString("en")} characters.`).nullish(),
  })
  .strict();

function targetOf(t: z.infer<typeof ZCreate>["target"]): TBulkTarget {
  if ("ids" in t) return { ids: t.ids };
  const { filter, errors } = parseFilter(t.filter.replace(/^\?/, ""));
  const first = errors[0];
  if (first) throw invalid("target.filter", `The filter has a problem with “${first.param}”: ${first.message}`);
  return { filter };
}

/** "Remind me" for one person, the ticked rows or all matching: {target, date: YYYY-MM-DD, timeZone, note?}. */
export const POST = teamRoute(async (req, { team }) => {
  const body = await readJson(req, ZCreate, MAX_BYTES, `Send { "target": { "ids": [...] } or { "filter": "<query>" }, "date": "YYYY-MM-DD", "timeZone": "Europe/Berlin", "note"?: "…" }.`);
  if (body instanceof Response) return body;
  const result = await createReminders(team, { target: targetOf(body.target), date: body.date, timeZone: body.timeZone, note: body.note ?? null });
  return Response.json(result, { status: 201, headers: NO_STORE });
});
