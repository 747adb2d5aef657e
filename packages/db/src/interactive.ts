import net from "node:net";
import pg from "pg";
import { serverEnv } from "@crm/config";

// Interactive reads (a page, an API list, a count) must answer in seconds or stop; worker jobs
// (imports, rescoring) legitimately run longer and do not use this. Two bounds:
// - a statement timeout, set per transaction (SET LOCAL) so pooled connections keep no trace;
// - the caller's AbortSignal: when the request goes away, its running statement is cancelled on
//   the server. Without that a slow query kept running after the browser left, and every reload
//   added one more (issue 16). The cancel is the protocol's CancelRequest on a socket of its own
//   (sendCancelRequest): borrowed from the app's pool, or sent as a query through PgBouncer, it
//   would queue behind the very slow queries that filled the pool.

/** The statement ran longer than the interactive timeout and was stopped by Postgres. */
export class QueryTimeoutError extends Error {
  constructor(public readonly timeoutMs: number) {
    super(`The query ran longer than ${timeoutMs} ms and was stopped.`);
    this.name = "QueryTimeoutError";
  }
}

/** The request that asked for the query went away; the query was cancelled. */
export class QueryAbortedError extends Error {
  constructor() {
    super("The request was aborted; its query was cancelled.");
    this.name = "QueryAbortedError";
  }
}

export function isQueryTimeout(e: unknown): e is QueryTimeoutError {
  return e instanceof QueryTimeoutError;
}

/** SQLSTATE 57014 query_canceled, however the driver adapter wrapped it. */
function isCanceled(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && typeof x === "object" && depth < 5; depth++) {
    const o = x as { code?: unknown; meta?: { code?: unknown }; message?: unknown; cause?: unknown };
    if (o.code === "57014" || o.meta?.code === "57014") return true;
    if (typeof o.message === "string" && /\b57014\b|canceling statement due to (statement timeout|user request)/.test(o.message)) return true;
    x = o.cause;
  }
  return false;
}

/** Prisma closed the interactive transaction because it outlived its `timeout` (P2028). */
function isTransactionExpired(e: unknown): boolean {
  const o = e as { code?: unknown; message?: unknown } | null;
  if (!o || typeof o !== "object") return false;
  return o.code === "P2028" || (typeof o.message === "string" && /Transaction already closed|expired transaction/i.test(o.message));
}

/** The error to surface for `e` from a transaction that had `timeoutMs` and `signal`. */
export function interactiveError(e: unknown, timeoutMs: number | null, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted && (isCanceled(e) || !(e instanceof Error) || /transaction/i.test(e.message))) return new QueryAbortedError();
  // A read of many statements, each under the statement timeout, can outlive the transaction's own
  // timeout: that is the same "took too long" for the user, not a server error.
  if (timeoutMs !== null && (isCanceled(e) || isTransactionExpired(e))) return new QueryTimeoutError(timeoutMs);
  return e;
}

const g = globalThis as unknown as { __crmCancelPool?: pg.Pool };

/** One connection, same role as the app (pg_cancel_backend needs it), for cancels by backend pid. */
function cancelPool(): pg.Pool {
  if (!g.__crmCancelPool) {
    g.__crmCancelPool = new pg.Pool({ connectionString: serverEnv().APP_DATABASE_URL, max: 1, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 5_000 });
    // As bulk.ts: a dropped idle connection must not end the process.
    g.__crmCancelPool.on("error", (e) => console.warn("database connection lost (idle, cancel pool):", e.message));
  }
  return g.__crmCancelPool;
}

export async function closeCancelPool(): Promise<void> {
  await g.__crmCancelPool?.end();
  g.__crmCancelPool = undefined;
}

/** How long a cancel may take before the transaction's connection is released anyway. */
const CANCEL_WAIT_MS = 2_000;

/**
 * The protocol's CancelRequest for `client`'s connection, on a socket of its own: no query, so
 * it needs no pooled connection. Behind PgBouncer in transaction mode a query (pg_cancel_backend)
 * waited for a free server connection, i.e. behind the very slow statements it was meant to stop;
 * PgBouncer answers a CancelRequest itself and forwards it to the server its client is on. The
 * key is the one the server (or PgBouncer) gave this connection, so it cannot reach another
 * backend. Resolves when the server closes the socket (it has acted on the request) or after
 * CANCEL_WAIT_MS; never rejects.
 */
function sendCancelRequest(client: pg.ClientBase): Promise<void> {
  const c = client as unknown as { processID: number | null; secretKey: number | null; host?: string; port?: number };
  if (c.processID == null || c.secretKey == null || !c.port) return Promise.resolve();
  const { processID, secretKey, host = "localhost", port } = c;
  return new Promise((resolve) => {
    const socket = host.startsWith("/") ? net.connect(`${host}/.s.PGSQL.${port}`) : net.connect(port, host);
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const timer = setTimeout(done, CANCEL_WAIT_MS);
    socket.once("connect", () => {
      const m = Buffer.alloc(16);
      m.writeInt32BE(16, 0);
      m.writeInt32BE(80877102, 4); // CancelRequest code: 1234 << 16 | 5678
      m.writeInt32BE(processID, 8);
      m.writeInt32BE(secretKey, 12);
      // write, not end: PgBouncer may drop a request whose client half-closed before it forwarded it.
      socket.write(m);
    });
    socket.once("close", done);
    socket.once("error", done);
  });
}

/**
 * Whose statement to cancel: the pg client running the transaction (the lean path: a
 * CancelRequest with its key), or a backend pid and its transaction's start (the Prisma path,
 * whose pg client is not reachable: pg_cancel_backend through the cancel pool, only while that
 * backend is still in the transaction that started at `xactStart` (now()::text, microseconds),
 * since a pooled connection may already serve someone else).
 */
export type TCancelTarget = { client: pg.ClientBase } | { pid: number; xactStart: string };

/**
 * Cancels the statement `target` is running when `signal` aborts. Returns the unsubscriber, which
 * the caller must await before the connection goes back to its pool; it says whether a
 * CancelRequest was sent. One still on its way (we stop waiting after CANCEL_WAIT_MS, and PgBouncer
 * may close the socket before the backend acts) could stop the next borrower's statement, or the
 * BEGIN of its transaction: a client that sent one is dropped, not pooled again.
 */
export function cancelOnAbort(signal: AbortSignal, target: TCancelTarget): () => Promise<boolean> {
  let inFlight: Promise<void> | undefined;
  const cancel = () => {
    if ("client" in target) {
      inFlight = sendCancelRequest(target.client);
      return;
    }
    void cancelPool()
      .query("SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE pid = $1::int AND xact_start = $2::timestamptz", [target.pid, target.xactStart])
      .catch(() => undefined);
  };
  signal.addEventListener("abort", cancel, { once: true });
  // Armed after the signal fired (the lean path arms once BEGIN is answered): cancel now.
  if (signal.aborted) {
    signal.removeEventListener("abort", cancel);
    cancel();
  }
  return async () => {
    signal.removeEventListener("abort", cancel);
    await inFlight;
    return inFlight !== undefined;
  };
}
