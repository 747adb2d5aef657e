import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { missingTopologyBinaries, startPgBouncer, type TPgBouncerHandle } from "../../../scripts/topology/index.mjs";
import { disconnectDb } from "./client";
import { withTeamRaw, queryRawOutsideTenant, simpleBatchRaw } from "./raw-tx";
import { Prisma } from "./generated/prisma/client";
import { withTeam, withTeamSql } from "./tenant";
import { prepareTestDatabase, type TDatabaseUrls } from "./testing";

// The app role through PgBouncer in transaction pooling mode (Debian's 1.18), as issue 14 deploys
// it: the tenant wall holds when clients share server connections, the lean pool's named
// statements need DATABASE_PREPARED_STATEMENTS=0 there, and a PgBouncer restart is survived by
// the same pools. Migrations and fixtures go straight to Postgres as the owner.

const PORT = 6442;
const missing = missingTopologyBinaries(["pgbouncer"]);
if (missing) console.warn(`PgBouncer tests skipped: ${missing}`);

const A = `team-${randomUUID()}`;
const B = `team-${randomUUID()}`;
let urls: TDatabaseUrls;
let owner: pg.Client;
let bouncer: TPgBouncerHandle | undefined;

/** Points the app's pools at a new PgBouncer with these pgbouncer.ini settings. */
async function useBouncer(settings: Record<string, string | number>, prepared: "0" | "1" = "0"): Promise<TPgBouncerHandle> {
  await disconnectDb();
  await bouncer?.close();
  bouncer = await startPgBouncer({ port: PORT, dbUrl: urls.ownerUrl, settings });
  process.env.APP_DATABASE_URL = bouncer.via(urls.appUrl);
  process.env.DATABASE_PREPARED_STATEMENTS = prepared;
  resetServerEnvForTests();
  return bouncer;
}

/** PgBouncer's admin console (SHOW ...): simple-query protocol only. */
async function admin(command: string): Promise<Array<Record<string, unknown>>> {
  const c = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${PORT}/pgbouncer` });
  await c.connect();
  try {
    return (await c.query(command)).rows;
  } finally {
    await c.end();
  }
}

const visibleTeams = () => Prisma.sql`SELECT id, current_setting('app.team_id', true) AS setting, pg_backend_pid() AS pid FROM "Team" ORDER BY id`;
type TRow = { id: string; setting: string; pid: number };

/** Runs `fn` with the process's uncaught-exception handlers swapped for a recorder; returns what it caught. */
async function catchUncaught(fn: () => Promise<void>): Promise<string[]> {
  const caught: string[] = [];
  const saved = process.listeners("uncaughtException");
  process.removeAllListeners("uncaughtException");
  // Which pool it was, told apart by the startup options each one sets.
  const poolOf = (options: unknown) => (options === "-c TimeZone=UTC" ? "bulk.ts bulkPool" : options === undefined ? "interactive.ts cancelPool" : String(options));
  const record = (e: Error) => void caught.push(`${e.message}: ${poolOf((e as { client?: { connectionParameters?: { options?: unknown } } }).client?.connectionParameters?.options)}`);
  process.on("uncaughtException", record);
  try {
    await fn();
  } finally {
    process.off("uncaughtException", record);
    for (const l of saved) process.on("uncaughtException", l);
  }
  return caught;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; error?: unknown; value?: T }> {
  const t = Date.now();
  try {
    const value = await fn();
    return { ms: Date.now() - t, value };
  } catch (error) {
    return { ms: Date.now() - t, error };
  }
}

describe.skipIf(!!missing)(`through PgBouncer 1.18, transaction pooling${missing ? ` (skipped: ${missing})` : ""}`, () => {
  beforeAll(async () => {
    urls = await prepareTestDatabase();
    owner = new pg.Client({ connectionString: urls.ownerUrl });
    await owner.connect();
    for (const t of [A, B]) await owner.query(`INSERT INTO "Team" (id, name, slug) VALUES ($1, $1, $1)`, [t]);
  }, 120_000);
  afterAll(async () => {
    await disconnectDb();
    await bouncer?.close();
    await owner?.query(`DELETE FROM "Team" WHERE id = ANY($1)`, [[A, B]]);
    await owner?.end();
    delete process.env.DATABASE_PREPARED_STATEMENTS;
    if (urls) process.env.APP_DATABASE_URL = urls.appUrl;
    resetServerEnvForTests();
  }, 30_000);

  describe("a pool of 20 server connections", () => {
    beforeAll(() => useBouncer({ default_pool_size: 20 }), 200_000);

    it("runs withTeam (Prisma) and withTeamRaw (pg) behind the tenant wall", async () => {
      const prisma = await withTeam(A, (tx) => tx.$queryRaw<TRow[]>(visibleTeams()));
      const raw = await withTeamRaw(B, (tx) => tx.$queryRaw<TRow[]>(visibleTeams()));
      expect(prisma.map((r) => [r.id, r.setting])).toEqual([[A, A]]);
      expect(raw.map((r) => [r.id, r.setting])).toEqual([[B, B]]);
      // They did come through PgBouncer, as the app role.
      const clients = await admin("SHOW CLIENTS");
      expect(clients.filter((c) => c.user === "crm_app" && c.database === new URL(urls.ownerUrl).pathname.slice(1)).length).toBeGreaterThan(0);
    });

    it("gets the session settings the pools ask for (jit off, UTC), which PgBouncer 1.18 does not forward", async () => {
      // Our pools pass them as the `options` startup parameter; pgbouncer.ini must list `options`
      // in ignore_startup_parameters or 1.18 refuses the connection, so they never reach Postgres
      // from here: only the role's (or database's) defaults can carry them behind the pooler.
      const settings = async (tx: { $queryRaw<T>(q: TemplateStringsArray): Promise<T> }) =>
        (await tx.$queryRaw<Array<{ jit: string; tz: string }>>`SELECT current_setting('jit') AS jit, current_setting('TimeZone') AS tz`)[0]!;
      const [raw, prisma] = [await withTeamRaw(A, settings), await withTeam(A, settings)];
      for (const s of [raw, prisma]) {
        expect(s.jit, "jit: set `ALTER ROLE crm_app SET jit = off` (see the report)").toBe("off");
        expect(["UTC", "Etc/UTC"], "TimeZone: set `ALTER ROLE crm_app SET TimeZone = 'UTC'`").toContain(s.tz);
      }
    });

    it("works with DATABASE_PREPARED_STATEMENTS=0, however the statements are spread over server connections", async () => {
      const runs = await Promise.all(
        Array.from({ length: 40 }, (_, i) => withTeamRaw(i % 2 ? A : B, (tx) => tx.$queryRaw<TRow[]>`SELECT id, current_setting('app.team_id', true) AS setting FROM "Team" WHERE id = ${i % 2 ? A : B}`)),
      );
      runs.forEach((rows, i) => expect(rows.map((r) => r.id)).toEqual([i % 2 ? A : B]));
    });

    it("breaks named prepared statements with DATABASE_PREPARED_STATEMENTS=1 (PgBouncer < 1.21 cannot carry them)", async () => {
      await useBouncer({ default_pool_size: 20 }, "1");
      const results = await Promise.allSettled(
        Array.from({ length: 40 }, (_, i) => withTeamRaw(i % 2 ? A : B, (tx) => tx.$queryRaw<TRow[]>`SELECT id FROM "Team" WHERE id = ${i % 2 ? A : B} AND ${i} >= 0`)),
      );
      const errors = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => String((r.reason as { code?: string }).code ?? r.reason));
      console.info(`DATABASE_PREPARED_STATEMENTS=1 through PgBouncer 1.18: ${errors.length}/40 transactions failed (${[...new Set(errors)].join(", ")})`);
      // 26000: "prepared statement ... does not exist" on a server connection that did not
      // prepare it; 42P05: "... already exists" on one that another client prepared it on.
      expect(errors.length).toBeGreaterThan(0);
      for (const code of errors) expect(["26000", "42P05"]).toContain(code);
      await useBouncer({ default_pool_size: 20 }, "0");
    });

    it("cancels an aborted request's statement through PgBouncer", async () => {
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 200);
      const r = await timed(() => withTeamRaw(A, (tx) => tx.$queryRaw`SELECT pg_sleep(5)`, { interactive: true, signal: ac.signal }));
      expect((r.error as Error | undefined)?.name).toBe("QueryAbortedError");
      expect(r.ms).toBeLessThan(2_000);
    });

    it("fails requests fast while PgBouncer is down, then the same pools recover", async () => {
      // Warm every pool of the process (Prisma's, the lean one, the bulk one; the cancel pool is
      // still warm from the test above) so they hold idle connections that the restart cuts.
      await Promise.all([withTeam(A, (tx) => tx.$queryRaw`SELECT 1`), withTeamRaw(A, (tx) => tx.$queryRaw`SELECT 1`), withTeamSql(A, (c) => c.query("SELECT 1"))]);
      const b = bouncer!;
      const crashes = await catchUncaught(async () => {
        await b.stop();
        await new Promise((r) => setTimeout(r, 300));
      });
      // An idle pooled connection that drops is an 'error' event on its pool: without a listener
      // Node ends the process, i.e. a PgBouncer (or Postgres) restart would kill web and workers.
      expect(crashes, "a pg pool without an 'error' listener would end the process").toEqual([]);
      const down = await Promise.all([timed(() => withTeam(A, (tx) => tx.$queryRaw<TRow[]>(visibleTeams()))), timed(() => withTeamRaw(A, (tx) => tx.$queryRaw<TRow[]>(visibleTeams())))]);
      for (const d of down) {
        expect(d.error).toBeDefined();
        expect(d.ms).toBeLessThan(5_000);
      }
      await b.start();
      // No disconnectDb(): the pools made before the outage serve again. A request that picks an
      // idle connection PgBouncer closed may still fail once; a retry must succeed.
      const firstTry = await Promise.all([timed(() => withTeam(A, (tx) => tx.$queryRaw<TRow[]>(visibleTeams()))), timed(() => withTeamRaw(A, (tx) => tx.$queryRaw<TRow[]>(visibleTeams())))]);
      const retry = async <T>(fn: () => Promise<T>) => {
        for (let i = 0; ; i++) {
          try {
            return await fn();
          } catch (e) {
            if (i >= 10) throw e;
            await new Promise((r) => setTimeout(r, 200));
          }
        }
      };
      const prisma = await retry(() => withTeam(A, (tx) => tx.$queryRaw<TRow[]>(visibleTeams())));
      const raw = await retry(() => withTeamRaw(A, (tx) => tx.$queryRaw<TRow[]>(visibleTeams())));
      expect(prisma.map((r) => r.id)).toEqual([A]);
      expect(raw.map((r) => r.id)).toEqual([A]);
      console.info(
        `PgBouncer stopped: withTeam failed in ${down[0]!.ms} ms (${String(down[0]!.error).slice(0, 80)}), withTeamRaw in ${down[1]!.ms} ms (${String(down[1]!.error).slice(0, 80)}); ` +
          `first try after the restart: withTeam ${firstTry[0]!.error ? `failed (${String(firstTry[0]!.error).slice(0, 80)})` : "ok"}, withTeamRaw ${firstTry[1]!.error ? `failed (${String(firstTry[1]!.error).slice(0, 80)})` : "ok"}`,
      );
    }, 60_000);
  });

  describe("two clients sharing one server connection (default_pool_size = 1)", () => {
    beforeAll(() => useBouncer({ default_pool_size: 1 }), 200_000);

    it("never lets a transaction's tenant setting reach the next transaction or a statement outside one", async () => {
      const seen: Array<{ team: string; rows: TRow[] }> = [];
      const outside: Array<Array<{ setting: string | null; pid: number }>> = [];
      const jobs: Array<Promise<unknown>> = [];
      for (let i = 0; i < 30; i++) {
        const team = i % 2 ? A : B;
        // Prisma's pool and the lean pool are separate clients; PgBouncer gives both the same
        // server connection, one transaction after another.
        jobs.push((i % 3 ? withTeamRaw(team, (tx) => tx.$queryRaw<TRow[]>(visibleTeams())) : withTeam(team, (tx) => tx.$queryRaw<TRow[]>(visibleTeams()))).then((rows) => void seen.push({ team, rows })));
        // A transaction that fails half-way: its setting must go with its rollback.
        if (i % 5 === 0) jobs.push(withTeamRaw(team, async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          throw new Error("rolled back on purpose");
        }).catch(() => undefined));
        // The one-message checks (session and team, API key): their setting ends with the message.
        if (i % 4 === 0) {
          jobs.push(simpleBatchRaw((lit) => `SELECT set_config('app.team_id', ${lit(team)}, true); ${visibleTeams().text}`).then((r) => void seen.push({ team, rows: r[1] as TRow[] })));
        }
        jobs.push(queryRawOutsideTenant<{ setting: string | null; pid: number }>(Prisma.sql`SELECT current_setting('app.team_id', true) AS setting, pg_backend_pid() AS pid`).then((r) => void outside.push(r)));
      }
      await Promise.all(jobs);
      expect(seen).toHaveLength(30 + 8);
      for (const s of seen) expect(s.rows.map((r) => [r.id, r.setting])).toEqual([[s.team, s.team]]);
      for (const o of outside) expect(o[0]!.setting ?? "").toBe("");
      // One server connection served everything: the sharing really happened.
      const pids = new Set([...seen.flatMap((s) => s.rows.map((r) => r.pid)), ...outside.map((o) => o[0]!.pid)]);
      expect(pids.size).toBe(1);
    });
  });
});
