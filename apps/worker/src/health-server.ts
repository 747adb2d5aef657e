import { createServer, type Server } from "node:http";
import { checkHealth } from "@crm/core";

/**
 * GET /health → 200 when Postgres and Redis answer and the workers run, else 503. It answers
 * anyone who can reach it, so it listens on `host` (WORKER_HEALTH_HOST, loopback by default).
 */
export function startHealthServer(listen: { port: number; host: string }, workersRunning: () => boolean): Promise<Server> {
  const server = createServer(async (req, res) => {
    if (req.method !== "GET" || (req.url !== "/health" && req.url !== "/")) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
      return;
    }
    const h = await checkHealth();
    const running = workersRunning();
    const ok = h.status === "ok" && running;
    res.writeHead(ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify({ ...h, status: ok ? "ok" : "degraded", workers: running ? "running" : "stopped" }));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port, listen.host, () => resolve(server));
  });
}
