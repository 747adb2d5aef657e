import type { Prisma } from "./generated/prisma/client";
import type pg from "pg";
import { bulkPool } from "./bulk";
import { serverEnv } from "@crm/config";
import { db } from "./client";
import { cancelOnAbort, interactiveError, QueryAbortedError } from "./interactive";

export type TTx = Prisma.TransactionClient;

export class MissingTenantError extends Error {
  constructor(what: string) {
    super(`${what} is required for a tenant-scoped unit of work`);
    this.name = "MissingTenantError";
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export type TTeamOptions = {
  userId?: string;
  /**
   * An interactive read (page, API list, count): every statement is stopped after QUERY_TIMEOUT_MS
   * (QueryTimeoutError), and runs without parallel workers: a request's statements are index walks
   * over one team's rows, where starting workers cost more than they save and, with many people at
   * once, take the cores other requests need (decision 0014). Worker jobs leave it off: imports
   * and rescoring run longer.
   */
  interactive?: boolean;
  /** The request's signal: when it aborts, the running statement is cancelled (QueryAbortedError). */
  signal?: AbortSignal;
};

/**
 * The one path to tenant data: runs `fn` in a transaction with `app.team_id` set, so Postgres
 * row-level security shows and accepts only this team's rows. Routes, server actions and jobs all
 * come through here; the team comes from the caller's verified membership or the job's reloaded
 * record, never from a request body.
 */
export async function withTeam<T>(teamId: string, fn: (tx: TTx) => Promise<T>, opts: TTeamOptions = {}): Promise<T> {
  if (!teamId || !ID.test(teamId)) throw new MissingTenantError("teamId");
  const { signal } = opts;
  if (signal?.aborted) throw new QueryAbortedError();
  const timeoutMs = opts.interactive ? serverEnv().QUERY_TIMEOUT_MS : null;
  // Postgres stops the statement first; Prisma's own transaction timeout (5 s by default) would
  // only abandon the transaction client-side and leave the statement running.
  const txOptions = timeoutMs === null ? undefined : { timeout: timeoutMs + 5_000 };
  try {
    return await db().$transaction(async (tx) => {
      const timeout = timeoutMs === null ? "" : `${timeoutMs}ms`;
      const [me] = await tx.$queryRaw<Array<{ pid: number; started: string }>>`
        SELECT set_config('app.team_id', ${teamId}, true), set_config('app.user_id', ${opts.userId ?? ""}, true),
               CASE WHEN ${timeout} <> '' THEN set_config('statement_timeout', ${timeout}, true) END,
               CASE WHEN ${timeout} <> '' THEN set_config('max_parallel_workers_per_gather', '0', true) END,
               pg_backend_pid() AS pid, now()::text AS started`;
      // Gave up while waiting for a pooled connection: no abort event will come, so stop here.
      if (signal?.aborted) throw new QueryAbortedError();
      // Prisma's pg client is out of reach here: the cancel goes by backend pid (interactive.ts).
      const stop = signal && me ? cancelOnAbort(signal, { pid: me.pid, xactStart: me.started }) : undefined;
      try {
        return await fn(tx);
      } finally {
        await stop?.();
      }
    }, txOptions);
  } catch (e) {
    throw interactiveError(e, timeoutMs, signal);
  }
}

/** A signed-in user's own view across teams: their memberships and those teams, read-only. */
export async function withUser<T>(userId: string, fn: (tx: TTx) => Promise<T>): Promise<T> {
  if (!userId || !ID.test(userId)) throw new MissingTenantError("userId");
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.user_id', ${userId}, true)`;
    return fn(tx);
  });
}

/**
 * withTeam() for set-based bulk work: the same tenant wall (app.team_id for this transaction only,
 * RLS as the app role), on a plain pg client so the caller can COPY and run multi-statement SQL.
 * Commits when `fn` resolves, rolls back when it throws.
 */
export async function withTeamSql<T>(teamId: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  if (!teamId || !ID.test(teamId)) throw new MissingTenantError("teamId");
  const client = await bulkPool().connect();
  let broken = false;
  // Cut while checked out (Postgres or PgBouncer ended it): the statement in flight rejects, but pg
  // also emits 'error' on the client, which without a listener ended the whole worker process
  // (topology-faults.integration.test.ts: sessions terminated mid-import).
  const drop = () => {
    broken = true;
  };
  client.on("error", drop);
  try {
    await client.query("BEGIN");
    await client.query("SELECT set_config('app.team_id', $1, true)", [teamId]);
    // Bulk work joins a whole network (≤ 30,000 rows per account) with temp tables or scores: hash
    // joins are right for all of it. The planner cannot know that for a team it has no statistics
    // about (a new team on a database of a million connections, before autoanalyze): it expects
    // one connection and chose nested loops rescanning the other side per row — 75 s for an
    // import, 100 s for a rescore, instead of 1–2 s. Transaction-local, like app.team_id.
    await client.query("SET LOCAL enable_nestloop = off");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.off("error", drop);
    client.release(broken);
  }
}

/**
 * Operator entry (CLI): the team whose slug is given, or null. Reads only that Team row; to act
 * on the team's data the caller still goes through withTeam(team.id).
 */
export async function findTeamBySlug(slug: string): Promise<{ id: string; slug: string; name: string } | null> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.team_slug', ${slug}, true)`;
    return tx.team.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
  });
}
