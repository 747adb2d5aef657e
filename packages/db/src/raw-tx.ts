import { createHash } from "node:crypto";
import pg from "pg";
import { serverEnv } from "@crm/config";
import { Prisma } from "./generated/prisma/client";
import { cancelOnAbort, interactiveError, QueryAbortedError } from "./interactive";
import { POOL_IDLE } from "./pool-idle";
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
    const pool = new pg.Pool({ connectionString: env.APP_DATABASE_URL, max: env.DATABASE_POOL_SIZE, pipeline: true, options: "-c jit=off -c TimeZone=UTC", types, connectionTimeoutMillis: 10_000, ...POOL_IDLE });
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
const param = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.map(param) : v);
// Values are serialized here, before anything goes on the wire, rather than by pg while it writes
// the statement: a value that cannot be (a BigInt inside JSON) then fails before a pipelined COMMIT
// is queued behind it, and before pg has recorded a named statement it then fails to bind.
const prepareValue = (pg as unknown as { utils: { prepareValue: (v: unknown) => unknown } }).utils.prepareValue;

function queryConfig(client: pg.PoolClient, q: Prisma.Sql, prepared: boolean): pg.QueryConfig {
  const values = (q.values as unknown[]).map((v) => prepareValue(param(v)));
  if (!prepared || serverEnv().DATABASE_PREPARED_STATEMENTS !== "1") return { text: q.text, values };
  const name = `crm_${createHash("sha1").update(q.text).digest("base64url").slice(0, 22)}`;
  let seen = named.get(client);
  if (!seen) named.set(client, (seen = new Set()));
  if (!seen.has(name)) {
    if (seen.size >= MAX_NAMED_PER_CONNECTION) return { text: q.text, values };
    seen.add(name);
  }
  return { name, text: q.text, values };
}

// A request aborted between two statements: a cancel does nothing to a backend idle in
// its transaction, so the next statement is not sent at all. A handle used after its transaction
// ended would run on whoever holds the pooled connection next (another team's transaction): it
// refuses, as Prisma's transaction client does.
//
// The lean pool's clients pipeline (pg's `pipeline: true`): a statement goes out without waiting
// for the one before it to be answered. The transaction's first statement travels with BEGIN and
// the settings (`state.opening`), and `lastQueryRaw` sends COMMIT behind the last one: each saves
// a round trip, and Postgres still runs them in order. A statement behind a failed one fails too
// (the transaction is aborted), and COMMIT in an aborted transaction rolls back.
type TTxState = { open: boolean; opening: Promise<unknown> | null; committed: boolean };

const LAST = new WeakMap<TRawTx, (query: Prisma.Sql) => Promise<pg.QueryResult>>();

function rawTx(client: pg.PoolClient, prepared: boolean, state: TTxState, signal?: AbortSignal): TRawTx {
  const send = (q: Prisma.Sql): Promise<pg.QueryResult> => {
    if (!state.open) throw new Error("This transaction has ended: its handle cannot run statements any more.");
    if (signal?.aborted) throw new QueryAbortedError();
    return behindOpening(state, client.query(queryConfig(client, q, prepared)));
  };
  const tx: TRawTx = {
    async $queryRaw<T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      return (await send(toSql(query, values))).rows as T;
    },
    async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      return (await send(toSql(query, values))).rowCount ?? 0;
    },
  };
  LAST.set(tx, async (q) => {
    const result = send(q);
    const commit = client.query("COMMIT");
    state.open = false;
    state.committed = true;
    // A statement that failed rejects first; any other way COMMIT rolled back is an error too.
    const [rows] = await Promise.all([result, commit.then(committed)]);
    return rows;
  });
  return tx;
}

function committed(r: pg.QueryResult): void {
  if (r.command !== "COMMIT") throw new Error(`The transaction did not commit (${r.command}).`);
}

/** `p`, once BEGIN and the settings sent before it are answered too (both rejections handled). */
async function behindOpening<R>(state: TTxState, p: Promise<R>): Promise<R> {
  const opening = state.opening;
  if (!opening) return p;
  state.opening = null;
  return (await Promise.all([opening, p]))[1];
}

/**
 * Runs `query` as the transaction's LAST statement: on the lean path (withTeamRaw) COMMIT is sent
 * right behind it, so the answer and the commit come back in one round trip; the handle then
 * refuses further statements. A write path's final read (the item as it now is) is the place for
 * it: nothing after it may fail and expect a rollback. On Prisma's transaction client it is a
 * plain $queryRaw, committed by withTeam as usual.
 */
export async function lastQueryRaw<T>(tx: TRawTx, query: Prisma.Sql): Promise<T> {
  const last = LAST.get(tx);
  return (last ? (await last(query)).rows : await tx.$queryRaw(query)) as T;
}

/** What a transaction sets first (transaction-local), and what to do once they are set. */
type TOpen = {
  settings: Array<[string, string]>;
  /** Statements sent with BEGIN and the settings (see TPrelude). */
  prelude?: TPrelude;
  /** BEGIN READ ONLY, and the answer does not wait for COMMIT (see TTeamRawOptions.readOnly). */
  readOnly?: boolean;
};

/**
 * A pooled client for `fn`, released afterwards; destroyed instead when it was dropped while
 * checked out, or when `fn` says so (`drop()`: a ROLLBACK that failed). The pool itself also
 * destroys a client whose connection ended. `fn` may hand over a last statement still in flight
 * (`releaseAfter`): its result is returned at once, the client goes back once that is done.
 */
async function withPooledClient<T>(fn: (client: pg.PoolClient, drop: () => void, releaseAfter: (last: Promise<unknown>) => void) => Promise<T>): Promise<T> {
  const client = await rawPool().connect();
  let broken = false;
  let last: Promise<unknown> | undefined;
  // Dropped while checked out: the running query rejects; the event alone must not end the process.
  const drop = () => {
    broken = true;
  };
  const release = () => {
    client.off("error", drop);
    client.release(broken);
  };
  client.on("error", drop);
  try {
    return await fn(client, drop, (p) => {
      // Handled at once: it may fail (a cancel or a lost connection) before `fn`'s cleanup is done.
      last = p.then(() => undefined, drop);
    });
  } finally {
    if (last) void last.then(release);
    else release();
  }
}

/**
 * One transaction on a pooled client. BEGIN and the settings are one simple-query message (the
 * values are escaped literals, since it takes no parameters), pipelined with `fn`'s first
 * statement unless a prelude's rows must reach `fn` first; COMMIT when `fn` resolves (unless
 * `lastQueryRaw` already sent it), ROLLBACK when anything throws (a client whose ROLLBACK fails is
 * dropped from the pool, not reused). Every request opens one or more of these, so each round trip
 * saved counts (issues 10 and 13).
 */
async function inTransaction<T>(open: TOpen, fn: (tx: TRawTx, prelude: unknown[][]) => Promise<T>, mapError: (e: unknown) => unknown, prepared = true, signal?: AbortSignal): Promise<T> {
  return withPooledClient(async (client, drop, releaseAfter) => {
    const state: TTxState = { open: true, opening: null, committed: false };
    const cancel: { stop?: () => Promise<boolean> } = {};
    let armed: Promise<void> | undefined;
    try {
      // Gave up while waiting for a pooled connection: no abort event will come, so stop here.
      if (signal?.aborted) throw new QueryAbortedError();
      const sets = open.settings.map(([k, v]) => `set_config(${client.escapeLiteral(k)}, ${client.escapeLiteral(v)}, true)`);
      const prelude = open.prelude ? `; ${open.prelude((v) => client.escapeLiteral(v))}` : "";
      const begin = open.readOnly ? "BEGIN READ ONLY" : "BEGIN";
      const opening = client.query(`${begin}; SELECT ${sets.join(", ")}${prelude}`) as unknown as Promise<pg.QueryResult[]>;
      // The abort's CancelRequest is armed once BEGIN and the settings are answered, not before: one
      // that reached the BEGIN message before BEGIN ran would fail that message, and the statement
      // pipelined behind it would run outside any transaction, without the team set.
      if (signal) {
        armed = opening.then(
          () => {
            cancel.stop = cancelOnAbort(signal, { client });
          },
          () => undefined,
        );
      }
      let preludeRows: unknown[][] = [];
      if (open.prelude) preludeRows = (await opening).slice(2).map((r) => r.rows);
      else state.opening = opening;
      const result = await fn(rawTx(client, prepared, state, signal), preludeRows);
      if (!state.committed) {
        state.open = false;
        // A read-only transaction has nothing to lose at COMMIT: its answer goes out while COMMIT
        // travels (one round trip less), and the client returns to the pool once it is done.
        // COMMIT in a transaction a swallowed error aborted answers ROLLBACK, without an error.
        const commit = behindOpening(state, client.query("COMMIT")).then(committed);
        if (open.readOnly) releaseAfter(commit);
        else await commit;
      }
      return result;
    } catch (e) {
      // BEGIN not yet answered (fn threw before its first statement): its failure is this one's.
      state.opening?.catch(() => undefined);
      await client.query("ROLLBACK").catch(drop);
      throw mapError(e);
    } finally {
      state.open = false;
      await armed;
      // A client that sent a CancelRequest is not pooled again (cancelOnAbort).
      if (await cancel.stop?.()) drop();
    }
  });
}

/**
 * withTeam() for raw SQL on a lean pg transaction: same options, same errors. `prepared: false`
 * plans every statement with its values, for statements whose best plan depends on them (a filter's
 * text patterns, dates and LIMIT) and whose texts vary too much to be worth a name per connection:
 * the connections table's pages and counts. A named statement switches to a generic plan after
 * five runs when it looks as cheap, and a generic LIMIT or LIKE can pick the wrong scan.
 */
/**
 * Per-transaction tuning for the review flow's hot paths (set in the BEGIN batch, so free):
 * - `genericPlans`: plan_cache_mode = force_generic_plan. Postgres kept re-planning the claim and
 *   the card for every call (custom plans judged cheaper than the generic one: 0.5 and 2.6 ms of
 *   planning against well under 1 ms of execution); their generic plans are the same index walks
 *   for every team, fresh or settled. Only statements whose plans do not depend on the values.
 * - `leaseOnly`: synchronous_commit = off, for a transaction that writes only claims (leases) and
 *   wakes due snoozes: a crash may forget the last few, which costs nothing (a lease is given again,
 *   a snooze wakes again); it saves waiting for the WAL flush on every "next card".
 * - `orderedWalks`: enable_bitmapscan = off, for statements that take the first row of an index's
 *   order (ORDER BY … LIMIT 1). A generic plan guesses an account's queue at ~230 items, and at
 *   that size a bitmap scan and a sort look as cheap as the walk: on a real 30,000-item queue each
 *   reviewer's first claim read and sorted all of it (250 ms, spilling to disk), where the walk
 *   stops at the first free card. A named statement shared with a path without it keeps, per
 *   connection, the generic plan of whichever prepared it first (the card's: both are index lookups).
 */
export type TRawTune = { genericPlans?: boolean; leaseOnly?: boolean; orderedWalks?: boolean };

/**
 * Statements to send with BEGIN and the transaction's settings, in the same round trip, after the
 * team is set (so row-level security applies): a read every call of a service makes first (the
 * connections list's default ICP). A simple query takes no parameters: quote every value with
 * `lit`. Their rows come to `fn` as its second argument, one array per statement.
 */
export type TPrelude = (lit: (v: string) => string) => string;

export type TTeamRawOptions = TTeamOptions & {
  prepared?: boolean;
  tune?: TRawTune;
  prelude?: TPrelude;
  /**
   * A read (BEGIN READ ONLY: a write in it fails): the result comes back without waiting for
   * COMMIT's round trip; the client is released when COMMIT is done (or dropped if it failed).
   */
  readOnly?: boolean;
};

export async function withTeamRaw<T>(teamId: string, fn: (tx: TRawTx, prelude: unknown[][]) => Promise<T>, opts: TTeamRawOptions = {}): Promise<T> {
  if (!teamId || !ID.test(teamId)) throw new MissingTenantError("teamId");
  const { signal } = opts;
  if (signal?.aborted) throw new QueryAbortedError();
  const timeoutMs = opts.interactive ? serverEnv().QUERY_TIMEOUT_MS : null;
  const settings: Array<[string, string]> = [
    ["app.team_id", teamId],
    ["app.user_id", opts.userId ?? ""],
  ];
  // Interactive reads: bounded, and without parallel workers (tenant.ts, TTeamOptions.interactive).
  if (timeoutMs !== null) settings.push(["statement_timeout", `${timeoutMs}ms`], ["max_parallel_workers_per_gather", "0"]);
  if (opts.tune?.genericPlans) settings.push(["plan_cache_mode", "force_generic_plan"]);
  if (opts.tune?.leaseOnly) settings.push(["synchronous_commit", "off"]);
  if (opts.tune?.orderedWalks) settings.push(["enable_bitmapscan", "off"]);
  return inTransaction({ settings, prelude: opts.prelude, readOnly: opts.readOnly }, fn, (e) => interactiveError(e, timeoutMs, signal), opts.prepared ?? true, signal);
}

/**
 * withUser() on the lean path: the signed-in user's own memberships and teams (app.user_id for
 * this transaction only). Every team page and team route resolves the caller's membership here
 * first, so it must not cost a Prisma interactive transaction (issue 13).
 */
export async function withUserRaw<T>(userId: string, fn: (tx: TRawTx) => Promise<T>): Promise<T> {
  if (!userId || !ID.test(userId)) throw new MissingTenantError("userId");
  return inTransaction({ settings: [["app.user_id", userId]] }, fn, (e) => e);
}

/**
 * One statement on the lean pool outside any transaction, for the tables row-level security does
 * not cover (User, Session): the session check of every signed-in request. On a tenant table it
 * sees nothing, since no app.team_id or app.user_id is set.
 */
export async function queryRawOutsideTenant<T>(query: Prisma.Sql): Promise<T[]> {
  return withPooledClient(async (client) => (await client.query(queryConfig(client, query, true))).rows as T[]);
}

/**
 * Statements sent as ONE simple-query message on the lean pool: one round trip. Postgres runs a
 * multi-statement message as one implicit transaction, so a set_config(…, true) in the first
 * statement holds for the next ones and ends with the message (an error rolls all of it back). A
 * simple query takes no parameters: `build` quotes every value with `lit` (escapeLiteral). For
 * the session-and-team check every signed-in team request makes first (core/teams/session-team.ts).
 * Returns each statement's rows.
 */
export async function simpleBatchRaw(build: (lit: (v: string) => string) => string): Promise<unknown[][]> {
  return withPooledClient(async (client) => {
    const r = (await client.query(build((v) => client.escapeLiteral(v)))) as unknown as pg.QueryResult | pg.QueryResult[];
    return (Array.isArray(r) ? r : [r]).map((x) => x.rows);
  });
}

/**
 * A read that needs no team (the API key lookup): one statement with a transaction-local setting,
 * on the same lean pool. `setting` is one of the narrow lookup GUCs the RLS policies know.
 */
export async function withSettingRaw<T>(setting: "app.api_key_hash" | "app.team_slug", value: string, fn: (tx: TRawTx) => Promise<T>): Promise<T> {
  return inTransaction({ settings: [[setting, value]] }, fn, (e) => e);
}
