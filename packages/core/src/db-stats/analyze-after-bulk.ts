import { db } from "@crm/db";

// After a bulk write (an import, a rescore, a queue build), the planner's statistics do not know
// the rows yet; the owner-side function crm_analyze_after_bulk refreshes them (at most once a
// minute per table). Best effort: a failure is logged, never the job's failure.

export type TBulkTable = "Connection" | "IcpScore" | "ReviewItem";

/** Below this many rows written, autovacuum's own ANALYZE is soon enough. */
export const ANALYZE_MIN_ROWS = 2_000;

export async function analyzeAfterBulk(table: TBulkTable, rowsWritten: number): Promise<boolean> {
  if (rowsWritten < ANALYZE_MIN_ROWS) return false;
  try {
    const [row] = await db().$queryRaw<Array<{ done: boolean }>>`SELECT crm_analyze_after_bulk(${table}) AS done`;
    return row?.done === true;
  } catch (e) {
    console.warn(`analyze after bulk write of ${table} failed:`, e instanceof Error ? e.message : e);
    return false;
  }
}
