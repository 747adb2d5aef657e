// Keeps one child process running under `npm start`: when it dies (out of memory, a crash), it is
// started again after a delay that doubles up to a cap, and the log says how it died. A process
// that stayed up for `healthyAfterMs` starts the delays over. Used for the worker, so a file that
// kills the worker never takes the web server down with it.

/** How a child ended, in words an operator can act on. */
export function describeExit(code, signal) {
  if (signal === "SIGKILL") return "killed by SIGKILL, e.g. by the kernel's out-of-memory killer";
  if (signal) return `killed by ${signal}`;
  if (code === 134) return "code 134: aborted, usually out of memory (heap limit in apps/worker/node-flags.json)";
  return `code ${code}`;
}

const seconds = (ms) => `${Number((ms / 1000).toFixed(2))} s`;

/** Sends a signal to the child's process group (spawnPrefixed starts each child detached). */
function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

export function supervise({ name, start, log, minDelayMs = 1_000, maxDelayMs = 30_000, healthyAfterMs = 60_000, kill = killGroup }) {
  let child;
  let stopping = false;
  let timer;
  let delay = minDelayMs;
  let restarts = 0;
  let resolveStopped;
  const stopped = new Promise((r) => (resolveStopped = r));

  function launch() {
    const startedAt = Date.now();
    child = start();
    child.once("exit", (code, signal) => {
      if (stopping) {
        log(`${name} stopped`);
        resolveStopped();
        return;
      }
      if (Date.now() - startedAt >= healthyAfterMs) delay = minDelayMs;
      log(`${name} exited (${describeExit(code, signal)}); restarting it in ${seconds(delay)}`);
      timer = setTimeout(() => {
        restarts++;
        launch();
      }, delay);
      delay = Math.min(delay * 2, maxDelayMs);
    });
  }
  launch();

  return {
    get child() {
      return child;
    },
    get restarts() {
      return restarts;
    },
    /** Stops the child (no restart) and resolves once it exited. */
    stop(signal = "SIGTERM") {
      if (!stopping) {
        stopping = true;
        clearTimeout(timer);
        if (child.exitCode !== null || child.signalCode !== null) {
          log(`${name} stopped`);
          resolveStopped();
        } else kill(child, signal);
      }
      return stopped;
    },
  };
}
