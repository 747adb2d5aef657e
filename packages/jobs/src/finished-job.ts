import type { Job } from "bullmq";

/**
 * A job's end as one snapshot shows it. Asking `isCompleted()` after `getJob()` races the worker:
 * a job fetched while active (no return value yet) may complete before the state is asked, and
 * the stale snapshot's return value is null. `finishedOn` is written with the return value (or the
 * final failure) in one step, so the snapshot either has both or neither.
 */
export function finishedJob<T = unknown>(job: Job | undefined | null): { done: true; failed: false; value: T } | { done: true; failed: true; reason: string } | { done: false } {
  if (!job?.finishedOn) return { done: false };
  if (job.failedReason && job.returnvalue == null) return { done: true, failed: true, reason: job.failedReason };
  return { done: true, failed: false, value: job.returnvalue as T };
}
