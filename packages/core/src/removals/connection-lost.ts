import { DomainError } from "../errors";

// A confirmation whose database connection went away (Postgres restarted or terminated the backend,
// PgBouncer dropped the server, the pool could not connect) came back as the driver's error and
// the route answered 500 "something went wrong". The user must learn instead that it may not be
// saved and that saying it again is safe: the transaction either committed whole or rolled back,
// and a repeat of a recorded outcome is answered as a duplicate, never counted twice.

// SQLSTATE classes 08 (connection exception) and 57P0x (admin / crash shutdown, cannot connect now).
const CODE = /^(08...|57P0[1-3])$/;
// node-pg's own errors, which carry no SQLSTATE; and socket errors.
const MESSAGE = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|server conn crashed|ECONNREFUSED|ECONNRESET|EPIPE/;
const ERRNO = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"]);

export function isConnectionLost(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && typeof x === "object" && depth < 5; depth++) {
    const o = x as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof o.code === "string" && (CODE.test(o.code) || ERRNO.has(o.code))) return true;
    if (typeof o.message === "string" && MESSAGE.test(o.message)) return true;
    x = o.cause;
  }
  return false;
}

/** `e` as a 503 the user can act on when it is a lost connection; unchanged otherwise. */
export function unavailableIfConnectionLost(e: unknown, what: string, retry: string): unknown {
  if (!isConnectionLost(e)) return e;
  return new DomainError("UNAVAILABLE", `We lost the connection to the database while saving ${what}, so it may not have been saved. ${retry}`, { retryAfterSeconds: 1 });
}
