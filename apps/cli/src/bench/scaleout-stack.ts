// The scale-out topology of issue 14 for the load bench: a 3-master Redis Cluster, PgBouncer in
// transaction pooling in front of Postgres for the app role, and N web replicas + M workers of the
// production build. The build is copied under the e2e lock to this bench's own directory
// (var/bench/stack-scaleout): another bench serving var/bench/stack keeps its files. It never
// builds: it takes the build that is there.
import type { ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startPgBouncer, startRedisCluster, type TPgBouncerHandle, type TRedisClusterHandle } from "../../../../scripts/topology/index.mjs";
import webFlags from "../../../web/node-flags.json";
import workerFlags from "../../../worker/node-flags.json";
import { snapshotBuild, startProcess, stopProcess, waitForUrl } from "./http-server";

const root = join(import.meta.dirname, "..", "..", "..", "..");

export type TProc = { name: string; pid: number };
export type TScaleStack = {
  webUrls: string[];
  webDir: string;
  redisNodes: string;
  /** Every process of the topology, for RSS sampling. */
  procs: TProc[];
  logs: (maxChars?: number) => string;
  stop: () => Promise<void>;
};

/** The existing production build, copied under the e2e lock to its own directory (never built here). */
const copyBuild = () => snapshotBuild({ dirName: "stack-scaleout", build: false });

/** Processes whose command line contains every one of `parts` (the harness does not hand out pids). */
function findPids(parts: string[]): number[] {
  const pids: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, "utf8").replace(/\0/g, " ");
      if (parts.every((p) => cmd.includes(p))) pids.push(Number(d));
    } catch {
      /* gone meanwhile */
    }
  }
  return pids;
}

export async function startScaleStack(opts: {
  webPorts: number[];
  workerHealthPorts: number[];
  redisPorts: number[];
  pgbouncerPort: number;
  queuePrefix: string;
  appDbUrl: string;
  ownerDbUrl: string;
}): Promise<TScaleStack> {
  const dirs = await copyBuild();
  const out: string[] = [];
  const logs = (maxChars = 8000) => out.join("").slice(-maxChars);
  const children: ChildProcess[] = [];
  let cluster: TRedisClusterHandle | undefined;
  let bouncer: TPgBouncerHandle | undefined;
  const stop = async () => {
    await Promise.all(children.map(stopProcess));
    await bouncer?.close().catch(() => undefined);
    await cluster?.stop().catch(() => undefined);
  };
  try {
    cluster = await startRedisCluster({ ports: opts.redisPorts });
    // Two web replicas and two workers each keep DATABASE_POOL_SIZE connections: room for them all.
    bouncer = await startPgBouncer({
      port: opts.pgbouncerPort,
      dbUrl: opts.ownerDbUrl,
      settings: { default_pool_size: 40, max_client_conn: 1000 },
    });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      CRM_LOCAL_DEV: "1",
      AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-bench-secret-bench-secret-0123",
      REDIS_CLUSTER_NODES: cluster.nodes,
      QUEUE_PREFIX: opts.queuePrefix,
      APP_DATABASE_URL: bouncer.via(opts.appDbUrl),
      DATABASE_PREPARED_STATEMENTS: "0",
      EMAIL_TRANSPORT: "file",
      MAIL_DIR: join(root, "var", "bench", "mail"),
      // One load generator on 127.0.0.1 stands for many people: per-IP limits would trip.
      API_RATE_LIMIT_PER_MINUTE: "1000000",
      LOGIN_MAX_FAILURES_PER_IP: "100000",
    };
    const webUrls = opts.webPorts.map((p) => `http://localhost:${p}`);
    const waits: Array<Promise<void>> = [];
    const procs: TProc[] = [];
    opts.webPorts.forEach((port, i) => {
      const url = webUrls[i]!;
      const child = startProcess(
        `web${i + 1}`,
        [...webFlags, "server.mjs"],
        dirs.web,
        {
          ...env,
          PORT: String(port),
          APP_URL: url,
          NEXTAUTH_URL: url,
          WORKER_HEALTH_PORT: "0",
          // One process a replica: the replicas are the scale-out here, and the sampled RSS and
          // CPU are the replica's own process.
          WEB_PROCESSES: "1",
        },
        out,
      );
      children.push(child);
      procs.push({ name: `web${i + 1}`, pid: child.pid! });
      waits.push(waitForUrl(`${url}/api/health`, child, logs));
    });
    opts.workerHealthPorts.forEach((port, i) => {
      const child = startProcess(`worker${i + 1}`, [...workerFlags, "dist/main.mjs"], dirs.worker, { ...env, APP_URL: webUrls[0]!, WORKER_HEALTH_PORT: String(port) }, out);
      children.push(child);
      procs.push({ name: `worker${i + 1}`, pid: child.pid! });
      waits.push(waitForUrl(`http://127.0.0.1:${port}/health`, child, logs));
    });
    await Promise.all(waits);
    for (const p of findPids(["pgbouncer", bouncer.dir])) procs.push({ name: "pgbouncer", pid: p });
    for (const port of opts.redisPorts) for (const p of findPids(["redis-server", `:${port}`])) procs.push({ name: `redis:${port}`, pid: p });
    return {
      webUrls,
      webDir: dirs.web,
      redisNodes: cluster.nodes,
      procs,
      logs,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
