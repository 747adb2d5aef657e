import { serverEnv } from "@crm/config";
import { withTeam } from "@crm/db";
import { enterImportGate } from "./run-gate";

// A worker that dies inside an import (out of memory, killed) leaves its run unfinished; BullMQ
// hands the job to another worker once the lock lapses. Each run counts itself on the import
// (`unfinishedRuns`, +1 at start, −1 when it ends in-process) and shows life in `startedAt` (a
// heartbeat). After MAX_UNFINISHED_RUNS dead runs the import is failed for good instead of
// killing the next worker too. A run that only looked stalled (its event loop was busy parsing)
// still beats, so it is not taken for a crash. A run after a crash runs alone in its process
// (run-gate.ts), so the crash that fails an import is one it caused, not one of a neighbour's.

type TIds = { teamId: string; importId: string };

export const MAX_UNFINISHED_RUNS = 2;

/**
 * BullMQ's own stall limit, a backstop only: an import also stalls when a neighbour crashes the
 * worker while it runs or waits to run alone, and those stalls must not fail it.
 */
export const MAX_IMPORT_STALLS = 10;

export const CRASHED_MESSAGE =
  "This file stopped the import twice (the worker processing it ran out of memory or was killed), so it was not imported and will not be retried. Your connections were not changed. If it is a LinkedIn export, upload Connections.csv on its own; otherwise check that it is the right file.";

const lockMs = () => serverEnv().IMPORT_LOCK_MS;
const beatMs = () => Math.max(200, Math.floor(lockMs() / 4));

async function beat(ids: TIds): Promise<void> {
  await withTeam(ids.teamId, (tx) => tx.import.updateMany({ where: { id: ids.importId, teamId: ids.teamId }, data: { startedAt: new Date() } }));
}

async function unfinishedRuns(ids: TIds): Promise<number> {
  const row = await withTeam(ids.teamId, (tx) => tx.import.findFirst({ where: { id: ids.importId, teamId: ids.teamId }, select: { unfinishedRuns: true } }));
  return row?.unfinishedRuns ?? 0;
}

async function lastBeat(ids: TIds): Promise<number> {
  const row = await withTeam(ids.teamId, (tx) => tx.import.findFirst({ where: { id: ids.importId, teamId: ids.teamId }, select: { startedAt: true } }));
  return row?.startedAt?.getTime() ?? 0;
}

/** Whether an earlier run still beats: waits up to one lock period for its heartbeat to move. */
async function earlierRunAlive(ids: TIds, seen: number): Promise<boolean> {
  const end = Date.now() + lockMs();
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, beatMs()));
    if ((await lastBeat(ids)) !== seen) return true;
  }
  return false;
}

export type TRun = { crashedTooOften: boolean; end(): Promise<void> };

/** Runs in progress in this process, each uncounted once (by its end or by a shutdown release). */
const active = new Set<() => Promise<void>>();

async function uncount(ids: TIds): Promise<void> {
  // The database being down is reported by the error that ends the job; the run then counts as unfinished.
  await withTeam(ids.teamId, (tx) =>
    tx.import.updateMany({ where: { id: ids.importId, teamId: ids.teamId, unfinishedRuns: { gt: 0 } }, data: { unfinishedRuns: { decrement: 1 } } }),
  ).catch(() => undefined);
}

/**
 * A worker stopping for a deploy (SIGTERM) that cannot finish its imports in time exits anyway;
 * its runs are no crash of the file's, so they are uncounted here first. The jobs are retried once
 * their locks lapse. Returns how many runs were released.
 */
export async function releaseActiveRunsForShutdown(): Promise<number> {
  const runs = [...active];
  await Promise.all(runs.map((stop) => stop()));
  return runs.length;
}

/** Counts this run as started and begins its heartbeat; `end()` must be called when it returns or throws. */
export async function startRun(ids: TIds): Promise<TRun> {
  // Counted only once admitted: a run that dies while waiting at the gate is no crash of its own.
  const release = await enterImportGate((await unfinishedRuns(ids)) > 0);
  try {
    const seen = await lastBeat(ids);
    const rows = await withTeam(ids.teamId, (tx) =>
      tx.$queryRaw<Array<{ unfinishedRuns: number }>>`UPDATE "Import" SET "unfinishedRuns" = "unfinishedRuns" + 1
        WHERE id = ${ids.importId} AND "teamId" = ${ids.teamId} RETURNING "unfinishedRuns"`,
    );
    const earlier = (rows[0]?.unfinishedRuns ?? 1) - 1;
    const crashedTooOften = earlier >= MAX_UNFINISHED_RUNS && !(await earlierRunAlive(ids, seen));
    await beat(ids);
    const timer = setInterval(() => void beat(ids).catch(() => undefined), beatMs());
    timer.unref();
    const stop = async () => {
      if (!active.delete(stop)) return; // already uncounted
      clearInterval(timer);
      await uncount(ids);
    };
    active.add(stop);
    return {
      crashedTooOften,
      async end() {
        await stop();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
