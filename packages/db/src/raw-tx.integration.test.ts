import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { disconnectDb } from "./client";
import { Prisma } from "./generated/prisma/client";
import { QueryAbortedError, QueryTimeoutError } from "./interactive";
import { lastQueryRaw, withTeamRaw } from "./raw-tx";
import { withTeam } from "./tenant";
import { prepareTestDatabase } from "./testing";

// withTeamRaw must be indistinguishable from withTeam for raw SQL: same values, same tenant wall,
// same timeout, and a rollback when the callback throws.

const A = `team-${randomUUID()}`;
const B = `team-${randomUUID()}`;
let owner: pg.Client;

beforeAll(async () => {
  const urls = await prepareTestDatabase();
  process.env.QUERY_TIMEOUT_MS = "400";
  resetServerEnvForTests();
  owner = new pg.Client({ connectionString: urls.ownerUrl });
  await owner.connect();
  for (const t of [A, B]) await owner.query(`INSERT INTO "Team" (id, name, slug) VALUES ($1, $1, $1)`, [t]);
});
afterAll(async () => {
  await owner.query(`DELETE FROM "Team" WHERE id = ANY($1)`, [[A, B]]);
  await owner.end();
  delete process.env.QUERY_TIMEOUT_MS;
  resetServerEnvForTests();
  await disconnectDb();
});

const VALUES = `
  SELECT '2026-03-29 01:30:00.123'::timestamp AS ts, '2026-03-29 01:30:00+02'::timestamptz AS tstz,
         '2026-03-29'::date AS d, 9007199254740993::int8 AS big, 12.50::numeric AS num, 7::int AS i,
         ARRAY['2026-01-01 00:00:00'::timestamp, NULL] AS tsa, ARRAY['2026-01-02'::date] AS da,
         ARRAY['a', 'b,c', NULL]::text[] AS ta, '{"k": [1, "x"]}'::jsonb AS j, true AS b, NULL::timestamp AS nothing`;

// pg's wire layer (the same module instance the pool uses; it has no type declarations).
const Connection = createRequire(import.meta.url)("pg/lib/connection.js") as { prototype: Record<string, (...a: unknown[]) => unknown> };
const realQuery = Connection.prototype.query!;
const realExecute = Connection.prototype.execute!;

describe("withTeamRaw", () => {
  it("returns the same values as Prisma's $queryRaw", async () => {
    const viaPrisma = await withTeam(A, (tx) => tx.$queryRawUnsafe<unknown[]>(VALUES));
    const viaRaw = await withTeamRaw(A, (tx) => tx.$queryRaw<unknown[]>(Prisma.raw(VALUES)));
    expect(viaRaw).toEqual(viaPrisma);
    expect((viaRaw[0] as { ts: Date }).ts.toISOString()).toBe("2026-03-29T01:30:00.123Z");
  });

  it("stores a Date as the same instant whatever the process's time zone", async () => {
    const at = new Date("2026-12-05T10:00:00.000Z");
    const tz = process.env.TZ;
    try {
      for (const zone of ["America/New_York", "Asia/Kolkata"]) {
        process.env.TZ = zone;
        const [r] = await withTeamRaw(A, (tx) => tx.$queryRaw<Array<{ t: Date }>>`SELECT (${at}::timestamptz AT TIME ZONE 'UTC')::timestamp AS t`);
        expect(r!.t.toISOString()).toBe(at.toISOString());
        const [p] = await withTeamRaw(A, (tx) => tx.$queryRaw<Array<{ t: Date }>>`SELECT ${at}::timestamp AS t`);
        expect(p!.t.toISOString()).toBe(at.toISOString());
      }
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it("survives a connection the server drops, idle or in use", async () => {
    const pid = async () => (await withTeamRaw(A, (tx) => tx.$queryRaw<Array<{ pid: number }>>`SELECT pg_backend_pid() AS pid`))[0]!.pid;
    await owner.query(`SELECT pg_terminate_backend($1)`, [await pid()]);
    await new Promise((r) => setTimeout(r, 100));
    // A marker only this statement carries: the database is shared with other test files, whose
    // connections must never be the ones terminated.
    // Settled into a value at once: it may fail before the expectation below is reached, and an
    // unobserved rejection in between would be reported as an unhandled error.
    const busy = withTeamRaw(A, (tx) => tx.$queryRaw`SELECT pg_sleep(2) AS raw_tx_drop_marker`).then(() => null, (e: unknown) => e);
    await new Promise((r) => setTimeout(r, 300));
    await owner.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep(2) AS raw_tx_drop_marker%' AND pid <> pg_backend_pid()`,
    );
    expect(await busy).toBeInstanceOf(Error);
    await expect(pid()).resolves.toBeGreaterThan(0);
  });

  it("keeps its connection warm across a user's pause (pg's default closed it after 10 s idle)", async () => {
    const pid = async () => (await withTeamRaw(A, (tx) => tx.$queryRaw<Array<{ pid: number }>>`SELECT pg_backend_pid() AS pid`))[0]!.pid;
    const before = await pid();
    await new Promise((r) => setTimeout(r, 11_000));
    expect(await pid()).toBe(before);
  }, 30_000);

  it("turns bitmap scans off for orderedWalks only, for that transaction only", async () => {
    const show = (tune?: { orderedWalks: boolean }) =>
      withTeamRaw(A, async (tx) => (await tx.$queryRaw<Array<{ v: string; pid: number }>>`SELECT current_setting('enable_bitmapscan') AS v, pg_backend_pid() AS pid`)[0]!, tune ? { tune } : {});
    const during = await show({ orderedWalks: true });
    expect(during.v).toBe("off");
    // On the same connection (the pool hands back the one it just got): the setting must not have
    // outlived its transaction.
    expect(await show()).toEqual({ v: "on", pid: during.pid });
  });

  it("sees only its own team's rows and cannot write another team's", async () => {
    const teams = await withTeamRaw(A, (tx) => tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Team" WHERE id IN (${A}, ${B})`);
    expect(teams.map((t) => t.id)).toEqual([A]);
    await expect(withTeamRaw(A, (tx) => tx.$executeRaw`INSERT INTO "Tag" (id, "teamId", name, "updatedAt") VALUES (${randomUUID()}, ${B}, 'x', now())`)).rejects.toThrow(/row-level security/);
  });

  it("rolls back when the callback throws", async () => {
    const id = randomUUID();
    await expect(
      withTeamRaw(A, async (tx) => {
        await tx.$executeRaw`INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "updatedAt") VALUES (${id}, ${A}, ${`t-${id}`}, ${`t-${id}`}, 'gray', now())`;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM "Tag" WHERE id = $1`, [id]);
    expect(rows[0].n).toBe(0);
  });

  it("readOnly: refuses a write, answers before COMMIT, and the connection comes back clean", async () => {
    const id = randomUUID();
    await expect(
      withTeamRaw(A, (tx) => tx.$executeRaw`INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "updatedAt") VALUES (${id}, ${A}, ${`t-${id}`}, ${`t-${id}`}, 'gray', now())`, { readOnly: true }),
    ).rejects.toThrow(/read-only transaction/);
    // Many reads in a row on a small pool: each one's client goes back after its COMMIT, outside any
    // transaction (a later read-write transaction on it writes and commits as usual).
    const pids = await Promise.all(Array.from({ length: 40 }, () => withTeamRaw(A, (tx) => tx.$queryRaw<Array<{ pid: number; tx: string }>>`SELECT pg_backend_pid() AS pid, current_setting('transaction_read_only') AS tx`, { readOnly: true })));
    expect(new Set(pids.map((r) => r[0]!.tx))).toEqual(new Set(["on"]));
    await withTeamRaw(A, (tx) => tx.$executeRaw`INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "updatedAt") VALUES (${id}, ${A}, ${`t-${id}`}, ${`t-${id}`}, 'gray', now())`);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM "Tag" WHERE id = $1`, [id]);
    expect(rows[0].n).toBe(1);
    // The prelude runs after the team is set: it sees this team's rows only.
    const seen = await withTeamRaw(A, async (_tx, prelude) => prelude, { readOnly: true, prelude: (lit) => `SELECT id FROM "Team" WHERE id IN (${lit(A)}, ${lit(B)})` });
    expect(seen).toEqual([[{ id: A }]]);
    await owner.query(`DELETE FROM "Tag" WHERE id = $1`, [id]);
  });

  it("readOnly: the client goes back once COMMIT is done, and is dropped when COMMIT fails", async () => {
    const pool = (globalThis as { __crmRawPool?: pg.Pool }).__crmRawPool!;
    // The test before ends on a read whose COMMIT may still be on its way: start from a pool with none out.
    for (let i = 0; i < 50 && pool.totalCount - pool.idleCount > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(pool.totalCount - pool.idleCount).toBe(0);
    await withTeamRaw(A, (tx) => tx.$queryRaw`SELECT 1`, { readOnly: true });
    // The answer came before COMMIT's: the client is still out, then back.
    expect(pool.totalCount - pool.idleCount).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(pool.totalCount - pool.idleCount).toBe(0);
    // Its backend gone after the last read: the answer stands, COMMIT fails unseen, the client is dropped.
    const before = pool.totalCount;
    const pid = await withTeamRaw(A, async (tx) => {
      const [r] = await tx.$queryRaw<Array<{ pid: number }>>`SELECT pg_backend_pid() AS pid`;
      await owner.query(`SELECT pg_terminate_backend($1)`, [r!.pid]);
      return r!.pid;
    }, { readOnly: true });
    expect(pid).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(pool.totalCount).toBe(before - 1);
    expect(pool.totalCount - pool.idleCount).toBe(0);
  });

  it("pipelines: the first statement goes out with BEGIN, COMMIT with the last, each in the same round trip", async () => {
    await withTeamRaw(A, (tx) => tx.$queryRaw`SELECT 1`); // a pooled connection, already connected
    // What goes on the wire (pg's Connection: a simple query, or an extended statement's Execute)
    // and when each query's answer ends (ReadyForQuery): pipelined means written before the answer
    // to the one ahead of it came back.
    const log: string[] = [];
    const tagOf = (text: string) => text.trim().split(/\s+/)[0]!.replace(/;$/, "");
    const proto = Connection.prototype;
    const wire = [
      vi.spyOn(proto, "query").mockImplementation(function (this: unknown, ...a: unknown[]) {
        log.push(`write ${tagOf(a[0] as string)}`);
        return realQuery.apply(this, a);
      } as never),
      vi.spyOn(proto, "execute").mockImplementation(function (this: unknown, ...a: unknown[]) {
        log.push("write statement");
        return realExecute.apply(this, a);
      } as never),
    ];
    const realEmit = proto.emit!;
    const answers = vi.spyOn(proto, "emit").mockImplementation(function (this: unknown, ...a: unknown[]) {
      if (a[0] === "readyForQuery") log.push("answered");
      return realEmit.apply(this, a);
    } as never);
    const spy = { mockRestore: () => [answers, ...wire].forEach((m) => m.mockRestore()) };
    const id = randomUUID();
    try {
      const rows = await withTeamRaw(A, async (tx) => {
        await tx.$executeRaw`INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "updatedAt") VALUES (${id}, ${A}, ${`t-${id}`}, ${`t-${id}`}, 'gray', now())`;
        return lastQueryRaw<Array<{ team: string; n: number }>>(tx, Prisma.sql`SELECT current_setting('app.team_id') AS team, count(*)::int AS n FROM "Tag" WHERE id = ${id}`);
      });
      expect(rows).toEqual([{ team: A, n: 1 }]);
      expect(log).toEqual(["write BEGIN", "write statement", "answered", "answered", "write statement", "write COMMIT", "answered", "answered"]);
    } finally {
      spy.mockRestore();
    }
    // Committed once lastQueryRaw answered.
    expect((await owner.query(`SELECT count(*)::int AS n FROM "Tag" WHERE id = $1`, [id])).rows[0].n).toBe(1);
    await owner.query(`DELETE FROM "Tag" WHERE id = $1`, [id]);
  });

  it("an abort while BEGIN is on its way cancels only once BEGIN is answered: the statement behind it never runs outside the transaction", async () => {
    await withTeamRaw(A, (tx) => tx.$queryRaw`SELECT 1`);
    const log: string[] = [];
    const ac = new AbortController();
    const proto = Connection.prototype;
    const realEmit = proto.emit!;
    const realConnect = net.connect;
    const spies = [
      vi.spyOn(proto, "query").mockImplementation(function (this: unknown, ...a: unknown[]) {
        if (/^BEGIN/.test(a[0] as string)) log.push("write BEGIN");
        return realQuery.apply(this, a);
      } as never),
      vi.spyOn(proto, "execute").mockImplementation(function (this: unknown, ...a: unknown[]) {
        const r = realExecute.apply(this, a);
        log.push("write statement");
        ac.abort(); // the user leaves while BEGIN and the first statement are on their way
        return r;
      } as never),
      vi.spyOn(proto, "emit").mockImplementation(function (this: unknown, ...a: unknown[]) {
        if (a[0] === "readyForQuery") log.push("answered");
        return realEmit.apply(this, a);
      } as never),
      vi.spyOn(net, "connect").mockImplementation(((...a: unknown[]) => {
        log.push("cancel");
        return (realConnect as (...x: unknown[]) => net.Socket)(...a);
      }) as never),
    ];
    const id = randomUUID();
    let err: unknown;
    try {
      err = await withTeamRaw(
        A,
        (tx) => tx.$executeRaw`INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "updatedAt") SELECT ${id}, ${A}, ${`t-${id}`}, ${`t-${id}`}, 'gray', now() FROM pg_sleep(0.5)`,
        { interactive: true, signal: ac.signal },
      ).then(() => null, (e: unknown) => e);
    } finally {
      spies.forEach((m) => m.mockRestore());
    }
    expect(err).toBeInstanceOf(QueryAbortedError);
    expect(log.slice(0, 4)).toEqual(["write BEGIN", "write statement", "answered", "cancel"]);
    expect((await owner.query(`SELECT count(*)::int AS n FROM "Tag" WHERE id = $1`, [id])).rows[0].n).toBe(0);
  });

  it("does not report success for a transaction that a swallowed error rolled back", async () => {
    const id = randomUUID();
    const err = await withTeamRaw(A, async (tx) => {
      await tx.$executeRaw`INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "updatedAt") VALUES (${id}, ${A}, ${`t-${id}`}, ${`t-${id}`}, 'gray', now())`;
      await tx.$queryRaw`SELECT 1 / 0`.catch(() => undefined);
      return "saved";
    }).then(() => null, (e: unknown) => e);
    expect(String(err)).toMatch(/did not commit \(ROLLBACK\)/);
    expect((await owner.query(`SELECT count(*)::int AS n FROM "Tag" WHERE id = $1`, [id])).rows[0].n).toBe(0);
  });

  it("does not pool again a connection that sent a CancelRequest (one still on its way would stop the next borrower)", async () => {
    const ac = new AbortController();
    let pid = 0;
    const err = await withTeamRaw(
      A,
      async (tx) => {
        pid = (await tx.$queryRaw<Array<{ pid: number }>>`SELECT pg_backend_pid() AS pid`)[0]!.pid;
        setTimeout(() => ac.abort(), 50);
        await tx.$queryRaw`SELECT pg_sleep(2)`;
      },
      { interactive: true, signal: ac.signal },
    ).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(QueryAbortedError);
    await new Promise((r) => setTimeout(r, 300));
    expect((await owner.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1`, [pid])).rows[0].n).toBe(0);
  });

  it("lastQueryRaw: a value that cannot be sent fails before COMMIT is queued, and commits nothing", async () => {
    const id = randomUUID();
    const err = await withTeamRaw(A, async (tx) => {
      await tx.$executeRaw`INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "updatedAt") VALUES (${id}, ${A}, ${`t-${id}`}, ${`t-${id}`}, 'gray', now())`;
      return lastQueryRaw(tx, Prisma.sql`SELECT ${{ n: 1n }}::jsonb AS j`);
    }).then(() => null, (e: unknown) => e);
    expect(String(err)).toMatch(/BigInt/);
    expect((await owner.query(`SELECT count(*)::int AS n FROM "Tag" WHERE id = $1`, [id])).rows[0].n).toBe(0);
    // The named statement was never recorded as prepared: the same text with a good value works.
    const ok = await withTeamRaw(A, (tx) => lastQueryRaw<Array<{ j: unknown }>>(tx, Prisma.sql`SELECT ${{ n: 1 }}::jsonb AS j`));
    expect(ok).toEqual([{ j: { n: 1 } }]);
  });

  it("lastQueryRaw: a failing last statement commits nothing; the handle refuses statements after it", async () => {
    const id = randomUUID();
    const err = await withTeamRaw(A, async (tx) => {
      await tx.$executeRaw`INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "updatedAt") VALUES (${id}, ${A}, ${`t-${id}`}, ${`t-${id}`}, 'gray', now())`;
      return lastQueryRaw(tx, Prisma.sql`SELECT 1 / (SELECT count(*)::int - 1 FROM "Tag" WHERE id = ${id})`);
    }).then(() => null, (e: unknown) => e);
    expect(String(err)).toMatch(/division by zero/);
    expect((await owner.query(`SELECT count(*)::int AS n FROM "Tag" WHERE id = $1`, [id])).rows[0].n).toBe(0);
    // A failing FIRST statement (pipelined with BEGIN) rolls back the same way, and the team is set for it.
    await expect(withTeamRaw(A, (tx) => tx.$executeRaw`INSERT INTO "Tag" (id, "teamId", name, "updatedAt") VALUES (${randomUUID()}, ${B}, 'x', now())`)).rejects.toThrow(/row-level security/);
    let leaked: Prisma.Sql | null = null;
    const late = await withTeamRaw(A, async (tx) => {
      await lastQueryRaw(tx, Prisma.sql`SELECT 1`);
      leaked = Prisma.sql`SELECT 2`;
      return tx.$queryRaw(leaked).then(() => "ran", (e: Error) => e.message);
    });
    expect(late).toMatch(/transaction has ended/);
    // The pool's connections come back outside any transaction.
    const states = await Promise.all(Array.from({ length: 12 }, () => withTeamRaw(A, (tx) => lastQueryRaw<Array<{ n: number }>>(tx, Prisma.sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = pg_backend_pid() AND state = 'active' AND backend_xid IS NULL`))));
    expect(states.flat()).toEqual(Array.from({ length: 12 }, () => ({ n: 1 })));
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'crm_app' AND state LIKE 'idle in transaction%'`);
    expect(rows[0].n).toBe(0);
  });

  it("lastQueryRaw on Prisma's transaction client is a plain statement, committed by withTeam", async () => {
    const id = randomUUID();
    const rows = await withTeam(A, async (tx) => {
      await tx.$executeRaw`INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "updatedAt") VALUES (${id}, ${A}, ${`t-${id}`}, ${`t-${id}`}, 'gray', now())`;
      return lastQueryRaw<Array<{ n: number }>>(tx, Prisma.sql`SELECT count(*)::int AS n FROM "Tag" WHERE id = ${id}`);
    });
    expect(rows).toEqual([{ n: 1 }]);
    expect((await owner.query(`SELECT count(*)::int AS n FROM "Tag" WHERE id = $1`, [id])).rows[0].n).toBe(1);
    await owner.query(`DELETE FROM "Tag" WHERE id = $1`, [id]);
  });

  it("stops an interactive statement at QUERY_TIMEOUT_MS", async () => {
    const err = await withTeamRaw(A, (tx) => tx.$queryRaw`SELECT pg_sleep(3)`, { interactive: true }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(QueryTimeoutError);
  });
});
