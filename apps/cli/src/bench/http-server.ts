// The production stack for HTTP benchmarks: apps/web's build served by server.mjs (as `npm start`
// runs it) and the worker's esbuild bundle with its heap flags, on the bench's own ports and queue
// prefix. Playwright runs rebuild the same apps/web/.next under the e2e lock, so the bench builds
// and copies the build under that lock (var/bench/stack, inside the repository so node_modules
// still resolve), releases it, and serves its copy: a long measurement never blocks the e2e runs,
// and their builds never pull the files out from under the bench's server.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import webFlags from "../../../web/node-flags.json";
import workerFlags from "../../../worker/node-flags.json";

const root = join(import.meta.dirname, "..", "..", "..", "..");
const LOCK = "/tmp/crm-e2e.lock";

export type TStack = { baseUrl: string; webDir: string; workerPid: number; webPid: number; logs: (maxChars?: number) => string; stop: () => Promise<void> };

/** Holds LOCK (flock(1)) in a child process until release() closes its stdin. */
async function takeLock(): Promise<() => void> {
  const holder = spawn("flock", ["-w", "1800", LOCK, "sh", "-c", "echo locked; exec cat >/dev/null"], { stdio: ["pipe", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.on("data", (d: Buffer) => d.toString().includes("locked") && resolve());
    holder.once("exit", (code) => reject(new Error(`could not take ${LOCK} (flock exited ${code})`)));
  });
  return () => holder.stdin!.end();
}

export function startProcess(name: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, out: string[]): ChildProcess {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const keep = (d: Buffer) => {
    out.push(`[${name}] ${d.toString()}`);
    if (out.length > 4000) out.splice(0, out.length - 4000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return child;
}

export async function waitForUrl(url: string, child: ChildProcess, logs: () => string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited (${child.exitCode})\n${logs()}`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not up after ${timeoutMs / 1000} s\n${logs()}`);
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => resolve(void clearTimeout(kill)));
    child.kill("SIGTERM");
  });
}

function ownPeakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The processes whose parent is `pid` (web processes under server.mjs's cluster primary). */
export function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(d));
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/** Peak RSS of a process and its children, summed (with WEB_PROCESSES > 1, the web processes). */
export function peakRssMb(pid: number): number {
  return [pid, ...childPids(pid)].reduce((sum, p) => sum + ownPeakRssMb(p), 0);
}

/**
 * Under the e2e lock: builds (turbo's cache makes an unchanged tree a no-op; BENCH_SKIP_BUILD=1
 * takes the build that is there) and copies web's and the worker's build to var/bench/stack.
 * BENCH_REUSE_STACK=1 serves the copy a previous run made, without the lock.
 */
export async function snapshotBuild(opts: { dirName?: string; build?: boolean } = {}): Promise<{ web: string; worker: string }> {
  const dir = join(root, "var", "bench", opts.dirName ?? "stack");
  const web = join(dir, "web");
  const worker = join(dir, "worker");
  if (process.env.BENCH_REUSE_STACK === "1" && existsSync(join(web, ".next", "BUILD_ID"))) return { web, worker };
  const release = await takeLock();
  try {
    if (opts.build !== false && process.env.BENCH_SKIP_BUILD !== "1") {
      console.log("building web and worker (turbo, under the e2e lock)…");
      execFileSync("npx", ["turbo", "run", "build", "--filter=@crm/web", "--filter=@crm/worker", "--output-logs=errors-only"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" } });
    }
    const src = join(root, "apps", "web");
    if (!existsSync(join(src, ".next", "BUILD_ID"))) throw new Error("apps/web has no production build (.next/BUILD_ID)");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(web, { recursive: true });
    cpSync(join(src, ".next"), join(web, ".next"), { recursive: true, filter: (f) => !f.startsWith(join(src, ".next", "cache")) });
    for (const f of ["server.mjs", "next.config.ts", "package.json", "src/server"]) cpSync(join(src, f), join(web, f), { recursive: true });
    if (existsSync(join(src, "public"))) cpSync(join(src, "public"), join(web, "public"), { recursive: true });
    // Packages apps/web holds in its own node_modules (a version the root does not hoist).
    if (existsSync(join(src, "node_modules"))) symlinkSync(join(src, "node_modules"), join(web, "node_modules"));
    cpSync(join(root, "apps", "worker", "dist"), join(worker, "dist"), { recursive: true });
  } finally {
    release();
  }
  return { web, worker };
}

/** Starts the copied build: web on `port`, the worker's health check on port + 1. */
export async function startStack(opts: { port: number; queuePrefix: string; extraEnv?: Record<string, string> }): Promise<TStack> {
  const dirs = await snapshotBuild();
  const out: string[] = [];
  const logs = (maxChars = 8000) => out.join("").slice(-maxChars);
  let web: ChildProcess | undefined;
  let worker: ChildProcess | undefined;
  const stop = async () => {
    await Promise.all([web && stopProcess(web), worker && stopProcess(worker)]);
  };
  try {
    const baseUrl = `http://localhost:${opts.port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      CRM_LOCAL_DEV: "1",
      PORT: String(opts.port),
      APP_URL: baseUrl,
      NEXTAUTH_URL: baseUrl,
      AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-bench-secret-bench-secret-0123",
      QUEUE_PREFIX: opts.queuePrefix,
      WORKER_HEALTH_PORT: String(opts.port + 1),
      EMAIL_TRANSPORT: "file",
      MAIL_DIR: join(root, "var", "bench", "mail"),
      // One load generator on 127.0.0.1 stands for many people: per-IP limits would trip.
      API_RATE_LIMIT_PER_MINUTE: "1000000",
      LOGIN_MAX_FAILURES_PER_IP: "100000",
      ...opts.extraEnv,
    };
    web = startProcess("web", [...webFlags, "server.mjs"], dirs.web, env, out);
    worker = startProcess("worker", [...workerFlags, "dist/main.mjs"], dirs.worker, env, out);
    await Promise.all([waitForUrl(`${baseUrl}/api/health`, web, logs), waitForUrl(`http://127.0.0.1:${opts.port + 1}/health`, worker, logs)]);
    // With several web processes the first answers before the others listen: wait for all.
    for (let i = 0; !logs(1_000_000).includes(`listening on port ${opts.port}`); i++) {
      if (i >= 600) throw new Error(`web on ${opts.port}: not every process listened within 60 s\n${logs()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return { baseUrl, webDir: dirs.web, webPid: web.pid!, workerPid: worker.pid!, logs, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
