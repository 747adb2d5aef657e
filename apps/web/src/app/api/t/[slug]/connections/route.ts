import { listConnections, parseFilter } from "@crm/core";
import { apiError, teamRoute } from "@/lib/route";

export const dynamic = "force-dynamic";

/**
 * One page of the connections table as JSON, for "Load more": the same filter language as the
 * page's URL, plus `cursor` (from the previous page) and `limit` (1–200, default 50).
 */
export const GET = teamRoute(async (req, { team }) => {
  const params = new URL(req.url).searchParams;
  const { filter, errors } = parseFilter(params);
  const first = errors[0];
  if (first) return Response.json({ error: { code: "VALIDATION", message: first.message, field: first.param } }, { status: 400, headers: { "Cache-Control": "no-store" } });
  const rawLimit = params.get("limit");
  if (rawLimit !== null && !/^\d{1,3}$/.test(rawLimit)) return apiError(400, "VALIDATION", "limit must be a whole number from 1 to 200.");
  const page = await listConnections(team, filter, { cursor: params.get("cursor") ?? undefined, limit: rawLimit === null ? undefined : Number(rawLimit), signal: req.signal });
  return Response.json(page, { headers: { "Cache-Control": "no-store" } });
});
