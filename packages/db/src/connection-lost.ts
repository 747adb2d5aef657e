// The database connection went away under a statement: Postgres restarted or terminated the
// backend, PgBouncer dropped its server, or the pool could not connect. Every route answers such
// an error as a 503 "try again" (not a 500); writes whose retry needs its own words (a removal:
// "never counted twice") say so themselves (core/removals/connection-lost.ts).

// SQLSTATE classes 08 (connection exception) and 57P0x (admin / crash shutdown, cannot connect now).
const CODE = /^(08...|57P0[1-3])$/;
// node-pg's own errors, which carry no SQLSTATE; and socket errors.
const MESSAGE = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|server conn crashed|ECONNREFUSED|ECONNRESET|EPIPE/;
const ERRNO = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"]);

/** What a user is told: the request may not have reached the database; repeating it is safe. */
export const CONNECTION_LOST_MESSAGE = "We lost the connection to the database. Try again in a moment.";

export function isConnectionLost(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && typeof x === "object" && depth < 5; depth++) {
    const o = x as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof o.code === "string" && (CODE.test(o.code) || ERRNO.has(o.code))) return true;
    if (typeof o.message === "string" && MESSAGE.test(o.message)) return true;
    x = o.cause;
  }
  return false;
}
