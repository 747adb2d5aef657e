import { createHash } from "node:crypto";
import pg from "pg";
import { serverEnv } from "@crm/config";
import { Prisma } from "./generated/prisma/client";
import { cancelOnAbort, interactiveError, QueryAbortedError } from "./interactive";
import { MissingTenantError, type TTeamOptions } from "./tenant";

// withTeam() on a plain pg client for the hot write paths (recording an outcome, a vote, a claim,
// authenticating an API key). A Prisma interactive transaction costs ~6 ms at p50 before the first
// statement (measured on this stack: 6.5 ms against 0.5 ms for the same BEGIN, set_config, three
// SELECTs and COMMIT on pg), which alone breaks a 20–30 ms p95 target under load. Same tenant
// wall: the app role, app.team_id for this transaction only, RLS as everywhere else. Callers
// keep writing `tx.$queryRaw\`...\`` and Prisma.sql fragments: only raw SQL is offered.

/** The raw-SQL part of a Prisma transaction client, which both withTeam and withTeamRaw provide. */
export type TRawTx = {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
};

const ID = /^[A-Za-z0-9_-]{1,64}$/;

// Values as Prisma's $queryRaw returns them, so code and tests cannot tell the two paths apart:
// timestamps without zone are UTC, DATE is UTC midnight, int8 is bigint, numeric is Decimal.
const utcTimestamp = (s: string) => new Date(`${s.replace(" ", "T")}Z`);
const utcDate = (s: string) => new Date(`${s}T00:00:00.000Z`);
const textArray = pg.types.getTypeParser(1009 as never) as (s: string) => Array<string | null>;
const arrayOf = (f: (s: string) => unknown) => (s: string) => textArray(s).map((x) => (x === null ? null : f(x)));
const PARSERS: Record<number, (s: string) => unknown> = {
  1114: utcTimestamp,
  1115: arrayOf(utcTimestamp),
  1082: utcDate,
  1182: arrayOf(utcDate),
  20: (s) => BigInt(s),
  1016: arrayOf((s) => BigInt(s)),
  1700: (s) => new Prisma.Decimal(s),
};
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    (format ?? "text") === "text" && PARSERS[oid] ? PARSERS[oid] : pg.types.getTypeParser(oid as never, format as never)) as typeof pg.types.getTypeParser,
};

const g = globalThis as unknown as { __crmRawPool?: pg.Pool };

function rawPool(): pg.Pool {
  const env = serverEnv();
  // Same settings as db() (client.ts): no JIT for request-sized queries, UTC.
  if (!g.__crmRawPool) {
    const pool = new pg.Pool({ connectionString: env.APP_DATABASE_URL, max: env.DATABASE_POOL_SIZE, options: "-c jit=off -c TimeZone=UTC", types, connectionTimeoutMillis: 10_000 });
    // An idle connection the server drops (restart, failover, idle kill) is an 'error' event: without
    // a listener Node ends the process. The pool discards that client by itself.
    pool.on("error", (e) => console.warn("database connection lost (idle, lean pool):", e.message));
    g.__crmRawPool = pool;
  }
  return g.__crmRawPool;
}

export async function closeRawPool(): Promise<void> {
  await g.__crmRawPool?.end();
  g.__crmRawPool = undefined;
}

function toSql(query: TemplateStringsArray | Prisma.Sql, values: unknown[]): Prisma.Sql {
  return query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
}

// Named (server-side prepared) statements: Postgres plans a statement once per connection and
// reuses the plan, where planning these RLS-scoped joins took 2–6 ms and running them under 1 ms.
// Bounded per connection, since a statement built from fragments (an IN list's length) has many
// texts; past the bound a statement runs unnamed, as before.
const MAX_NAMED_PER_CONNECTION = 300;
const named = new WeakMap<pg.PoolClient, Set<string>>();

// pg sends a Date in the process's local zone and a `timestamp` column drops the offset; Prisma
// sends UTC. ISO strings make the two paths store the same instant whatever TZ the process has.
const param = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

function queryConfig(client: pg.PoolClient, q: Prisma.Sql): pg.QueryConfig {
  const values = (q.values as unknown[]).map(param);
  if (serverEnv().DATABASE_PREPARED_STATEMENTS !== "1") return { text: q.text, values };
  const name = `crm_${createHash("sha1").update(q.text).digest("base64url").slice(0, 22)}`;
  let seen = named.get(client);
  if (!seen) named.set(client, (seen = new Set()));
  if (!seen.has(name)) {
    if (seen.size >= MAX_NAMED_PER_CONNECTION) return { text: q.text, values };
    seen.add(name);
  }
  return { name, text: q.text, values };
}

function rawTx(client: pg.PoolClient): TRawTx {
  return {
    async $queryRaw<T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      return (await client.query(queryConfig(client, toSql(query, values)))).rows as T;
    },
    async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      return (await client.query(queryConfig(client, toSql(query, values)))).rowCount ?? 0;
    },
  };
}

/**
 * One transaction on a pooled client: `open` runs right after BEGIN (the settings), `fn` gets the
 * raw API; COMMIT when it resolves, ROLLBACK when anything throws (a client whose ROLLBACK fails
 * is dropped from the pool, not reused).
 */
async function inTransaction<T>(open: (c: pg.PoolClient) => Promise<(() => void) | void>, fn: (tx: TRawTx) => Promise<T>, mapError: (e: unknown) => unknown): Promise<T> {
  const client = await rawPool().connect();
  let broken = false;
  let stop: (() => void) | void = undefined;
  // Dropped while checked out: the running query rejects; the event alone must not end the process.
  const lost = () => {
    broken = true;
  };
  client.on("error", lost);
  try {
    await client.query("BEGIN");
    stop = await open(client);
    const result = await fn(rawTx(client));
    await client.query("COMMIT");
    return result;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw mapError(e);
  } finally {
    stop?.();
    client.off("error", lost);
    client.release(broken);
  }
}

/** withTeam() for raw SQL on a lean pg transaction: same options, same errors. */
export async function withTeamRaw<T>(teamId: string, fn: (tx: TRawTx) => Promise<T>, opts: TTeamOptions = {}): Promise<T> {
  if (!teamId || !ID.test(teamId)) throw new MissingTenantError("teamId");
  const { signal } = opts;
  if (signal?.aborted) throw new QueryAbortedError();
  const timeoutMs = opts.interactive ? serverEnv().QUERY_TIMEOUT_MS : null;
  const open = async (client: pg.PoolClient) => {
    const { rows } = await client.query<{ pid: number; started: string }>(
      `SELECT set_config('app.team_id', $1, true), set_config('app.user_id', $2, true),
              CASE WHEN $3::text <> '' THEN set_config('statement_timeout', $3::text, true) END,
              pg_backend_pid() AS pid, now()::text AS started`,
      [teamId, opts.userId ?? "", timeoutMs === null ? "" : `${timeoutMs}ms`],
    );
    // Gave up while waiting for a pooled connection: no abort event will come, so stop here.
    if (signal?.aborted) throw new QueryAbortedError();
    const me = rows[0];
    return signal && me ? cancelOnAbort(signal, me.pid, me.started) : undefined;
  };
  return inTransaction(open, fn, (e) => interactiveError(e, timeoutMs, signal));
}

/**
 * A read that needs no team (the API key lookup): one statement with a transaction-local setting,
 * on the same lean pool. `setting` is one of the narrow lookup GUCs the RLS policies know.
 */
export async function withSettingRaw<T>(setting: "app.api_key_hash" | "app.team_slug", value: string, fn: (tx: TRawTx) => Promise<T>): Promise<T> {
  const open = async (client: pg.PoolClient) => {
    await client.query("SELECT set_config($1, $2, true)", [setting, value]);
  };
  return inTransaction(open, fn, (e) => e);
}
