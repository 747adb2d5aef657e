import { Queue, type JobsOptions } from "bullmq";
import { serverEnv } from "@crm/config";
import { producerRedis } from "./connection";
import { JOBS, parsePayload, type TJobName, type TJobPayload, type TQueueName } from "./definitions";

const g = globalThis as unknown as { __crmQueues?: Map<string, Queue> };

export function queue(name: TQueueName): Queue {
  g.__crmQueues ??= new Map();
  let q = g.__crmQueues.get(name);
  if (!q) {
    q = new Queue(name, { connection: producerRedis(), prefix: serverEnv().QUEUE_PREFIX });
    g.__crmQueues.set(name, q);
  }
  return q;
}

/**
 * Enqueue by job name. `dedupeId` becomes the BullMQ job id (prefixed with the job name), so the
 * same effect enqueued twice is one job while it is still known to Redis.
 *
 * `debounceId` (with a `delay`) instead keeps one job per id that runs `delay` after the LAST
 * enqueue: a waiting job is replaced and its delay restarts; while one runs, one more is kept to
 * run after it (BullMQ deduplication with replace + keepLastIfActive).
 */
export async function enqueue<N extends TJobName>(
  name: N,
  payload: TJobPayload<N>,
  opts: { dedupeId?: string; debounceId?: string } & Pick<JobsOptions, "delay" | "attempts" | "priority"> = {},
): Promise<void> {
  const data = parsePayload(name, payload);
  const { dedupeId, debounceId, ...rest } = opts;
  await queue(JOBS[name].queue).add(name, data, {
    jobId: dedupeId ? `${name}__${dedupeId}` : undefined,
    ...(debounceId ? { deduplication: { id: `${name}__${debounceId}`, replace: true, keepLastIfActive: true } } : {}),
    attempts: 5,
    backoff: { type: "exponential", delay: 2_000 },
    removeOnComplete: { age: 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
    ...rest,
  });
}

export async function closeQueues(): Promise<void> {
  const qs = [...(g.__crmQueues?.values() ?? [])];
  g.__crmQueues = undefined;
  await Promise.all(qs.map((q) => q.close()));
}
