import { randomUUID } from "node:crypto";
import { Queue, Worker, type Job } from "bullmq";
import { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests, serverEnv } from "@crm/config";
import { clusterInfo, missingTopologyBinaries, startRedisCluster, type TRedisClusterHandle } from "../../../scripts/topology/index.mjs";
import { closeProducerRedis, createRedis, pingRedis, producerRedis } from "./connection";
import { QUEUES, type TQueueName } from "./definitions";
import { closeQueues, enqueue, queue } from "./enqueue";

// BullMQ on a three-master Redis Cluster through our own connections (REDIS_CLUSTER_NODES), as
// issue 14 runs the app: every queue's keys in one slot, schedulers that fire once with two
// workers, and a master killed and restarted without losing a job.

const PORTS = [7301, 7302, 7303];
const missing = missingTopologyBinaries(["redis"]);
if (missing) console.warn(`Redis Cluster tests skipped: ${missing}`);

let cluster: TRedisClusterHandle;
const workers: Worker[] = [];

/** Closes this file's workers of `name` (each test brings its own). */
async function closeWorkers(name: TQueueName): Promise<void> {
  await Promise.all(workers.filter((w) => w.name === name).map((w) => w.close()));
}

function worker(name: TQueueName, fn: (job: Job) => Promise<void> | void, opts: { concurrency?: number } = {}): Worker {
  const w = new Worker(name, async (job) => fn(job), { connection: createRedis("worker"), prefix: serverEnv().QUEUE_PREFIX, ...opts });
  // A killed master makes the worker's connections report errors; they are expected here.
  w.on("error", () => undefined);
  workers.push(w);
  return w;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Keys held by each master (DBSIZE), by port. */
async function keysPerNode(): Promise<Record<number, number>> {
  const out: Record<number, number> = {};
  for (const port of PORTS) {
    const c = createRedis("producer", `redis://127.0.0.1:${port}`);
    try {
      out[port] = await c.dbsize();
    } finally {
      c.disconnect();
    }
  }
  return out;
}

describe.skipIf(!!missing)(`BullMQ through a Redis Cluster${missing ? ` (skipped: ${missing})` : ""}`, () => {
  beforeAll(async () => {
    cluster = await startRedisCluster({ ports: PORTS });
    process.env.REDIS_CLUSTER_NODES = cluster.nodes;
    delete process.env.QUEUE_PREFIX; // the default, {crm}, is what is deployed
    resetServerEnvForTests();
    await closeQueues();
    await closeProducerRedis();
    // Waits while another test file holds these ports (the harness serializes them).
  }, 200_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close(true).catch(() => undefined)));
    await closeQueues().catch(() => undefined);
    await closeProducerRedis();
    delete process.env.REDIS_CLUSTER_NODES;
    resetServerEnvForTests();
    await cluster?.stop();
  }, 30_000);

  it("connects as a Cluster, and pingRedis probes the queues' slot", async () => {
    expect(producerRedis()).toBeInstanceOf(Cluster);
    expect(createRedis("worker")).toBeInstanceOf(Cluster);
    expect(await pingRedis()).toBe(true);
  });

  it("processes jobs of every queue, each queue's keys in the {crm} slot on one master", async () => {
    const seen: string[] = [];
    for (const name of Object.values(QUEUES)) worker(name, (job) => void seen.push(`${job.queueName}/${job.name}`));
    const id = () => `x${randomUUID().slice(0, 8)}`;
    await enqueue("email.send", { outboxId: id() });
    await enqueue("import.process", { teamId: id(), importId: id() }, { dedupeId: id() });
    await enqueue("icp.rescore", { teamId: id(), icpId: id(), version: 1 });
    await enqueue("team.export", { teamId: id(), exportId: id() });
    await enqueue("removal.sweep", {});
    await enqueue("notifications.mail", { teamId: id() }, { debounceId: id(), delay: 10 });
    await until("six jobs", () => seen.length === 6);
    expect(seen.sort()).toEqual(["digests/notifications.mail", "email/email.send", "exports/team.export", "imports/import.process", "maintenance/removal.sweep", "scoring/icp.rescore"]);

    // Every key BullMQ names for a queue hashes to the slot of "{crm}"...
    const c = producerRedis();
    const slot = await c.cluster("KEYSLOT", "{crm}");
    for (const name of Object.values(QUEUES)) {
      const keys = Object.values(queue(name).keys).filter(Boolean);
      expect(keys.length).toBeGreaterThan(10);
      for (const key of keys) expect(await c.cluster("KEYSLOT", key)).toBe(slot);
    }
    // ...and so every key there is lives on the one master serving it.
    const master = cluster.masterOf("{crm}");
    const counts = await keysPerNode();
    expect(counts[master]).toBeGreaterThan(0);
    for (const port of PORTS) if (port !== master) expect(counts[port]).toBe(0);
  });

  it("fires a job scheduler once per tick with two workers on the queue", async () => {
    const fired: Array<{ id: string; worker: number }> = [];
    const name = `tick-${randomUUID().slice(0, 6)}`;
    // Two workers of the maintenance queue, as two worker processes would run it.
    await closeWorkers(QUEUES.maintenance);
    for (const n of [1, 2]) {
      worker(QUEUES.maintenance, (job) => {
        if (job.name === name) fired.push({ id: job.id!, worker: n });
      }, { concurrency: 5 });
    }
    // Both processes upsert the same scheduler at start, each through its own connection
    // (apps/worker/src/schedules.ts).
    const qs = [0, 1].map(() => new Queue(QUEUES.maintenance, { connection: createRedis("producer"), prefix: serverEnv().QUEUE_PREFIX }));
    for (const q of qs) await q.upsertJobScheduler(name, { every: 1_000 }, { name, data: {}, opts: { removeOnComplete: { count: 10 } } });
    await new Promise((r) => setTimeout(r, 4_500));
    await qs[0]!.removeJobScheduler(name);
    await Promise.all(qs.map((q) => q.close()));
    const ids = fired.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    // 4.5 s of a 1 s schedule is about five ticks; twice that would mean each worker (or each
    // upsert) ran its own schedule. The lower bound leaves room for a slow machine.
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(ids.length).toBeLessThanOrEqual(6);
    console.info(`scheduler every 1 s for 4.5 s with two workers: ${ids.length} runs, by workers ${fired.map((f) => f.worker).join(",")}`);
  }, 20_000);

  it("fails producers fast while the queues' master is down, and loses no job across its restart", async () => {
    const master = cluster.masterOf("{crm}");
    // A worker of another queue stays up through the outage: it must resume by itself.
    const scored: string[] = [];
    await closeWorkers(QUEUES.scoring);
    worker(QUEUES.scoring, (job) => void scored.push(job.data.icpId));
    await enqueue("icp.rescore", { teamId: "t1", icpId: "before", version: 1 });
    await until("the scoring worker", () => scored.includes("before"));

    // Imports enqueued with no imports worker running: they wait in Redis.
    await closeWorkers(QUEUES.imports);
    const ids = Array.from({ length: 25 }, (_, i) => `imp${i}`);
    for (const importId of ids) await enqueue("import.process", { teamId: "t1", importId }, { dedupeId: importId });

    await cluster.kill(master);
    const t = Date.now();
    await expect(enqueue("import.process", { teamId: "t1", importId: "during" }, { dedupeId: "during" })).rejects.toThrow();
    const failedAfter = Date.now() - t;
    expect(failedAfter).toBeLessThan(3_000);
    expect(await pingRedis()).toBe(false);
    // Then the other masters declare it failed (cluster-node-timeout 2 s) and answer CLUSTERDOWN
    // for everything: still an error, and still fast.
    const other = PORTS.find((p) => p !== master)!;
    await until("cluster_state:fail on the other masters", () => clusterInfo(other)?.cluster_state === "fail", 15_000);
    const t2 = Date.now();
    await expect(enqueue("import.process", { teamId: "t1", importId: "down" }, { dedupeId: "down" })).rejects.toThrow();
    const failedDown = Date.now() - t2;
    expect(failedDown).toBeLessThan(3_000);
    expect(await pingRedis()).toBe(false);

    await cluster.restart(master);
    // The same producer connection and the same worker recover without being recreated.
    await until("the producer", () => pingRedis(), 20_000);
    await enqueue("icp.rescore", { teamId: "t1", icpId: "after", version: 1 });
    await until("the scoring worker after the restart", () => scored.includes("after"), 30_000);

    const processed: string[] = [];
    worker(QUEUES.imports, (job) => void processed.push(job.data.importId), { concurrency: 5 });
    await until("every import enqueued before the kill", () => processed.length >= ids.length, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(processed.sort()).toEqual([...ids].sort());
    console.info(`master ${master} killed: enqueue failed after ${failedAfter} ms (${failedDown} ms once the cluster was down); ${processed.length}/${ids.length} jobs processed after its restart`);
  }, 90_000);
});
