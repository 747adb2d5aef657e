import { db } from "@crm/db";
import { enqueue } from "@crm/jobs";

// After a bulk write (an import, a rescore, a queue build) the planner's statistics do not know the
// new rows yet, and a fresh team's one-item writes got plans that scanned all its rows
// (docs/decisions/0011). The write asks for a `stats.analyze` job (one per table and minute); the
// job calls the owner-side function crm_analyze_after_bulk. Best effort on both sides: a failure is
// logged, never the write's or the job's failure.

export type TBulkTable = "Connection" | "IcpScore" | "ReviewItem";

/** Below this many rows written, autovacuum's own ANALYZE is soon enough. */
export const ANALYZE_MIN_ROWS = 2_000;

/** Queues the refresh of `table`'s statistics when enough rows were written; true when queued. */
export async function analyzeAfterBulk(table: TBulkTable, rowsWritten: number): Promise<boolean> {
  if (rowsWritten < ANALYZE_MIN_ROWS) return false;
  try {
    await enqueue("stats.analyze", { table }, { dedupeId: `${table}-${Math.floor(Date.now() / 60_000)}` });
    return true;
  } catch (e) {
    console.warn(`could not queue the statistics refresh of ${table}:`, e instanceof Error ? e.message : e);
    return false;
  }
}

/** The job: ANALYZE as the owner, unless done within the last minute or the table is busy. */
export async function analyzeTable(table: TBulkTable): Promise<boolean> {
  const [row] = await db().$queryRaw<Array<{ done: boolean }>>`SELECT crm_analyze_after_bulk(${table}) AS done`;
  return row?.done === true;
}
