import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain .mjs script without types
import { supervise } from "./supervise.mjs";

// `npm start` keeps the web server up when the worker dies (issue 15 item 1): the worker is
// restarted with a growing delay and the log says why it died. Real child processes here.

type TSupervisor = { stop(signal?: string): Promise<void>; restarts: number; child: { pid: number } };

/** A "worker" that dies at once the first `deaths` times (as an out-of-memory abort does), then stays up. */
function flakyWorker(deaths: number, counter: { starts: number }) {
  return () => {
    counter.starts++;
    const code = counter.starts <= deaths ? "process.exit(134)" : "setInterval(() => {}, 1000)";
    return spawn(process.execPath, ["-e", code], { stdio: "ignore", detached: true });
  };
}

const until = async (ok: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("supervise (the worker under npm start)", () => {
  it("restarts a worker that died, with growing delays, and logs why each time", async () => {
    const lines: string[] = [];
    const counter = { starts: 0 };
    const sup: TSupervisor = supervise({ name: "worker", start: flakyWorker(3, counter), log: (l: string) => lines.push(l), minDelayMs: 50, maxDelayMs: 150 });
    await until(() => counter.starts === 4, 10_000);
    expect(sup.restarts).toBe(3);
    expect(lines).toEqual([
      expect.stringMatching(/^worker exited \(code 134: aborted, usually out of memory.*\); restarting it in 0\.05 s$/),
      expect.stringMatching(/restarting it in 0\.1 s$/),
      expect.stringMatching(/restarting it in 0\.15 s$/), // capped at maxDelayMs
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect(counter.starts).toBe(4); // the fourth one stays up: no more restarts
    await sup.stop("SIGTERM");
    expect(lines.at(-1)).toBe("worker stopped");
  });

  it("does not restart a worker that exits because it was told to stop", async () => {
    const counter = { starts: 0 };
    const sup: TSupervisor = supervise({ name: "worker", start: flakyWorker(0, counter), log: () => undefined, minDelayMs: 10 });
    await sup.stop("SIGTERM");
    await new Promise((r) => setTimeout(r, 100));
    expect(counter.starts).toBe(1);
    expect(sup.restarts).toBe(0);
  });
});
