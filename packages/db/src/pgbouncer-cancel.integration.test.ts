import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { missingTopologyBinaries, startPgBouncer, type TPgBouncerHandle } from "../../../scripts/topology/index.mjs";
import { disconnectDb } from "./client";
import { Prisma } from "./generated/prisma/client";
import { QueryAbortedError } from "./interactive";
import { withTeamRaw } from "./raw-tx";
import { prepareTestDatabase, type TDatabaseUrls } from "./testing";

// An aborted request's statement is stopped on the server within a second even when every server
// connection is busy with slow statements: through PgBouncer in transaction pooling with a pool of
// two, and straight to Postgres with a lean pool of two. The cancel is a protocol CancelRequest
// (interactive.ts); a pg_cancel_backend query waited at PgBouncer for a free server connection,
// i.e. until one of the slow statements ended. The other slow statement must keep running: the
// cancel reaches only the aborted request's connection.

const PORT = 6462;
const TEAM = `team-${randomUUID()}`;
const missing = missingTopologyBinaries(["pgbouncer"]);
if (missing) console.warn(`PgBouncer part skipped: ${missing}`);

let urls: TDatabaseUrls;
let owner: pg.Client;
let bouncer: TPgBouncerHandle | undefined;

/** Statements with `marker` in their text running right now, seen by the owner straight on Postgres. */
async function running(marker: string): Promise<number> {
  const { rows } = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()`, [`%${marker}%`]);
  return rows[0]!.n;
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

/** A request sleeping `seconds` in a statement tagged `marker`, abortable; settles with its error (or null). */
function sleeper(marker: string, seconds: number) {
  const ac = new AbortController();
  const settled = withTeamRaw(TEAM, (tx) => tx.$queryRaw(Prisma.raw(`SELECT pg_sleep(${seconds}) AS ${marker}`)), { interactive: true, signal: ac.signal }).then(
    () => null,
    (e: unknown) => e,
  );
  return { abort: () => ac.abort(), settled };
}

/** Fills both connections with slow statements, aborts one: it stops within a second, the other runs on. */
async function abortOneOfTwo(): Promise<{ ms: number }> {
  const a = `cancel_a_${randomUUID().slice(0, 8)}`;
  const b = `cancel_b_${randomUUID().slice(0, 8)}`;
  const [sa, sb] = [sleeper(a, 20), sleeper(b, 20)];
  expect(await waitFor(async () => (await running(a)) === 1 && (await running(b)) === 1, 5_000), "both slow statements run").toBe(true);
  const t = performance.now();
  sa.abort();
  expect(await sa.settled).toBeInstanceOf(QueryAbortedError);
  const ms = performance.now() - t;
  expect(await waitFor(async () => (await running(a)) === 0, 1_000), "the aborted statement stopped on the server").toBe(true);
  expect(ms).toBeLessThan(1_000);
  // The cancel reached the aborted request's connection only.
  expect(await running(b)).toBe(1);
  sb.abort();
  expect(await sb.settled).toBeInstanceOf(QueryAbortedError);
  expect(await waitFor(async () => (await running(b)) === 0, 1_000)).toBe(true);
  // The pool serves again (the connections went back clean).
  await expect(withTeamRaw(TEAM, (tx) => tx.$queryRaw<Array<{ one: number }>>`SELECT 1 AS one`)).resolves.toEqual([{ one: 1 }]);
  return { ms: Math.round(ms) };
}

beforeAll(async () => {
  urls = await prepareTestDatabase();
  owner = new pg.Client({ connectionString: urls.ownerUrl });
  await owner.connect();
  // The lean pool may hold two connections: the two sleepers fill it.
  process.env.DATABASE_POOL_SIZE = "2";
  resetServerEnvForTests();
}, 120_000);
afterAll(async () => {
  await disconnectDb();
  await bouncer?.close();
  await owner?.end();
  delete process.env.DATABASE_POOL_SIZE;
  delete process.env.DATABASE_PREPARED_STATEMENTS;
  if (urls) process.env.APP_DATABASE_URL = urls.appUrl;
  resetServerEnvForTests();
}, 30_000);

describe("cancelling an aborted request's statement while every connection is busy", () => {
  it("straight to Postgres (lean pool of 2)", async () => {
    const r = await abortOneOfTwo();
    console.info(`direct: aborted statement stopped in ${r.ms} ms`);
  }, 30_000);

  it.skipIf(!!missing)("through PgBouncer, transaction pooling, default_pool_size 2", async () => {
    await disconnectDb();
    bouncer = await startPgBouncer({ port: PORT, dbUrl: urls.ownerUrl, settings: { default_pool_size: 2 } });
    process.env.APP_DATABASE_URL = bouncer.via(urls.appUrl);
    process.env.DATABASE_PREPARED_STATEMENTS = "0";
    // More clients than server connections: a third request would queue at PgBouncer, not in our pool.
    process.env.DATABASE_POOL_SIZE = "4";
    resetServerEnvForTests();
    const r = await abortOneOfTwo();
    console.info(`PgBouncer: aborted statement stopped in ${r.ms} ms`);
  }, 30_000);
});
