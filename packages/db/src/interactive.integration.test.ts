import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { disconnectDb } from "./client";
import { QueryAbortedError, QueryTimeoutError } from "./interactive";
import { withTeam } from "./tenant";
import { prepareTestDatabase } from "./testing";

// Issue 16.1: interactive reads have a statement timeout (seconds) and stop on the server when the
// request that asked for them goes away; worker jobs keep running without one.

const TEAM = `team-${randomUUID()}`;
const sleep = (s: number) => (tx: Parameters<Parameters<typeof withTeam>[1]>[0]) => tx.$queryRaw`SELECT pg_sleep(${s}::float8)::text AS slept`;

async function sleepersRunning(marker: string): Promise<number> {
  return withTeam(TEAM, async (tx) => {
    const rows = await tx.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE ${`%${marker}%`} AND state = 'active' AND pid <> pg_backend_pid()`;
    return rows[0]!.n;
  });
}

beforeAll(async () => {
  await prepareTestDatabase();
  process.env.QUERY_TIMEOUT_MS = "400";
  // A small pool, so one test can fill it with slow statements.
  process.env.DATABASE_POOL_SIZE = "3";
  resetServerEnvForTests();
});
afterAll(async () => {
  delete process.env.QUERY_TIMEOUT_MS;
  delete process.env.DATABASE_POOL_SIZE;
  resetServerEnvForTests();
  await disconnectDb();
});

describe("interactive withTeam", () => {
  it("stops a statement that runs past QUERY_TIMEOUT_MS with a QueryTimeoutError", async () => {
    const started = performance.now();
    const err = await withTeam(TEAM, sleep(5), { interactive: true }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(QueryTimeoutError);
    expect((err as QueryTimeoutError).timeoutMs).toBe(400);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("leaves worker callers (not interactive) without that timeout", async () => {
    await expect(withTeam(TEAM, sleep(0.6))).resolves.toEqual([{ slept: "" }]);
  });

  it("cancels the running statement on the server when the request is aborted", async () => {
    const marker = `abort_${randomUUID().slice(0, 8)}`;
    const controller = new AbortController();
    const started = performance.now();
    const running = withTeam(
      TEAM,
      (tx) => tx.$queryRawUnsafe(`SELECT pg_sleep(30) AS ${marker}`),
      { signal: controller.signal },
    ).then(() => null, (e: unknown) => e);
    await new Promise((r) => setTimeout(r, 300));
    expect(await sleepersRunning(marker)).toBe(1);
    controller.abort();
    expect(await running).toBeInstanceOf(QueryAbortedError);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(await sleepersRunning(marker)).toBe(0);
    // The pooled connection is usable again.
    await expect(withTeam(TEAM, sleep(0))).resolves.toEqual([{ slept: "" }]);
  });

  it("answers a read that outlives the transaction's own timeout with a QueryTimeoutError, not Prisma's", async () => {
    // Every statement stays under the statement timeout; together they outlast the transaction's
    // timeout (QUERY_TIMEOUT_MS + 5 s), which Prisma enforces by closing the transaction.
    const started = performance.now();
    const err = await withTeam(
      TEAM,
      async (tx) => {
        for (;;) await tx.$queryRaw`SELECT pg_sleep(0.3)::text`;
      },
      { interactive: true },
    ).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(QueryTimeoutError);
    expect((err as QueryTimeoutError).timeoutMs).toBe(400);
    expect(performance.now() - started).toBeLessThan(8_000);
  }, 15_000);

  it("cancels an aborted request's statement even when every pooled connection is busy", async () => {
    const marker = `full_${randomUUID().slice(0, 8)}`;
    // DATABASE_POOL_SIZE is 3: three slow reads hold every connection of the pool.
    const controllers = [0, 1, 2].map(() => new AbortController());
    const started = performance.now();
    const running = controllers.map((c) =>
      withTeam(TEAM, (tx) => tx.$queryRawUnsafe(`SELECT pg_sleep(30) AS ${marker}`), { signal: c.signal }).then(() => null, (e: unknown) => e),
    );
    await new Promise((r) => setTimeout(r, 500));
    for (const c of controllers) c.abort();
    for (const err of await Promise.all(running)) expect(err).toBeInstanceOf(QueryAbortedError);
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(await sleepersRunning(marker)).toBe(0);
  }, 40_000);

  it("does not run the statement of a request that was aborted while it waited for a connection", async () => {
    const marker = `wait_${randomUUID().slice(0, 8)}`;
    const late = `late_${randomUUID().slice(0, 8)}`;
    // DATABASE_POOL_SIZE is 3: three slow reads hold every connection; a fourth waits for one.
    const holders = [0, 1, 2].map(() => new AbortController());
    const held = holders.map((c) =>
      withTeam(TEAM, (tx) => tx.$queryRawUnsafe(`SELECT pg_sleep(30) AS ${marker}`), { signal: c.signal }).then(() => null, (e: unknown) => e),
    );
    await new Promise((r) => setTimeout(r, 300));
    const waiter = new AbortController();
    const started = performance.now();
    const waiting = withTeam(TEAM, (tx) => tx.$queryRawUnsafe(`SELECT pg_sleep(30) AS ${late}`), { signal: waiter.signal }).then(() => null, (e: unknown) => e);
    await new Promise((r) => setTimeout(r, 200));
    waiter.abort();
    for (const c of holders) c.abort();
    await Promise.all(held);
    expect(await waiting).toBeInstanceOf(QueryAbortedError);
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(await sleepersRunning(late)).toBe(0);
  }, 40_000);

  it("does not start when the request is already gone", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(withTeam(TEAM, sleep(0), { signal: controller.signal })).rejects.toBeInstanceOf(QueryAbortedError);
  });
});
