// Several web processes on one machine (WEB_PROCESSES): Node's cluster primary accepts the
// connections and hands each to one of N processes that each run Next's handler, as replicas
// behind a balancer would (docs/operations.md). One Node process does a request's JavaScript on
// one core; with 50 reviewers claiming and voting, requests queued behind each other there while
// the other core idled. Everything a request needs across processes already lives in Postgres and
// Redis (replicas need the same). Plain JS for server.mjs; types beside it.
import cluster from "node:cluster";
import { availableParallelism } from "node:os";

export const MAX_WEB_PROCESSES = 16;

/**
 * How many web processes to run: WEB_PROCESSES as a number (1 = no cluster), or unset / "auto" for
 * one per core up to 4 (the worker and Postgres want cores too; more replicas scale further).
 * With the browser tests' clock (CRM_TEST_CLOCK=1) "auto" is one process: that clock's offset
 * lives in the process that was told to move it (packages/core/src/clock.ts).
 * @param {string | undefined} raw
 * @param {{ cores?: number, testClock?: boolean }} [opts]
 * @returns {number}
 */
export function parseWebProcesses(raw, { cores = availableParallelism(), testClock = false } = {}) {
  const text = (raw ?? "").trim();
  if (text === "" || text === "auto") return testClock ? 1 : Math.max(1, Math.min(cores, 4));
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_WEB_PROCESSES) {
    throw new Error(`WEB_PROCESSES must be "auto" or a whole number from 1 to ${MAX_WEB_PROCESSES}, not "${raw}"`);
  }
  return Number(text);
}

/**
 * Decides what to do when a web process ends. A process that never listened failed at boot (a bad
 * setting, a database it cannot reach): every other process would fail the same way, so the whole
 * server stops with its exit code, as a single process would. One that crashed after serving is
 * started again, unless crashes come faster than `maxCrashes` a minute (then stop: a supervisor
 * or the orchestrator sees it instead of a loop).
 * @param {{ listened: boolean, closing: boolean, crashTimes: number[], now: number, maxCrashes?: number }} s
 * @returns {"gone" | "stop" | "restart"}
 */
export function onProcessExit({ listened, closing, crashTimes, now, maxCrashes = 5 }) {
  if (closing) return "gone";
  if (!listened) return "stop";
  const recent = crashTimes.filter((t) => now - t < 60_000).length;
  return recent >= maxCrashes ? "stop" : "restart";
}

/**
 * The cluster primary: forks `count` web processes, restarts a crashed one, and on SIGTERM/SIGINT
 * passes the signal on, waits for each to finish its requests in flight, then exits.
 * @param {number} count
 * @param {number} port
 */
export function runPrimary(count, port) {
  let closing = false;
  let exitCode = 0;
  const crashTimes = [];
  const listened = new WeakSet();
  // Our own list: cluster.workers may still hold a process at its 'exit' (until IPC disconnects).
  const live = new Set();
  let announced = false;

  const fork = () => {
    const w = cluster.fork();
    live.add(w);
    w.once("listening", () => {
      listened.add(w);
      if (!announced && !closing && live.size === count && [...live].every((x) => listened.has(x))) {
        announced = true;
        console.log(`web: listening on port ${port} with ${count} processes`);
      }
    });
    w.once("exit", (code, signal) => {
      live.delete(w);
      const how = signal ? `killed by ${signal}` : `code ${code}`;
      const action = onProcessExit({ listened: listened.has(w), closing, crashTimes, now: Date.now() });
      if (action === "restart") {
        crashTimes.push(Date.now());
        console.error(`web: process ${w.process.pid} ended (${how}); starting another`);
        setTimeout(() => closing || fork(), 500);
        return;
      }
      if (action === "stop") {
        console.error(`web: process ${w.process.pid} ended (${how}) ${listened.has(w) ? "too often" : "before it could serve"}; stopping`);
        exitCode = code || 1;
        stop();
      }
      if (live.size === 0) process.exit(exitCode);
    });
  };

  function stop() {
    if (closing) return;
    closing = true;
    // A process group signal (npm start) reaches them too; their shutdown ignores a second one.
    for (const w of live) w.process.kill("SIGTERM");
    if (live.size === 0) process.exit(exitCode);
    setTimeout(() => process.exit(exitCode), 12_000).unref();
  }

  for (let i = 0; i < count; i++) fork();
  process.on("SIGTERM", () => (console.log("web: SIGTERM, closing"), stop()));
  process.on("SIGINT", () => (console.log("web: SIGINT, closing"), stop()));
}
