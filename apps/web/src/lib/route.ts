import "server-only";
import { CONNECTION_LOST_MESSAGE, isConnectionLost, isDomainError, isQueryTimeout, notFound, QueryAbortedError, type TSessionUser, type TTeamContext } from "@crm/core";
import { EDGE_MARK } from "../server/edge.mjs";
import { readCappedText } from "./read-capped";
import { wellFormedParams } from "./route-params";
import { getCurrentUserInTeam } from "./session";
import { crossOriginResponse, isSameOrigin, needsOriginCheck } from "./same-origin";

// Route handlers answer JSON, never a redirect: the session is checked here (401), the team comes
// from the caller's membership (404, the same as for a team that does not exist), and domain
// errors keep their status and message. Anything else is logged and hidden.

export function apiError(status: number, code: string, message: string, headers?: HeadersInit): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export function errorResponse(e: unknown): Response {
  // A validation error names its field (a dotted path) so a form can show it at the right place.
  if (isDomainError(e) && e.details.field) {
    return Response.json({ error: { code: e.code, message: e.message, field: e.details.field } }, { status: e.status, headers: { "Cache-Control": "no-store" } });
  }
  if (isDomainError(e)) {
    const retry = e.details.retryAfterSeconds;
    return apiError(e.status, e.code, e.message, retry ? { "Retry-After": String(retry) } : undefined);
  }
  // An interactive query that ran past QUERY_TIMEOUT_MS (services that do not word it themselves).
  if (isQueryTimeout(e)) return apiError(503, "UNAVAILABLE", "This took too long to load, so we stopped it. Try again in a minute.", { "Retry-After": "60" });
  // The database connection went away under the request (restart, failover, PgBouncer): retryable.
  if (isConnectionLost(e)) return apiError(503, "UNAVAILABLE", CONNECTION_LOST_MESSAGE, { "Retry-After": "1" });
  // The client went away and its query was cancelled: nobody reads this answer.
  if (e instanceof QueryAbortedError) return apiError(499, "ABORTED", "The request was cancelled.");
  console.error("route handler failed:", e);
  return apiError(500, "INTERNAL", "Something went wrong on our side. Please try again.");
}

/**
 * server.mjs holds every API mutation to the same-origin rule (src/server/edge.mjs); `next dev`
 * does not run it, so the wrappers of cookie-authenticated routes apply it themselves there.
 */
export function refuseCrossSiteWithoutEdge(req: Request): Response | null {
  if ((globalThis as Record<symbol, unknown>)[EDGE_MARK] === true) return null;
  return needsOriginCheck(req.method, new URL(req.url).pathname, req.headers) && !isSameOrigin(req) ? crossOriginResponse() : null;
}

type TTeamParams = { slug: string };
type THandler<P extends TTeamParams> = (req: Request, ctx: { team: TTeamContext; user: TSessionUser; params: P }) => Promise<Response>;

export function teamRoute<P extends TTeamParams>(handler: THandler<P>) {
  return async (req: Request, { params }: { params: Promise<P> }): Promise<Response> => {
    const refused = refuseCrossSiteWithoutEdge(req);
    if (refused) return refused;
    try {
      // A malformed segment (%ff, %00) names nothing: the same 404 as a team that does not exist.
      const p = await wellFormedParams(params);
      if (!p) return apiError(404, "NOT_FOUND", "There is nothing at this address.");
      const { user, team } = await getCurrentUserInTeam(p.slug);
      if (!user) return apiError(401, "UNAUTHENTICATED", "Your session has ended. Sign in again.");
      // Not a member: the same answer as for a team that does not exist.
      if (!team) throw notFound("This team");
      return await handler(req, { team, user, params: p });
    } catch (e) {
      return errorResponse(e);
    }
  };
}

/**
 * A web ReadableStream as an async iterable. It only releases the stream when the consumer stops
 * early, so the caller decides what happens to the rest: see settleBody.
 */
export async function* chunksOf(stream: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!stream) return;
  const reader = stream.getReader();
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) return;
      yield r.value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * After a refused upload. Cancelling the body resets the connection, and the browser then sees a
 * network error instead of our message ("this is a PNG, not a CSV"); so a body within the limit is
 * read to its end and dropped. Only an oversized one is cut off.
 */
export async function settleBody(stream: ReadableStream<Uint8Array> | null, keepReading: boolean, maxBytes: number): Promise<void> {
  if (!stream || stream.locked) return;
  const reader = stream.getReader();
  try {
    let seen = 0;
    while (keepReading && seen <= maxBytes) {
      const r = await reader.read();
      if (r.done) return;
      seen += r.value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing left to answer.
  } finally {
    reader.releaseLock();
  }
}

/**
 * A JSON body read with readCappedText: the parsed value, or the 413/400 answer to send. With
 * `empty`, an empty body is that value (routes whose body is optional).
 */
export async function readCappedJson(req: Request, maxBytes: number, msg: { tooLarge: string; notJson: string; empty?: unknown }): Promise<{ body: unknown } | { response: Response }> {
  const text = await readCappedText(req, maxBytes).catch(() => null);
  if (text === null) return { response: apiError(413, "PAYLOAD_TOO_LARGE", msg.tooLarge) };
  if (text.trim() === "" && "empty" in msg) return { body: msg.empty };
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { response: apiError(400, "VALIDATION", msg.notJson) };
  }
}

/** A keyset page's query (?cursor=&limit=, 1 to 100): the values, or the 400 answer to send. */
export function keysetPageQuery(params: URLSearchParams): { cursor?: string; limit?: number } | Response {
  const cursor = params.get("cursor") ?? undefined;
  if (cursor !== undefined && (cursor.length === 0 || cursor.length > 500)) return apiError(400, "VALIDATION", "cursor: use the nextCursor of the previous page.");
  const rawLimit = params.get("limit");
  if (rawLimit !== null && !/^\d{1,3}$/.test(rawLimit)) return apiError(400, "VALIDATION", "limit must be a whole number from 1 to 100.");
  return { cursor, limit: rawLimit === null ? undefined : Number(rawLimit) };
}
