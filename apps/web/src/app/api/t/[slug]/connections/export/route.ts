import { connectionsCsv, invalid, parseFilter } from "@crm/core";
import { apiError, teamRoute } from "@/lib/route";

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_IDS = 5_000;

function selectedIds(raw: string | null): string[] | undefined {
  if (raw === null) return undefined;
  const ids = [...new Set(raw.split(",").map((s) => s.trim()).filter(Boolean))];
  if (ids.length === 0 || ids.length > MAX_IDS || !ids.every((id) => ID.test(id))) {
    throw invalid("ids", `“ids” must be a comma-separated list of 1 to ${MAX_IDS} connection ids.`);
  }
  return ids;
}

/** The connections matching the table's filter (or the ticked ones among them), as a CSV download. */
export const GET = teamRoute(async (req, { team }) => {
  const params = new URL(req.url).searchParams;
  const { filter, errors } = parseFilter(params);
  const first = errors[0];
  if (first) return apiError(400, "VALIDATION", `The filter's “${first.param}” is not valid: ${first.message}`);
  const ids = selectedIds(params.get("ids"));
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
});
