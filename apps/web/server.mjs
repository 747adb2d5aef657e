// Production entry of the web app (`npm start`, Playwright): Next's request handler behind a
// plain node:http server, so the client IP comes from the socket and from only as many
// X-Forwarded-For entries as there are trusted proxies (TRUSTED_PROXY_HOPS). With no trusted
// proxy, every forwarded header the client sent is dropped. See
// docs/decisions/0008-client-ip-from-custom-server.md.
import cluster from "node:cluster";
import { createServer } from "node:http";
import { applyEdge, EDGE_MARK } from "./src/server/edge.mjs";
import { applyClientIp, CLIENT_IP_MARK, parseHops } from "./src/server/forwarded.mjs";
import { refuseMalformedPath } from "./src/server/malformed-path.mjs";
import { parseWebProcesses, runPrimary } from "./src/server/processes.mjs";

const hops = parseHops(process.env.TRUSTED_PROXY_HOPS);
// API answers (JSON, mostly 1–50 KB) and server actions' answers (a few hundred bytes) go out
// uncompressed unless API_COMPRESSION=1: gzip cost ~1 ms of this process's CPU per request, a fifth
// of an API request's cost here, for bytes a reverse proxy compresses anyway. Pages stay compressed.
const compressApi = process.env.API_COMPRESSION === "1";
const port = Number(process.env.PORT ?? 3000);
// WEB_PROCESSES (default: one per core, up to 4): this process then only hands out connections.
const processes = cluster.isPrimary ? parseWebProcesses(process.env.WEB_PROCESSES, { testClock: process.env.CRM_TEST_CLOCK === "1" }) : 1;
if (processes > 1) runPrimary(processes, port);
else await serve();

async function serve() {
  // Tells lib/client-ip.ts (same process) that the client-IP header was written by this server.
  globalThis[CLIENT_IP_MARK] = true;
  // Tells lib/route.ts that the origin check below ran (under `next dev` the routes do it).
  globalThis[EDGE_MARK] = true;

  // All interfaces, like `next start` (HOSTNAME is not read: containers set it to their own name).
  // Imported here: the cluster primary never loads Next (~15 MB it would hold for nothing).
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: import.meta.dirname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  // Responses not yet written, so a shutdown can still turn their connections to Connection: close.
  const open = new Set();
  let closing = false;

  const server = createServer((req, res) => {
    // Once closing, every answer says Connection: close: a keep-alive client (a balancer's pool, a
    // browser) sends its next request to another replica instead of to this one.
    if (closing) res.shouldKeepAlive = false;
    else {
      open.add(res);
      res.once("close", () => open.delete(res));
    }
    // %ff in a path makes Next's router fail with a bare 500 before any app code: a 404 here.
    if (refuseMalformedPath(req, res)) return;
    applyClientIp(req, hops);
    // The API's CSRF wall and team pages' return path (src/server/edge.mjs): after the client IP,
    // which drops a client's X-Forwarded-Host unless a trusted proxy is there to have written it.
    if (applyEdge(req, res, hops)) return;
    if (!compressApi && (req.url?.startsWith("/api/") || req.headers["next-action"])) delete req.headers["accept-encoding"];
    handle(req, res).catch((err) => {
      console.error("web: request failed", err);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  // A port in use: say so and stop (Next's uncaughtException handler would log it and keep an
  // idle process running that never serves). Only while listening starts: a later server error
  // (accept failing for want of file descriptors) is logged by Next and serving goes on.
  const cannotListen = (err) => {
    console.error(`web: cannot listen on port ${port}: ${err.message}`);
    process.exit(1);
  };
  server.once("error", cannotListen);
  server.listen(port, () => {
    server.off("error", cannotListen);
    if (cluster.isPrimary) console.log(`web: listening on port ${port} (trusted proxy hops: ${hops})`);
    else console.log(`web: process ${process.pid} ready (trusted proxy hops: ${hops})`);
  });

  function shutdown(signal) {
    if (closing) return;
    closing = true;
    console.log(`web: ${signal}, closing`);
    // Node leaves a connection that is busy when close() runs in keep-alive: it would go on taking
    // requests until the forced exit below cuts them off. Its answer closes it instead.
    for (const res of open) {
      if (!res.headersSent) res.shouldKeepAlive = false;
      else res.once("finish", () => setImmediate(() => server.closeIdleConnections()));
    }
    // Finish requests in flight, then exit; never hang on keep-alive sockets.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  }
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}
