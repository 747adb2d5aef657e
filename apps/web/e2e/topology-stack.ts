import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { deriveAppDatabaseUrl } from "@crm/config";
import { ensureDatabase, runMigrations } from "@crm/db/migrate";
import { portOpen, startPgBouncer, startRedisCluster, type TPgBouncerHandle, type TRedisClusterHandle } from "../../../scripts/topology/index.mjs";

// Issue 14's scale-out topology as production runs it, for e2e/topology-replicas.spec.ts: two web
// replicas (the production build, `node server.mjs`) and two workers (the bundle, with its heap
// flags), one AUTH_SECRET; the app role through PgBouncer in transaction mode, the owner straight
// to Postgres; BullMQ on a three-master Redis Cluster. Its own ports and database, so it runs
// beside the ordinary e2e servers.

export const PORTS = { web: [3411, 3412], workerHealth: [3421, 3422], redis: [7331, 7332, 7333], pgbouncer: 6472 } as const;
export const QUEUE_PREFIX = "{crm-topo}";
const DATABASE_URL = process.env.TOPOLOGY_E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/crm_e2e_topology";
const WEB_DIR = join(import.meta.dirname, "..");
const WORKER_FLAGS = JSON.parse(readFileSync(join(WEB_DIR, "../worker/node-flags.json"), "utf8")) as string[];
const WEB_FLAGS = JSON.parse(readFileSync(join(WEB_DIR, "node-flags.json"), "utf8")) as string[];

export type TProc = { name: string; child: ChildProcess; output: string[]; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

export type TStack = {
  web: { A: string; B: string };
  procs: Record<"A" | "B" | "W1" | "W2", TProc>;
  workers: TProc[];
  redisNodes: string;
  owner: pg.Client;
  startWeb(name: "A" | "B"): Promise<TProc>;
  stop(): Promise<void>;
};

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

function startProc(name: string, args: string[], env: Record<string, string>): TProc {
  const child = spawn(process.execPath, args, { cwd: WEB_DIR, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const output: string[] = [];
  const keep = (b: Buffer) => {
    output.push(b.toString());
    if (output.length > 500) output.shift();
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once("exit", (code, signal) => {
      running.delete(child);
      r({ code, signal });
    }),
  );
  return { name, child, output, exited };
}

async function waitHealthy(p: TProc, url: string, timeoutMs = 150_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (p.child.exitCode !== null) throw new Error(`${p.name} exited (${p.child.exitCode}) before it was healthy:\n${p.output.join("").slice(-3000)}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > end) throw new Error(`${p.name}: ${url} not healthy after ${timeoutMs} ms:\n${p.output.join("").slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function stopProc(p: TProc, graceMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (p.child.exitCode === null && p.child.signalCode === null) {
    p.child.kill("SIGTERM");
    const t = setTimeout(() => p.child.kill("SIGKILL"), graceMs);
    await p.exited;
    clearTimeout(t);
  }
  return p.exited;
}

let stopStarting: (() => Promise<void>) | undefined;

/** Stops what a startStack() that has not returned (a hook timeout) has started so far. */
export async function stopUnfinishedStack(): Promise<void> {
  await stopStarting?.();
}

export async function startStack(): Promise<TStack> {
  for (const port of [...PORTS.web, ...PORTS.workerHealth]) {
    if (await portOpen(port)) throw new Error(`port ${port} is in use: a topology e2e run left behind? (lsof -i :${port})`);
  }
  const appUrl = deriveAppDatabaseUrl(DATABASE_URL);
  await ensureDatabase(DATABASE_URL);
  await runMigrations({ ownerUrl: DATABASE_URL, appUrl, log: () => undefined });
  const owner = new pg.Client({ connectionString: DATABASE_URL });
  await owner.connect();
  const mailDir = mkdtempSync(join(tmpdir(), "crm-topo-mail-"));
  let cluster: TRedisClusterHandle | undefined;
  let bouncer: TPgBouncerHandle | undefined;
  const procs: Partial<TStack["procs"]> = {};

  const stop = async () => {
    await Promise.all(Object.values(procs).map((p) => stopProc(p)));
    await owner.end().catch(() => undefined);
    await bouncer?.close();
    await cluster?.stop();
    rmSync(mailDir, { recursive: true, force: true });
  };

  stopStarting = stop;
  try {
    // Kept as each one is up, so a stop() before both are cleans up the one that is.
    const [c, b] = await Promise.all([
      startRedisCluster({ ports: [...PORTS.redis] }).then((h) => (cluster = h)),
      startPgBouncer({ port: PORTS.pgbouncer, dbUrl: DATABASE_URL }).then((h) => (bouncer = h)),
    ]);
    const base: Record<string, string> = {
      ...(process.env as Record<string, string>),
      NODE_ENV: "production",
      // A local run of the production build: the default crm_app password is fine here.
      CRM_LOCAL_DEV: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL,
      APP_DATABASE_URL: b.via(appUrl),
      DATABASE_PREPARED_STATEMENTS: "0",
      REDIS_CLUSTER_NODES: c.nodes,
      QUEUE_PREFIX,
      AUTH_SECRET: "topology-e2e-secret-shared-by-both-web-replicas",
      EMAIL_TRANSPORT: "file",
      MAIL_DIR: mailDir,
      LOGIN_MAX_FAILURES_PER_IP: "100000",
      PASSWORD_RESET_MAX_PER_IP: "100000",
      // Each replica is a cluster primary with two web processes (whatever the machine's cores), so
      // the SIGTERM tests below drain requests in flight through the primary too.
      WEB_PROCESSES: "2",
    };
    delete base.SMTP_URL;
    delete base.CRM_TEST_CLOCK;
    const web = { A: `http://localhost:${PORTS.web[0]}`, B: `http://localhost:${PORTS.web[1]}` };
    const startWeb = async (name: "A" | "B") => {
      const port = String(PORTS.web[name === "A" ? 0 : 1]);
      // Each replica's own address stands in for the load balancer's (next-auth's redirects).
      const p = startProc(name, [...WEB_FLAGS, "server.mjs"], { ...base, PORT: port, APP_URL: web[name], NEXTAUTH_URL: web[name] });
      procs[name] = p;
      await waitHealthy(p, `${web[name]}/api/health`);
      return p;
    };
    const startWorker = async (name: "W1" | "W2", i: 0 | 1) => {
      const port = PORTS.workerHealth[i];
      const p = startProc(name, [...WORKER_FLAGS, "../worker/dist/main.mjs"], { ...base, WORKER_HEALTH_PORT: String(port), APP_URL: web.A });
      procs[name] = p;
      await waitHealthy(p, `http://127.0.0.1:${port}/health`);
      return p;
    };
    await Promise.all([startWeb("A"), startWeb("B"), startWorker("W1", 0), startWorker("W2", 1)]);
    stopStarting = undefined;
    const all = procs as TStack["procs"];
    return { web, procs: all, workers: [all.W1, all.W2], redisNodes: c.nodes, owner, startWeb, stop };
  } catch (err) {
    stopStarting = undefined;
    await stop().catch(() => undefined);
    throw err;
  }
}
