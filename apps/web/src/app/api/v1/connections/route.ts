import { listConnections, parseFilter } from "@crm/core";
import { FILTER_PARAM_NAMES, ZConnectionList, ZListParams } from "@/features/api-v1/schemas";
import { ApiError, apiJson, apiV1Route, otherMethods } from "@/lib/api-v1";

const KNOWN = new Set<string>([...FILTER_PARAM_NAMES, "cursor", "limit"]);

// The table's filter language in the query string. Unlike the app (which keeps a stale link
// working by dropping what it cannot read), the API refuses any parameter it cannot read, and any
// it does not know: a typo must not silently widen a script's selection.
export const GET = apiV1Route({ scope: "read" }, async (req, { ctx }) => {
  const params = new URL(req.url).searchParams;
  const unknown = [...new Set(params.keys())].find((k) => !KNOWN.has(k));
  if (unknown !== undefined) throw new ApiError(400, "VALIDATION", `Unknown parameter “${unknown.slice(0, 40)}”. The filter parameters are: ${FILTER_PARAM_NAMES.join(", ")}; and cursor, limit.`, unknown.slice(0, 40));
  const { filter, errors } = parseFilter(params);
  const first = errors[0];
  if (first) throw new ApiError(400, "VALIDATION", first.message, first.param);
  const page = ZListParams.parse({ cursor: params.get("cursor") ?? undefined, limit: params.get("limit") ?? undefined });
  // An id the team does not have (tag, account, icp) is a 404 naming the parameter, not an empty page.
  const result = await listConnections(ctx, filter, { ...page, strictRefs: true, signal: req.signal });
  return apiJson(ZConnectionList, { data: result.rows, nextCursor: result.nextCursor, icp: result.icp });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
