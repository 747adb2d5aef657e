import { isConnectionLost } from "@crm/db";
import { DomainError } from "../errors";

// A confirmation whose database connection went away came back as the driver's error, and the
// route answered 500 "something went wrong". The user must learn instead that it may not be saved
// and that saying it again is safe: the transaction either committed whole or rolled back, and a
// repeat of a recorded outcome is answered as a duplicate, never counted twice.

/** `e` as a 503 the user can act on when it is a lost connection; unchanged otherwise. */
export function unavailableIfConnectionLost(e: unknown, what: string, retry: string): unknown {
  if (!isConnectionLost(e)) return e;
  return new DomainError("UNAVAILABLE", `We lost the connection to the database while saving ${what}, so it may not have been saved. ${retry}`, { retryAfterSeconds: 1 });
}
