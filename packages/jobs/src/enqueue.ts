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
 * How long enqueue() waits for Redis before it gives up. BullMQ waits for a connection that never
 * became ready (Redis down when the process started) with no limit, and an ioredis Cluster whose
 * masters are all gone keeps its commands queued until one comes back: an upload hung there until
 * the client gave up. Past this the caller gets an error and answers 503; a command that still
 * reaches Redis later is a job whose record the caller has meanwhile marked failed (see
 * receiveUpload), and the processors leave such records alone.
 */
export const ENQUEUE_WAIT_MS = 3_000;

export class QueueUnavailableError extends Error {
  constructor(ms: number) {
    super(`The job queue (Redis) did not answer within ${ms} ms.`);
    this.name = "QueueUnavailableError";
  }
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
  const added = queue(JOBS[name].queue).add(name, data, {
    jobId: dedupeId ? `${name}__${dedupeId}` : undefined,
    ...(debounceId ? { deduplication: { id: `${name}__${debounceId}`, replace: true, keepLastIfActive: true } } : {}),
    attempts: 5,
    backoff: { type: "exponential", delay: 2_000 },
    removeOnComplete: { age: 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
    ...rest,
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError(ENQUEUE_WAIT_MS)), ENQUEUE_WAIT_MS);
  });
  try {
    // race() also handles `added` rejecting after the timeout: no unhandled rejection.
    await Promise.race([added, late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function closeQueues(): Promise<void> {
  const qs = [...(g.__crmQueues?.values() ?? [])];
  g.__crmQueues = undefined;
  await Promise.all(qs.map((q) => q.close()));
}
