import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@crm/db";
import { ownerQuery, startTestEnv, stopTestEnv } from "../testing/setup";
import { ANALYZE_MIN_ROWS, analyzeAfterBulk, analyzeTable } from "./analyze-after-bulk";

// The app role cannot ANALYZE; after a bulk write it asks the owner-side function, which refreshes
// exactly the bulk-written tables, at most once a minute each.

beforeAll(startTestEnv);
afterAll(stopTestEnv);

const lastAnalyzed = async (table: string) =>
  (await ownerQuery<{ at: Date | null }>(`SELECT greatest(last_analyze, last_autoanalyze) AS at FROM pg_stat_user_tables WHERE relname = $1`, [table]))[0]?.at ?? null;

describe("analyzeAfterBulk", () => {
  it("leaves small writes to autovacuum and queues a refresh after a bulk write", async () => {
    expect(await analyzeAfterBulk("IcpScore", ANALYZE_MIN_ROWS - 1)).toBe(false);
    expect(await analyzeAfterBulk("IcpScore", ANALYZE_MIN_ROWS)).toBe(true);
  });

  it("refreshes the table's statistics as the owner, then not again within a minute", async () => {
    const before = Date.now();
    const first = await analyzeTable("ReviewItem");
    // Another test file may have analyzed it a moment ago; either way the statistics are fresh now.
    const at = await lastAnalyzed("ReviewItem");
    expect(at).not.toBeNull();
    expect(at!.getTime()).toBeGreaterThan(before - 61_000);
    if (first) expect(at!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(await analyzeTable("ReviewItem")).toBe(false);
  });

  it("refuses any other table, even called directly by the app role", async () => {
    await expect(db().$queryRaw`SELECT crm_analyze_after_bulk('User')`).rejects.toThrow(/not one of the bulk-written tables/);
    await expect(db().$queryRaw`SELECT crm_analyze_after_bulk('Connection; DROP TABLE "User"')`).rejects.toThrow(/not one of the bulk-written tables/);
  });
});
