import { withTeam, type Prisma } from "@crm/db";
import { DomainError } from "../errors";
import type { TTeamContext } from "../teams/membership";
import type { TImportDetails } from "./summary";
import { enqueueImport } from "./upload";

/**
 * A producer that never reached Redis (the web started while it was down) does not fail fast:
 * BullMQ waits for the connection. The answer gives up after this long instead of hanging.
 */
export const ENQUEUE_TIMEOUT_MS = 5_000;

async function enqueueWithin(teamId: string, importId: string, attempt: number, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`enqueue did not answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([enqueueImport(teamId, importId, attempt), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Where an import waited for the user before their answer queued it. */
type TWaiting = { status: "NEEDS_CONFIRMATION" | "NEEDS_MAPPING"; details: TImportDetails };

/**
 * Queues an import the user just answered (its scope, its column mapping). If the job queue is
 * down, the import goes back to waiting for that answer with its bytes kept, so nothing is lost:
 * the user answers again in a minute, or discards it. Left QUEUED it would wait for a job that
 * never comes, could not be discarded, and would keep its upload forever. (Should a timed-out job
 * reach Redis later, the worker finds the import waiting, not QUEUED, and leaves it alone.)
 */
export async function enqueueAnswered(ctx: TTeamContext, importId: string, attempt: number, waiting: TWaiting): Promise<void> {
  try {
    await enqueueWithin(ctx.teamId, importId, attempt, ENQUEUE_TIMEOUT_MS);
  } catch (e) {
    console.error("import: could not enqueue", importId, e);
    // Conditional: should the job have reached Redis after all and a worker taken the import, it stays the worker's.
    await withTeam(ctx.teamId, (tx) =>
      tx.import.updateMany({
        where: { id: importId, teamId: ctx.teamId, status: "QUEUED" },
        data: { status: waiting.status, details: waiting.details as Prisma.InputJsonValue },
      }),
    );
    throw new DomainError(
      "UNAVAILABLE",
      "Your answer could not be applied because our job queue is unavailable. The import is waiting for it again, with nothing lost: please answer again in a minute.",
    );
  }
}
