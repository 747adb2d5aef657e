// Several web processes on one machine (WEB_PROCESSES): Node's cluster primary accepts the
// connections and hands each to one of N processes that each run Next's handler, as replicas
// behind a balancer would (docs/operations.md). One Node process does a request's JavaScript on
// one core; with 50 reviewers claiming and voting, requests queued behind each other there while
// the other core idled. Everything a request needs across processes already lives in Postgres and
// Redis (replicas need the same). Plain JS for server.mjs; types beside it.
import cluster from "node:cluster";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

export const MAX_WEB_PROCESSES = 16;

/**
 * Cores this process may use: the CPU affinity (availableParallelism) capped by a cgroup CPU quota
 * (a container limited to 1 CPU on a 16-core host sees 16 cores otherwise; Node 20 does not read
 * the quota).
 * @returns {number}
 */
export function usableCores() {
  let quota = Infinity;
  try {
    const [max, period] = readFileSync("/sys/fs/cgroup/cpu.max", "utf8").trim().split(/\s+/);
    if (max !== "max" && Number(period) > 0) quota = Number(max) / Number(period);
  } catch {
    try {
      const q = Number(readFileSync("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "utf8"));
      const p = Number(readFileSync("/sys/fs/cgroup/cpu/cpu.cfs_period_us", "utf8"));
      if (q > 0 && p > 0) quota = q / p;
    } catch {
      /* no cgroup limits visible */
    }
  }
  return Math.max(1, Math.min(availableParallelism(), Math.ceil(quota)));
}

/**
 * Each process's share of DATABASE_POOL_SIZE (the server's total, 10 by default), at least 2: the
 * database sees as many connections from N processes as from one. Null for a value the config
 * refuses (not a whole number from 1 to 200, packages/config/src/env.ts): the processes then get it
 * as it is and refuse to start with the config's own message, as a single process would.
 * @param {string | undefined} raw
 * @param {number} count
 * @returns {number | null}
 */
export function poolShare(raw, count) {
  const text = (raw ?? "").trim();
  const total = text === "" ? 10 : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(total >= 1 && total <= 200)) return null;
  return Math.max(2, Math.ceil(total / count));
}

/**
 * How many web processes to run: WEB_PROCESSES as a number (1 = no cluster), or unset / "auto" for
 * one per core up to 4 (the worker and Postgres want cores too; more replicas scale further).
 * With the browser tests' clock (CRM_TEST_CLOCK=1) "auto" is one process: that clock's offset
 * lives in the process that was told to move it (packages/core/src/clock.ts).
 * @param {string | undefined} raw
 * @param {{ cores?: number, testClock?: boolean }} [opts]
 * @returns {number}
 */
export function parseWebProcesses(raw, { cores = usableCores(), testClock = false } = {}) {
  const text = (raw ?? "").trim();
  if (text === "" || text === "auto") return testClock ? 1 : Math.max(1, Math.min(cores, 4));
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_WEB_PROCESSES) {
    throw new Error(`WEB_PROCESSES must be "auto" or a whole number from 1 to ${MAX_WEB_PROCESSES}, not "${raw}"`);
  }
  return Number(text);
}

/**
 * Decides what to do when a web process ends. Before the first full set has listened, a process
 * that ends failed at boot (a bad setting, a taken port): every other one would fail the same way,
 * so the whole server stops with its exit code, as a single process would. After that, an ended
 * process (a crash, or a replacement that could not boot, e.g. killed under memory pressure) is
 * started again, unless that happens `maxCrashes` times within a minute (then stop: a supervisor or
 * the orchestrator sees it instead of a loop).
 * @param {{ booted: boolean, closing: boolean, crashTimes: number[], now: number, maxCrashes?: number }} s
 * @returns {"gone" | "stop" | "restart"}
 */
export function onProcessExit({ booted, closing, crashTimes, now, maxCrashes = 5 }) {
  if (closing) return "gone";
  if (!booted) return "stop";
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
  let crashTimes = [];
  const listened = new WeakSet();
  // Our own list: cluster.workers may still hold a process at its 'exit' (until IPC disconnects).
  const live = new Set();
  let booted = false;
  const share = poolShare(process.env.DATABASE_POOL_SIZE, count);
  const env = share === null ? {} : { DATABASE_POOL_SIZE: String(share) };

  const fork = () => {
    const w = cluster.fork(env);
    live.add(w);
    w.once("listening", () => {
      listened.add(w);
      if (!booted && !closing && live.size === count && [...live].every((x) => listened.has(x))) {
        booted = true;
        console.log(`web: listening on port ${port} with ${count} processes (database pool ${share} each)`);
      }
    });
    w.once("exit", (code, signal) => {
      live.delete(w);
      const how = signal ? `killed by ${signal}` : `code ${code}`;
      const now = Date.now();
      crashTimes = crashTimes.filter((t) => now - t < 60_000);
      const action = onProcessExit({ booted, closing, crashTimes, now });
      if (action === "restart") {
        crashTimes.push(now);
        console.error(`web: process ${w.process.pid} ended (${how}); starting another`);
        setTimeout(() => closing || fork(), 500);
        return;
      }
      if (action === "stop") {
        console.error(`web: process ${w.process.pid} ended (${how}) ${booted ? "too often" : "before it could serve"}; stopping`);
        exitCode = code || 1;
        stop();
      } else if (code || (signal && signal !== "SIGTERM" && signal !== "SIGINT")) {
        // Ended badly while closing (a forced exit, a kill): the server's exit says so.
        exitCode ||= code || 1;
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
