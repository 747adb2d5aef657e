import { serverEnv } from "@crm/config";

// The one clock reminders, digests and notification emails read. In production it is the system
// clock. With CRM_TEST_CLOCK=1 (browser tests only; refused in a real production deploy by
// scripts/production-check.mjs) a process-local offset lets a test "advance time" to see a
// reminder come due. SQL that decides what is due takes this instant as a parameter, never now().

// Route handlers and pages are separate bundles in the Next server, each with its own copy of this
// module (a page's copy even folds a never-assigned module variable to 0): one offset per process.
const KEY = Symbol.for("crm.testClockOffsetMs");
const store = globalThis as { [KEY]?: number };

export function testClockEnabled(): boolean {
  return serverEnv().CRM_TEST_CLOCK === "1";
}

export function now(): Date {
  return new Date(Date.now() + (store[KEY] ?? 0));
}

/** Test mode only: moves this process's clock `ms` ahead of the system clock (0 resets it). */
export function setTestClockOffset(ms: number): void {
  if (!testClockEnabled()) throw new Error("The test clock is off (CRM_TEST_CLOCK is not 1).");
  if (!Number.isInteger(ms) || ms < 0 || ms > 400 * 86_400_000) throw new Error("The offset is whole milliseconds, 0 to 400 days.");
  store[KEY] = ms;
}

export function testClockOffset(): number {
  return store[KEY] ?? 0;
}
