import type { Worker } from "bullmq";

export function log(msg: string) {
  console.log(`${new Date().toISOString()} ${msg}`);
}

/** Job ids and names only: payloads hold ids, and results never carry PII (data-ownership test). */
export function logWorkerEvents(w: Worker, queueName: string) {
  w.on("completed", (job) => log(`job ${job.name} ${job.id} completed`));
  w.on("failed", (job, err) => log(`job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`));
  w.on("error", (err) => log(`worker ${queueName} error: ${err.message}`));
}
