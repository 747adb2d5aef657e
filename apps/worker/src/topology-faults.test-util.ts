import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import pg from "pg";
import { Worker } from "bullmq";
import { resetServerEnvForTests, serverEnv } from "@crm/config";
import { disconnectDb } from "@crm/db";
import { prepareTestDatabase } from "@crm/db/testing";
import { closeProducerRedis, closeQueues, createRedis } from "@crm/jobs";
import { startPgBouncer, startRedisCluster, type TPgBouncerHandle, type TRedisClusterHandle } from "../../../scripts/topology/index.mjs";

// The scale-out topology for worker fault tests: a Redis Cluster, PgBouncer in transaction mode
// for the app role, and real worker processes (main.ts) configured for both. Each worker tags its
// Postgres sessions with its own application_name (PGAPPNAME, which node-postgres reads and
// PgBouncer sets on the server connection it lends), so a test can tell which process is running
// a job from pg_locks and pg_stat_activity without any hook in the worker.

export type TWorkerProcess = { name: string; child: ChildProcess; output: string[] };

export type TTopology = {
  owner: pg.Client;
  dbName: string;
  workers: TWorkerProcess[];
  startWorker(): Promise<TWorkerProcess>;
  /** The worker (by name) whose transaction holds a lock on `relation` (in `mode`, if given) now. */
  holder(relation: string, mode?: string): Promise<string | undefined>;
  kill(w: TWorkerProcess): Promise<void>;
  /** Runs BullMQ's stalled-job check on `queueName` from this process every `everyMs` until stop(). */
  checkStalled(queueName: string, everyMs: number): Promise<void>;
  /** pg_terminate_backend on every app-role session of this database; returns how many. */
  terminateAppSessions(): Promise<number>;
  stop(): Promise<void>;
};

const APP_PREFIX = "topo-w";

export async function startTopology(opts: { redisPorts: number[]; pgbouncerPort: number; importLockMs: number }): Promise<TTopology> {
  const urls = await prepareTestDatabase();
  const dbName = decodeURIComponent(new URL(urls.ownerUrl).pathname.slice(1));
  let cluster: TRedisClusterHandle | undefined;
  let bouncer: TPgBouncerHandle | undefined;
  const owner = new pg.Client({ connectionString: urls.ownerUrl });
  const workers: TWorkerProcess[] = [];
  const checkers: Worker[] = [];
  let n = 0;

  const stop = async () => {
    await Promise.all(workers.map((w) => (w.child.exitCode === null && w.child.signalCode === null ? kill(w) : undefined)));
    await Promise.all(checkers.map((c) => c.close().catch(() => undefined)));
    await Promise.all([disconnectDb(), closeQueues().catch(() => undefined), closeProducerRedis()]);
    await owner.end().catch(() => undefined);
    await bouncer?.close();
    await cluster?.stop();
  };
  const kill = async (w: TWorkerProcess) => {
    const exited = new Promise((r) => w.child.once("exit", r));
    w.child.kill("SIGKILL");
    await exited;
  };

  try {
    await owner.connect();
    cluster = await startRedisCluster({ ports: opts.redisPorts });
    bouncer = await startPgBouncer({ port: opts.pgbouncerPort, dbUrl: urls.ownerUrl });
    // This process (uploads, the reference runs, polling) goes through the same topology.
    process.env.REDIS_CLUSTER_NODES = cluster.nodes;
    process.env.QUEUE_PREFIX = `{crm-topo-${randomUUID().slice(0, 8)}}`;
    process.env.APP_DATABASE_URL = bouncer.via(urls.appUrl);
    process.env.DATABASE_PREPARED_STATEMENTS = "0";
    resetServerEnvForTests();
    await Promise.all([disconnectDb(), closeQueues(), closeProducerRedis()]);
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }

  const startWorker = async (): Promise<TWorkerProcess> => {
    const name = `${APP_PREFIX}${++n}`;
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "main.ts")], {
      env: { ...process.env, WORKER_HEALTH_PORT: "0", NODE_ENV: "test", IMPORT_LOCK_MS: String(opts.importLockMs), PGAPPNAME: name },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const w: TWorkerProcess = { name, child, output: [] };
    const keep = (b: Buffer) => {
      w.output.push(b.toString());
      if (w.output.length > 200) w.output.shift();
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    workers.push(w);
    const ready = await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), 60_000);
      child.stdout?.on("data", (b: Buffer) => b.toString().includes("worker ready") && (clearTimeout(t), resolve(true)));
      child.once("exit", () => (clearTimeout(t), resolve(false)));
    });
    if (!ready) throw new Error(`worker ${name} did not start:\n${w.output.join("")}`);
    return w;
  };

  return {
    owner,
    dbName,
    workers,
    startWorker,
    kill,
    stop,
    async holder(relation, mode) {
      const r = await owner.query<{ name: string }>(
        `SELECT a.application_name AS name FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE a.datname = $1 AND a.usename = 'crm_app' AND a.application_name LIKE $2 AND l.granted AND c.relname = $3 AND ($4::text IS NULL OR l.mode = $4)
          LIMIT 1`,
        [dbName, `${APP_PREFIX}%`, relation, mode ?? null],
      );
      return r.rows[0]?.name;
    },
    async checkStalled(queueName, everyMs) {
      // No processor, never run: it takes no job, it only moves lapsed ones back to wait.
      const c = new Worker(queueName, null, { connection: createRedis("worker"), prefix: serverEnv().QUEUE_PREFIX, autorun: false, stalledInterval: everyMs });
      c.on("error", () => undefined);
      checkers.push(c);
      await c.startStalledCheckTimer();
    },
    async terminateAppSessions() {
      const r = await owner.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'crm_app' AND datname = $1 AND pid <> pg_backend_pid()`,
        [dbName],
      );
      return r.rowCount ?? 0;
    },
  };
}

/** Polls `fn` until it returns a value; errors count as "not yet" (connections are being cut). */
export async function until<T>(fn: () => Promise<T | undefined>, ms: number, what: string, everyMs = 10): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ""}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
