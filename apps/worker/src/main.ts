import { Worker } from "bullmq";
import { EnvError, serverEnv } from "@crm/config";
import { disconnectDb } from "@crm/db";
import { closeProducerRedis, closeQueues, createRedis, QUEUES } from "@crm/jobs";
import { startHealthServer } from "./health-server";
import { processJob } from "./processors";
import { upsertSchedules } from "./schedules";

function log(msg: string) {
  console.log(`${new Date().toISOString()} ${msg}`);
}

async function main() {
  let env;
  try {
    env = serverEnv();
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }

  const workers = Object.values(QUEUES).map((name) => {
    const imports = name === QUEUES.imports;
    const w = new Worker(name, processJob, {
      connection: createRedis("worker"),
      prefix: env.QUEUE_PREFIX,
      concurrency: imports ? env.IMPORT_CONCURRENCY : env.WORKER_CONCURRENCY,
      // A killed worker's import is picked up again once its lock lapses (stalled-job check).
      ...(imports ? { lockDuration: env.IMPORT_LOCK_MS, stalledInterval: env.IMPORT_LOCK_MS } : {}),
    });
    // Job ids and names only: payloads hold ids, and results never carry PII.
    w.on("completed", (job) => log(`job ${job.name} ${job.id} completed`));
    w.on("failed", (job, err) => log(`job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`));
    w.on("error", (err) => log(`worker ${name} error: ${err.message}`));
    return w;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  await upsertSchedules();
  const health = await startHealthServer(env.WORKER_HEALTH_PORT, () => workers.every((w) => w.isRunning()));
  log(`worker ready: queues ${Object.values(QUEUES).join(", ")}; health on :${env.WORKER_HEALTH_PORT}/health`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: finishing active jobs, then exiting`);
    const force = setTimeout(() => {
      log("shutdown took over 30 s; exiting anyway (unfinished jobs will be retried)");
      process.exit(1);
    }, 30_000);
    force.unref();
    await Promise.all(workers.map((w) => w.close()));
    await closeQueues();
    await closeProducerRedis();
    await disconnectDb();
    await new Promise<void>((r) => health.close(() => r()));
    log("worker stopped cleanly");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err) => {
  console.error("worker failed to start:", err);
  process.exit(1);
});
