// What every request needs before Next routes it, done by server.mjs on Node's own request
// object: the CSRF wall for the API and the return path of team pages. This was Next's proxy
// (middleware); running it cost each request a NextRequest, a cloned body and the proxy's own
// pipeline (decision 0014, point 13). `next dev` does not run server.mjs: lib/route.ts then checks
// the origin itself (EDGE_MARK unset).
import { CROSS_ORIGIN_BODY, isSameOrigin, needsOriginCheck } from "./same-origin.mjs";

/** Team pages' own path and query (lib/return-path.ts). Any client-sent copy is removed. */
export const RETURN_PATH_HEADER = "x-crm-return-path";

/** Set by server.mjs: the checks below ran on this request. */
export const EDGE_MARK = Symbol.for("crm.edge-checks");

/** @param {import("node:http").IncomingHttpHeaders} h */
export function nodeHeaders(h) {
  return {
    get(name) {
      const v = h[name];
      return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
    },
  };
}

function decoded(path) {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The path as written and as a router may read it: dot segments resolved, slashes collapsed. */
function pathsOf(target) {
  const raw = target.split("?")[0] ?? "/";
  let resolved = raw;
  try {
    // An origin-form target is appended to a base (a leading "//" stays a path); an absolute-form
    // one ("http://host/path") keeps only its path.
    resolved = new URL(raw.startsWith("/") ? `http://edge.invalid${raw}` : raw).pathname;
  } catch {
    // Not a URL at all: Next answers it with an error; the raw form is checked below anyway.
  }
  const collapsed = resolved.replace(/[\\/]{2,}/g, "/");
  return { resolved, all: [raw, resolved, collapsed].flatMap((p) => [p, decoded(p)]) };
}

/**
 * Paths the wall covers: the whole API, uploads included (Next's proxy had to leave them out: it
 * buffered request bodies; nothing here reads one). Any spelling of the path that reads as an API
 * path counts, so no form Next might route to an API handler slips past.
 */
function isWalled(paths) {
  return paths.some((p) => p.startsWith("/api/"));
}

/**
 * Applies the edge to a request: answers a cross-site API mutation with a 403 and returns true;
 * otherwise marks team pages with their return path and returns false.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {number} hops trusted proxies (X-Forwarded-Host is believed only behind one)
 */
export function applyEdge(req, res, hops) {
  delete req.headers[RETURN_PATH_HEADER];
  const target = req.url ?? "/";
  const { resolved, all } = pathsOf(target);
  if (resolved.startsWith("/t/")) {
    const q = target.indexOf("?");
    req.headers[RETURN_PATH_HEADER] = `${resolved}${q < 0 ? "" : target.slice(q)}`.slice(0, 2000);
  }
  if (!isWalled(all)) return false;
  const headers = nodeHeaders(req.headers);
  if (!needsOriginCheck(req.method ?? "GET", resolved, headers) || isSameOrigin(headers, { hops })) return false;
  res.writeHead(403, { "Content-Type": "application/json", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
  res.end(JSON.stringify(CROSS_ORIGIN_BODY));
  return true;
}
