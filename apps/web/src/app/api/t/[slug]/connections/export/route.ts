import { connectionsCsv, invalid, parseFilter, type TTeamContext } from "@crm/core";
import { apiError, chunksOf, teamRoute } from "@/lib/route";

// The connections matching the table's filter as a CSV download: GET for the whole filter (a
// link), POST for the ticked rows among them. Ticked ids go in a form body, not the URL: 430 ids
// already made a URL servers refuse (431). The POST is a mutation-shaped request, so server.mjs
// holds it to the same-origin rule (server/same-origin.mjs) like every other.

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_IDS = 5_000;
/** 5,000 ids of 64 characters, comma-separated and form-encoded, with room to spare. */
const BODY_MAX_BYTES = 512 * 1024;

function selectedIds(raw: string | null): string[] | undefined {
  if (raw === null) return undefined;
  const ids = [...new Set(raw.split(",").map((s) => s.trim()).filter(Boolean))];
  if (ids.length === 0 || ids.length > MAX_IDS || !ids.every((id) => ID.test(id))) {
    throw invalid("ids", `“ids” must be a comma-separated list of 1 to ${MAX_IDS} connection ids (this has ${ids.length}).`);
  }
  return ids;
}

/** The form body (application/x-www-form-urlencoded), read up to a cap. */
async function formOf(req: Request): Promise<URLSearchParams | Response> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) return apiError(415, "UNSUPPORTED_MEDIA", "Post the selection as a form (application/x-www-form-urlencoded) with “ids”.");
  if (Number(req.headers.get("content-length") ?? 0) > BODY_MAX_BYTES) return apiError(413, "PAYLOAD_TOO_LARGE", `The selection is too large: export at most ${MAX_IDS} ticked rows, or export the whole filter.`);
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunksOf(req.body)) {
    size += chunk.byteLength;
    if (size > BODY_MAX_BYTES) return apiError(413, "PAYLOAD_TOO_LARGE", `The selection is too large: export at most ${MAX_IDS} ticked rows, or export the whole filter.`);
    parts.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(parts).toString("utf8"));
}

async function csvResponse(req: Request, team: TTeamContext, ids: string[] | undefined): Promise<Response> {
  const { filter, errors } = parseFilter(new URL(req.url).searchParams);
  const first = errors[0];
  if (first) return apiError(400, "VALIDATION", `The filter's “${first.param}” is not valid: ${first.message}`);
  const chunks = connectionsCsv(team, filter, { ids });
  // The header and the first batch are read before answering, so a failure (another team's ICP id,
  // say) is a JSON error rather than a broken file.
  const ready: string[] = [];
  for (let i = 0; i < 2; i++) {
    const next = await chunks.next();
    if (next.done) break;
    ready.push(next.value);
  }
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of ready) controller.enqueue(encoder.encode(c));
    },
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="connections-${team.slug}-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

/** Every row matching the filter in the query string (a few ids in `ids` still work, for old links). */
export const GET = teamRoute(async (req, { team }) => csvResponse(req, team, selectedIds(new URL(req.url).searchParams.get("ids"))));

/** The ticked rows among those matching the filter in the query string: `ids` in the form body. */
export const POST = teamRoute(async (req, { team }) => {
  const form = await formOf(req);
  if (form instanceof Response) return form;
  return csvResponse(req, team, selectedIds(form.get("ids") ?? ""));
});
