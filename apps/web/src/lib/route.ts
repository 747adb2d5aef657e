import "server-only";
import { isDomainError, isQueryTimeout, QueryAbortedError, resolveTeamContext, type TSessionUser, type TTeamContext } from "@crm/core";
import { wellFormedParams } from "./route-params";
import { getCurrentUser } from "./session";

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
  // The client went away and its query was cancelled: nobody reads this answer.
  if (e instanceof QueryAbortedError) return apiError(499, "ABORTED", "The request was cancelled.");
  console.error("route handler failed:", e);
  return apiError(500, "INTERNAL", "Something went wrong on our side. Please try again.");
}

type TTeamParams = { slug: string };
type THandler<P extends TTeamParams> = (req: Request, ctx: { team: TTeamContext; user: TSessionUser; params: P }) => Promise<Response>;

export function teamRoute<P extends TTeamParams>(handler: THandler<P>) {
  return async (req: Request, { params }: { params: Promise<P> }): Promise<Response> => {
    try {
      // A malformed segment (%ff, %00) names nothing: the same 404 as a team that does not exist.
      const p = await wellFormedParams(params);
      if (!p) return apiError(404, "NOT_FOUND", "There is nothing at this address.");
      const user = await getCurrentUser();
      if (!user) return apiError(401, "UNAUTHENTICATED", "Your session has ended. Sign in again.");
      const team = await resolveTeamContext({ userId: user.id, slug: p.slug });
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
