import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { disconnectDb } from "./client";
import { Prisma } from "./generated/prisma/client";
import { closeRawPool, queryRawOutsideTenant, simpleBatchRaw, withSettingRaw, withTeamRaw, withUserRaw, type TRawTx } from "./raw-tx";
import { prepareTestDatabase } from "./testing";

// Security review of issue 13's lean transactions: BEGIN and the settings now go as one
// simple-query batch of escaped literals. A pool of one connection makes every call reuse the same
// backend, so whatever one unit of work leaves behind is what the next one sees.

const A = `team-${randomUUID()}`;
const B = `team-${randomUUID()}`;
let owner: pg.Client;

beforeAll(async () => {
  const urls = await prepareTestDatabase();
  await closeRawPool();
  process.env.DATABASE_POOL_SIZE = "1";
  resetServerEnvForTests();
  owner = new pg.Client({ connectionString: urls.ownerUrl });
  await owner.connect();
  for (const t of [A, B]) await owner.query(`INSERT INTO "Team" (id, name, slug) VALUES ($1, $1, $1)`, [t]);
});
afterAll(async () => {
  await owner.query(`DELETE FROM "Team" WHERE id = ANY($1)`, [[A, B]]);
  await owner.end();
  await closeRawPool();
  delete process.env.DATABASE_POOL_SIZE;
  resetServerEnvForTests();
  await disconnectDb();
});

type TState = { pid: number; idle: boolean; team: string | null; slug: string | null; user: string | null };
/**
 * What the next user of the pooled connection inherits: its settings, and whether a transaction is
 * still open on it (seen from outside: a backend left in a transaction stays "idle in transaction").
 */
const state = async (): Promise<TState> => {
  const [s] = await queryRawOutsideTenant<Omit<TState, "idle">>(Prisma.sql`
    SELECT pg_backend_pid() AS pid,
           nullif(current_setting('app.team_id', true), '') AS team, nullif(current_setting('app.team_slug', true), '') AS slug,
           nullif(current_setting('app.user_id', true), '') AS "user"`);
  const { rows } = await owner.query<{ state: string }>("SELECT state FROM pg_stat_activity WHERE pid = $1", [s!.pid]);
  return { ...s!, idle: rows[0]?.state === "idle" };
};
const clean = { idle: true, team: null, slug: null, user: null };

const HOSTILE = [
  "x', set_config('app.team_id', 'B', true), '",
  "x\\', set_config('app.team_id', 'B', true) --",
  "\\\\' ; COMMIT; SELECT set_config('app.team_id', 'B', false); --",
  "$$; SELECT 1; $$",
  "E'\\x27'",
  "Ünïcödé ’ ‘ ` ´ \u2028 \u{1F600}",
  "x".repeat(1_000_000),
];

describe("settings sent as escaped literals in the BEGIN batch", () => {
  const roundTrip = (value: string) =>
    withSettingRaw("app.team_slug", value, (tx) =>
      tx.$queryRaw<Array<{ v: string; team: string | null; scs: string }>>`
        SELECT current_setting('app.team_slug') AS v, nullif(current_setting('app.team_id', true), '') AS team,
               current_setting('standard_conforming_strings') AS scs`,
    );

  it("round-trips every value exactly, and sets nothing else", async () => {
    for (const v of HOSTILE) {
      const [r] = await roundTrip(v);
      expect(r!.v).toBe(v);
      expect(r!.team).toBeNull();
    }
    expect(await state()).toMatchObject(clean);
  });

  it("does the same with standard_conforming_strings off on the pooled connection", async () => {
    // Any unit of work may leave a session-level setting behind: the pool does not reset them.
    await withTeamRaw(A, (tx) => tx.$queryRaw`SELECT set_config('standard_conforming_strings', 'off', false)`);
    try {
      for (const v of HOSTILE) {
        const [r] = await roundTrip(v);
        expect(r!.scs).toBe("off");
        expect(r!.v).toBe(v);
        expect(r!.team).toBeNull();
      }
    } finally {
      await withTeamRaw(A, (tx) => tx.$queryRaw`SELECT set_config('standard_conforming_strings', 'on', false)`);
    }
  });

  it("a NUL byte fails the batch before anything runs, and leaves the connection clean", async () => {
    const before = await state();
    await expect(withSettingRaw("app.team_slug", "a\u0000', set_config('app.team_id', 'B', true), '", async () => 1)).rejects.toThrow();
    await expect(withUserRaw("user\u0000x", async () => 1)).rejects.toThrow(); // refused before the pool
    const after = await state();
    expect(after).toMatchObject(clean);
    expect(after.pid).toBe(before.pid);
  });
});

describe("what a unit of work leaves on the pooled connection", () => {
  it("nothing after the callback throws", async () => {
    await expect(withTeamRaw(A, async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      throw new Error("boom");
    }, { userId: "u1" })).rejects.toThrow("boom");
    expect(await state()).toMatchObject(clean);
  });

  it("nothing after a statement fails", async () => {
    await expect(withTeamRaw(A, (tx) => tx.$queryRaw`SELECT 1/0`)).rejects.toThrow();
    expect(await state()).toMatchObject(clean);
  });

  it("nothing after COMMIT itself fails (a deferred constraint)", async () => {
    await expect(withTeamRaw(A, async (tx) => {
      await tx.$executeRaw`CREATE TEMP TABLE review_deferred (k int UNIQUE DEFERRABLE INITIALLY DEFERRED) ON COMMIT DROP`;
      await tx.$executeRaw`INSERT INTO review_deferred VALUES (1), (1)`;
      return "committed?";
    })).rejects.toMatchObject({ code: "23505" });
    expect(await state()).toMatchObject(clean);
  });

  it("withUserRaw: app.user_id for that transaction only, and no tenant rows", async () => {
    const seen = await withUserRaw("u-review", (tx) => tx.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "Team" WHERE id = ANY(${[A, B]}::text[])`);
    expect(seen[0]!.n).toBe(0);
    expect(await state()).toMatchObject(clean);
  });

  it("queryRawOutsideTenant sees no tenant rows", async () => {
    const [r] = await queryRawOutsideTenant<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM "Team" WHERE id = ANY(${[A, B]}::text[])`);
    expect(r!.n).toBe(0);
  });
});

describe("a transaction handle used after its transaction ended", () => {
  // Prisma's transaction client refuses to run once its transaction is over. The raw handle keeps
  // the pooled client it was given: a statement started late (fire-and-forget, the losing branch of
  // a Promise.all, a callback kept in a closure) runs on whatever that client is doing next, which
  // may be another team's transaction.
  it("is refused, never run inside another team's transaction", async () => {
    let leaked: TRawTx | undefined;
    await withTeamRaw(A, async (tx) => {
      leaked = tx;
    });
    const outcome = await withTeamRaw(B, async () => {
      try {
        const rows = await leaked!.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Team"`;
        return { ran: true, teams: rows.map((r) => r.id) };
      } catch {
        return { ran: false, teams: [] as string[] };
      }
    });
    // Today: { ran: true, teams: [B] } — team A's handle read team B's row.
    expect(outcome).toEqual({ ran: false, teams: [] });
  });
});

describe("simpleBatchRaw: statements in one message, values as escaped literals", () => {
  const echo = (v: string) =>
    simpleBatchRaw((lit) => `
      SELECT set_config('app.team_id', ${lit(A)}, true);
      SELECT ${lit(v)}::text AS v, current_setting('app.team_id') AS team, current_setting('standard_conforming_strings') AS scs`);

  it("round-trips every value, and its settings end with the message", async () => {
    for (const v of HOSTILE) {
      const r = await echo(v);
      expect(r[1]![0]).toMatchObject({ v, team: A });
    }
    expect(await state()).toMatchObject(clean);
  });

  it("does the same with standard_conforming_strings off on the pooled connection", async () => {
    await withTeamRaw(A, (tx) => tx.$queryRaw`SELECT set_config('standard_conforming_strings', 'off', false)`);
    try {
      for (const v of HOSTILE) expect((await echo(v))[1]![0]).toMatchObject({ v, team: A, scs: "off" });
    } finally {
      await withTeamRaw(A, (tx) => tx.$queryRaw`SELECT set_config('standard_conforming_strings', 'on', false)`);
    }
    expect(await state()).toMatchObject(clean);
  });

  it("a failing statement rolls the whole message back and leaves the connection clean", async () => {
    const before = await state();
    await expect(
      simpleBatchRaw((lit) => `
        SELECT set_config('app.team_id', ${lit(B)}, true);
        INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "updatedAt") VALUES (${lit(randomUUID())}, ${lit(B)}, 'batch', 'batch', 'gray', now());
        SELECT 1 / 0`),
    ).rejects.toThrow(/division by zero/);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM "Tag" WHERE "teamId" = $1 AND name = 'batch'`, [B]);
    expect(rows[0].n).toBe(0);
    const after = await state();
    expect(after).toMatchObject(clean);
    expect(after.pid).toBe(before.pid);
  });
});

describe("withTeamRaw's tuning stays in its transaction", () => {
  const tuning = async () =>
    (await queryRawOutsideTenant<{ pcm: string; sc: string }>(Prisma.sql`SELECT current_setting('plan_cache_mode') AS pcm, current_setting('synchronous_commit') AS sc`))[0]!;

  it("generic plans and an unflushed commit for a lease, then the server's defaults again", async () => {
    const before = await tuning();
    const inside = await withTeamRaw(A, (tx) => tx.$queryRaw<Array<{ pcm: string; sc: string }>>`SELECT current_setting('plan_cache_mode') AS pcm, current_setting('synchronous_commit') AS sc`, {
      tune: { genericPlans: true, leaseOnly: true },
    });
    expect(inside[0]).toEqual({ pcm: "force_generic_plan", sc: "off" });
    expect(await tuning()).toEqual(before);
    expect(await state()).toMatchObject(clean);
  });
});
