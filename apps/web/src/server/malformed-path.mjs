// A path whose segments are not valid percent-encoding (%ff, a cut-off %E0%A4%A) or decode to a
// control character (%00) names nothing. Next fails on the first kind inside its router, before any
// proxy or route code runs, with a bare "Internal Server Error"; so server.mjs answers such a
// request itself, with a 404 like any unknown address. Plain JS for server.mjs; types beside it.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** @param {string} pathname the raw (still percent-encoded) path, without the query */
export function isMalformedPath(pathname) {
  for (const segment of pathname.split("/")) {
    if (!segment.includes("%")) continue;
    let decoded;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return true;
    }
    if (CONTROL.test(decoded)) return true;
  }
  return false;
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page not found</title></head>
<body><main id="main"><h1>Page not found</h1><p>There is nothing at this address.</p><p><a href="/">Go to the start page</a></p></main></body></html>`;

/**
 * Answers a request for a malformed path with a 404 (JSON under /api, a small page elsewhere)
 * and returns true; returns false for every other request.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
export function refuseMalformedPath(req, res) {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  if (!isMalformedPath(path)) return false;
  const api = path.startsWith("/api/");
  res.writeHead(404, { "Content-Type": api ? "application/json" : "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(api ? JSON.stringify({ error: { code: "NOT_FOUND", message: "There is nothing at this address." } }) : PAGE);
  return true;
}
