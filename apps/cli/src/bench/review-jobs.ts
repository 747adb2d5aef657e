// The worker's queue build timed from outside: enqueue "queue.build" into the running worker's
// queues and poll the BullMQ job until it has finished (wall time, and the worker's own
// processedOn → finishedOn).
import { JOBS, queue, type TQueueName } from "@crm/jobs";

type TJobDef = { queue: TQueueName; payload: { safeParse: (x: unknown) => { success: boolean; data?: unknown } } };

export function queueBuildJob(): TJobDef | null {
  return (JOBS as unknown as Record<string, TJobDef>)["queue.build"] ?? null;
}

export type TWorkerBuild = { wallMs: number; workerMs: number; result: unknown };

export async function buildThroughWorker(teamId: string, accountId: string): Promise<TWorkerBuild> {
  const def = queueBuildJob();
  if (!def) throw new Error(`job "queue.build" is not defined in @crm/jobs`);
  const candidates = [{ teamId, accountId }, { teamId }];
  const payload = candidates.map((p) => def.payload.safeParse(p)).find((r) => r.success)?.data;
  if (!payload) throw new Error(`job "queue.build": neither {teamId, accountId} nor {teamId} is a valid payload`);
  const q = queue(def.queue);
  const t0 = performance.now();
  const job = await q.add("queue.build", payload, { jobId: `queue.build__bench-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, attempts: 1, removeOnComplete: { age: 3600 } });
  for (;;) {
    const j = await q.getJob(job.id!);
    if (j?.finishedOn) {
      const wallMs = performance.now() - t0;
      if (j.failedReason) throw new Error(`queue.build failed in the worker: ${j.failedReason}`);
      return { wallMs, workerMs: j.finishedOn - (j.processedOn ?? j.finishedOn), result: j.returnvalue };
    }
    if (performance.now() - t0 > 300_000) throw new Error("queue.build did not finish in 5 minutes");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits until no queue.build job for the team is waiting or running (one an import chained). */
export async function settleQueueBuilds(teamId: string, timeoutMs = 120_000): Promise<number> {
  const def = queueBuildJob();
  if (!def) return 0;
  const q = queue(def.queue);
  const until = Date.now() + timeoutMs;
  let seen = 0;
  for (;;) {
    const jobs = await q.getJobs(["waiting", "active", "delayed", "prioritized", "waiting-children"], 0, 200);
    const mine = jobs.filter((j) => j?.name === "queue.build" && (j.data as { teamId?: string }).teamId === teamId);
    seen = Math.max(seen, mine.length);
    if (!mine.length) return seen;
    if (Date.now() > until) throw new Error("the team's chained queue.build jobs did not finish");
    await new Promise((r) => setTimeout(r, 100));
  }
}
