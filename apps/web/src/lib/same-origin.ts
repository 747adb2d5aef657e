import { serverEnv } from "@crm/config";
import { CROSS_ORIGIN_BODY, isSameOrigin as sameOriginBy, needsOriginCheck } from "../server/same-origin.mjs";

// The rules live in server/same-origin.mjs (server.mjs applies them to every API request before
// Next sees it); these take a fetch Request and default the trusted hops to the configuration.

export { needsOriginCheck };

/** CSRF wall: see server/same-origin.mjs. `requireOrigin` for server actions. */
export function isSameOrigin(req: { headers: Headers }, opts: { requireOrigin?: boolean; hops?: number } = {}): boolean {
  return sameOriginBy(req.headers, { requireOrigin: opts.requireOrigin, hops: opts.hops ?? serverEnv().TRUSTED_PROXY_HOPS });
}

export function crossOriginResponse(): Response {
  return Response.json(CROSS_ORIGIN_BODY, { status: 403 });
}
