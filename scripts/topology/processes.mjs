// Shared plumbing of the topology harness: finding binaries, waiting for ports, holding a port set
// across test processes, and never leaving a child behind when the test process ends.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { portOpen as tcpPortOpen } from "../lib.mjs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/** The absolute path of `name` (a path is checked as given, a bare name looked up in PATH and the sbin dirs), or null. */
export function findBinary(name) {
  if (name.includes("/")) return existsSync(name) ? name : null;
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/local/sbin", "/usr/sbin", "/sbin"];
  for (const d of dirs) if (d && existsSync(join(d, name))) return join(d, name);
  return null;
}

export function requireBinary(name, installHint) {
  const path = findBinary(name);
  if (!path) throw new Error(`${name.includes("/") ? `${name} does not exist` : `${name} was not found (looked in PATH, /usr/sbin, /sbin)`}. ${installHint}`);
  return path;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves true when something accepts TCP connections on 127.0.0.1:port. */
export const portOpen = (port, timeoutMs = 500) => tcpPortOpen("127.0.0.1", port, timeoutMs);

export async function waitFor(what, check, timeoutMs, describeFailure = () => "") {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describeFailure()}`);
    await sleep(100);
  }
}

const pidAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
};

/**
 * Test files run in parallel processes and each topology needs fixed ports: a lock file per port
 * set (holding the owner's pid) makes a second user wait instead of colliding. A lock whose owner
 * died is taken over.
 */
export async function lockPorts(ports, timeoutMs = 180_000) {
  const file = join(tmpdir(), `crm-topology-${ports.join("-")}.lock`);
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      const owner = Number(readFileSync(file, "utf8").trim() || "0");
      if (!owner || !pidAlive(owner)) {
        rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > until) throw new Error(`ports ${ports.join(", ")} are held by process ${owner} (lock ${file}) for over ${timeoutMs} ms`);
      await sleep(250);
    }
  }
}

const children = new Set();
process.once("exit", () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

/** Starts a long-running child whose output goes to `logFile`; it is SIGKILLed if this process exits first. */
export function startChild(cmd, args, { logFile, cwd } = {}) {
  const out = logFile ? openSync(logFile, "a") : "ignore";
  const child = spawn(cmd, args, { cwd, stdio: ["ignore", out, out] });
  if (typeof out === "number") closeSync(out);
  children.add(child);
  child.exited = new Promise((r) => child.once("exit", (code, signal) => r({ code, signal })));
  child.exited.then(() => children.delete(child));
  return child;
}

export async function stopChild(child, signal = "SIGTERM", graceMs = 5_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const t = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await child.exited;
  clearTimeout(t);
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", ...opts });
  return { ok: r.status === 0, out: `${r.stdout ?? ""}${r.stderr ?? ""}`.trim(), status: r.status };
}

export function tail(file, lines = 15) {
  try {
    return readFileSync(file, "utf8").trim().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
