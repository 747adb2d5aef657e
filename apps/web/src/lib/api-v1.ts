import "server-only";
import { z } from "zod";
import type { TRole } from "@crm/config";
import { apiKeyRateLimitKey, authenticateApiKey, consumeApiRequest, isBudgetRefused, knownOverLimit, CONNECTION_LOST_MESSAGE, isConnectionLost, isDomainError, type TApiKeyScope, type TRateLimitState, type TTeamContext } from "@crm/core";
import { apiKeyFrom } from "../server/api-key-header.mjs";
import { API_BODY_MAX_BYTES } from "./api-v1-constants";
import { readCappedText } from "./read-capped";
import { wellFormedParams } from "./route-params";

// The REST API's one wrapper (/api/v1). A request is authenticated by a team API key only, never
// by the session cookie, so API routes cannot be driven cross-site by a signed-in browser. Order:
// key present → rate limit (per key) → key valid → scope → handler. Every answer is JSON; errors are
// {error: {code, message, field?}}; every answer to a well-formed key carries its rate-limit
// headers.

export type TApiScope = "read" | "write";

type TParams = Record<string, string>;
export type TApiV1Context<P extends TParams> = { ctx: TTeamContext; keyId: string; keyScope: TApiKeyScope; creatorRole: TRole; params: P };
type THandler<P extends TParams> = (req: Request, c: TApiV1Context<P>) => Promise<Response>;

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly field?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function apiErrorResponse(status: number, code: string, message: string, field?: string, headers?: HeadersInit): Response {
  return Response.json({ error: { code, message, ...(field ? { field } : {}) } }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

function toResponse(e: unknown): Response {
  if (e instanceof ApiError) return apiErrorResponse(e.status, e.code, e.message, e.field);
  if (e instanceof z.ZodError) {
    const issue = e.issues[0]!;
    return apiErrorResponse(400, "VALIDATION", issue.message, issue.path.join(".") || undefined);
  }
  // A "removed" the account's pace does not allow now: which limit, and when the next one is (issue 11).
  if (isBudgetRefused(e)) {
    return Response.json(
      { error: { code: e.limit, message: e.message, nextAllowedAt: e.nextAllowedAt.toISOString() } },
      { status: 429, headers: { "Cache-Control": "no-store", "Retry-After": String(e.details.retryAfterSeconds ?? 1) } },
    );
  }
  if (isDomainError(e)) {
    const headers: Record<string, string> = e.code === "UNAUTHENTICATED" ? { "WWW-Authenticate": 'Bearer error="invalid_token"' } : {};
    return apiErrorResponse(e.status, e.code, e.message, e.details.field, headers);
  }
  // The database connection went away under the request (restart, failover, PgBouncer): retryable.
  if (isConnectionLost(e)) return apiErrorResponse(503, "UNAVAILABLE", CONNECTION_LOST_MESSAGE, undefined, { "Retry-After": "1" });
  console.error("api v1 handler failed:", e);
  return apiErrorResponse(500, "INTERNAL", "Something went wrong on our side. Please try again.");
}

function rateHeaders(r: TRateLimitState): Record<string, string> {
  return { "X-RateLimit-Limit": String(r.limit), "X-RateLimit-Remaining": String(r.remaining), "X-RateLimit-Reset": String(r.resetSeconds) };
}

const SCOPE_GRANTS: Record<TApiKeyScope, TApiScope[]> = { READ: ["read"], READ_WRITE: ["read", "write"] };

export function apiV1Route<P extends TParams = TParams>(opts: { scope: TApiScope }, handler: THandler<P>) {
  return async (req: Request, { params }: { params: Promise<P> }): Promise<Response> => {
    const presented = apiKeyFrom(req.headers);
    if (presented.kind === "missing") {
      return apiErrorResponse(401, "UNAUTHENTICATED", "This API needs a team API key: send it as “Authorization: Bearer <key>”. Owners and admins create keys in team settings.", undefined, { "WWW-Authenticate": "Bearer" });
    }
    if (presented.kind === "bad-scheme") {
      return apiErrorResponse(401, "UNAUTHENTICATED", "The Authorization header must be “Bearer <key>”.", undefined, { "WWW-Authenticate": "Bearer" });
    }
    if (presented.kind === "conflict") {
      return apiErrorResponse(400, "VALIDATION", "Authorization and X-Api-Key carry different keys. Send one key, in one of them.", undefined, { "WWW-Authenticate": 'Bearer error="invalid_request"' });
    }
    let limit: TRateLimitState | undefined;
    let res: Response;
    try {
      // Counted while the key is looked up (one round trip less), except for a key this process
      // saw over its limit: its flood costs Redis, not the database (api-rate-limit.ts).
      // A refusal answers at once, without waiting for the lookup (whose outcome is then unused).
      const rateKey = apiKeyRateLimitKey(presented.key);
      const lookup = rateKey === null || !knownOverLimit(rateKey) ? authenticateApiKey(presented.key) : null;
      lookup?.catch(() => undefined);
      if (rateKey) limit = await consumeApiRequest(rateKey);
      if (limit && !limit.allowed) {
        res = apiErrorResponse(429, "RATE_LIMITED", `This API key made more than ${limit.limit} requests this minute. Wait ${limit.resetSeconds} s and try again.`, undefined, { "Retry-After": String(limit.resetSeconds) });
      } else {
        // Refused a moment ago, allowed now (its window reset): looked up now.
        const auth = await (lookup ?? authenticateApiKey(presented.key));
        // A path segment that is malformed (%ff, %00) is an id that does not exist.
        const p = await wellFormedParams(params);
        res = !SCOPE_GRANTS[auth.scope].includes(opts.scope)
          ? apiErrorResponse(403, "INSUFFICIENT_SCOPE", "This API key is read-only; this request changes data. Use a key with read and write scope.")
          : p
            ? await handler(req, { ctx: auth.ctx, keyId: auth.keyId, keyScope: auth.scope, creatorRole: auth.creatorRole, params: p })
            : apiErrorResponse(404, "NOT_FOUND", "This item does not exist or you do not have access to it.");
      }
    } catch (e) {
      res = toResponse(e);
    }
    if (limit) for (const [k, v] of Object.entries(rateHeaders(limit))) res.headers.set(k, v);
    return res;
  };
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type TMethod = (typeof METHODS)[number];
type TRouteHandler = (req: Request) => Promise<Response>;

/**
 * The methods a route file does not serve, answered in the API's error shape with an `Allow`
 * header (Next's own 405 has neither), and OPTIONS listing only the served ones. A route file
 * spreads them: `export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST")`.
 */
export function otherMethods(...served: TMethod[]): Record<TMethod | "OPTIONS", TRouteHandler> {
  const allow = [...served, ...(served.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse: TRouteHandler = async (req) =>
    apiErrorResponse(405, "METHOD_NOT_ALLOWED", `${req.method} is not supported on ${new URL(req.url).pathname}. Use ${served.join(" or ")}.`, undefined, { Allow: allow });
  const options: TRouteHandler = async () => new Response(null, { status: 204, headers: { Allow: allow } });
  return { ...Object.fromEntries(METHODS.map((m) => [m, refuse])), OPTIONS: options } as Record<TMethod | "OPTIONS", TRouteHandler>;
}

/** A JSON answer shaped by its documented schema: unknown fields are stripped, a wrong shape is our bug (500). */
export function apiJson<S extends z.ZodType>(schema: S, data: z.input<S>, status = 200): Response {
  return Response.json(schema.parse(data), { status, headers: { "Cache-Control": "no-store" } });
}

/** The request's JSON body, validated; every problem is a 400/413/415 naming the field. */
export async function readBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.output<S>> {
  const type = req.headers.get("content-type");
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) throw new ApiError(415, "UNSUPPORTED_MEDIA", "Send the body as JSON (Content-Type: application/json).");
  // Counted as it arrives: a chunked body (no content-length) is refused before it is read whole.
  const text = await readCappedText(req, API_BODY_MAX_BYTES);
  if (text === null) throw new ApiError(413, "PAYLOAD_TOO_LARGE", `The body is larger than ${API_BODY_MAX_BYTES / 1024} KiB.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError(400, "VALIDATION", text.trim() ? "The body is not valid JSON." : "This request needs a JSON body.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // A strict body's unknown key is reported on the object; the key itself is the field at fault.
    const field = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]].join(".") : issue.path.join(".");
    throw new ApiError(400, "VALIDATION", issue.message, field || undefined);
  }
  return parsed.data;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A path id that cannot exist gets the same 404 as one of another team's. */
export function pathId(value: string | undefined, what: string): string {
  if (!value || !ID.test(value)) throw new ApiError(404, "NOT_FOUND", `${what} does not exist or you do not have access to it.`);
  return value;
}
