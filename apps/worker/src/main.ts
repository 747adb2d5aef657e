import { Worker } from "bullmq";
import { EnvError, serverEnv } from "@crm/config";
import { MAX_IMPORT_STALLS, releaseActiveRunsForShutdown } from "@crm/core";
import { disconnectDb } from "@crm/db";
import { closeProducerRedis, closeQueues, createRedis, QUEUES } from "@crm/jobs";
import { startHealthServer } from "./health-server";
import { processJob } from "./processors";
import { upsertSchedules } from "./schedules";
import { log, logWorkerEvents } from "./worker-log";

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
      // Team exports are rare and each holds a batch and a zip chunk (~50 MB at peak): two at a time.
      concurrency: imports ? env.IMPORT_CONCURRENCY : name === QUEUES.exports ? Math.min(2, env.WORKER_CONCURRENCY) : env.WORKER_CONCURRENCY,
      // A killed worker's import is picked up again once its lock lapses (stalled-job check).
      // processImport counts the crashes an import caused and fails it for good with a message the
      // user sees; BullMQ's silent stall limit is only a backstop, above what that count allows.
      ...(imports ? { lockDuration: env.IMPORT_LOCK_MS, stalledInterval: env.IMPORT_LOCK_MS, maxStalledCount: MAX_IMPORT_STALLS } : {}),
    });
    logWorkerEvents(w, name);
    return w;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  await upsertSchedules();
  const health = await startHealthServer({ port: env.WORKER_HEALTH_PORT, host: env.WORKER_HEALTH_HOST }, () => workers.every((w) => w.isRunning()));
  log(`worker ready: queues ${Object.values(QUEUES).join(", ")}; health on ${env.WORKER_HEALTH_HOST}:${env.WORKER_HEALTH_PORT}/health`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: finishing active jobs, then exiting`);
    const force = setTimeout(() => {
      log("shutdown took over 30 s; exiting anyway (unfinished jobs will be retried)");
      // A deploy is no crash: uncount the imports still running here so it cannot fail them for
      // good (run-guard.ts). Bounded: a database that does not answer must not hold the exit.
      const bound = new Promise((r) => setTimeout(r, 5_000).unref());
      void Promise.race([releaseActiveRunsForShutdown(), bound]).finally(() => process.exit(1));
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
