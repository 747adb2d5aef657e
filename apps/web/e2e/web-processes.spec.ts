// WEB_PROCESSES: server.mjs as a cluster primary handing connections to several web processes.
// Both serve; one that crashes is replaced while the other answers; SIGTERM ends them all with 0;
// a boot failure stops the server instead of restarting it in a loop.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";

const WEB_DIR = fileURLToPath(new URL("..", import.meta.url));
// As npm start runs it (apps/web/node-flags.json); the cluster's processes inherit them.
const WEB_FLAGS = JSON.parse(readFileSync(new URL("../node-flags.json", import.meta.url), "utf8")) as string[];
const PORT = Number(process.env.E2E_PORT ?? 3100) + 80;

function baseEnv(): NodeJS.ProcessEnv {
  return {
    ...(process.env as Record<string, string>),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(PORT),
    DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/connection_crm_test",
    APP_DATABASE_URL: "",
    APP_URL: `http://localhost:${PORT}`,
    NEXTAUTH_URL: `http://localhost:${PORT}`,
    AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
    CRM_LOCAL_DEV: "1",
  } as NodeJS.ProcessEnv;
}

function start(env: NodeJS.ProcessEnv): { child: ChildProcess; out: () => string } {
  const child = spawn(process.execPath, [...WEB_FLAGS, "server.mjs"], { cwd: WEB_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d));
  child.stderr!.on("data", (d: Buffer) => (out += d));
  return { child, out: () => out };
}

async function until<T>(what: string, f: () => T | undefined | false, ms = 60_000, log = () => ""): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${log().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The processes whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** CPU time (user + system, clock ticks) a process has used. */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(f[11]) + Number(f[12]);
}

/** GET /api/health on a new connection each time (the primary hands out connections, not requests). */
function health(): Promise<number> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: "127.0.0.1", port: PORT, path: "/api/health", agent: false, headers: { connection: "close" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", () => resolve(0));
    req.setTimeout(5_000, () => (req.destroy(), resolve(-1)));
    req.end();
  });
}

test("two web processes both serve; a crashed one is replaced while the other answers; SIGTERM ends all with 0", async () => {
  test.setTimeout(120_000);
  const { child, out } = start({ ...baseEnv(), WEB_PROCESSES: "2" });
  try {
    await until("both processes", () => out().includes(`listening on port ${PORT} with 2 processes`), 90_000, out);
    const kids = childrenOf(child.pid!);
    expect(kids, out()).toHaveLength(2);
    for (const k of kids) expect(readFileSync(`/proc/${k}/cmdline`, "utf8").split("\0")).toEqual(expect.arrayContaining(WEB_FLAGS));

    const before = kids.map(cpuTicks);
    for (let i = 0; i < 200; i++) expect(await health()).toBe(200);
    const used = kids.map((k, i) => cpuTicks(k) - before[i]!);
    // Round robin over connections: each did about half of the 200 (~3 ms of CPU apiece).
    for (const u of used) expect(u, `CPU ticks per process: ${used.join(", ")}`).toBeGreaterThan(5);

    process.kill(kids[0]!, "SIGKILL");
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push(await health());
    // A connection the primary handed over in the instant before it learnt of the death is lost
    // with the process (the client's timeout ends it, as with a replica that crashes); after
    // that, every connection goes to the live one.
    const bad = statuses.findLastIndex((s) => s !== 200);
    expect(bad, `answers while one process was gone: ${statuses.join(",")}`).toBeLessThan(3);
    const replaced = await until("a replacement process", () => {
      const now = childrenOf(child.pid!);
      return now.length === 2 && !now.includes(kids[0]!) ? now : undefined;
    }, 60_000, out);
    expect(out()).toMatch(new RegExp(`process ${kids[0]} ended \\(killed by SIGKILL\\); starting another`));
    await until("the replacement to serve", () => out().includes(`process ${replaced.find((p) => p !== kids[1])} ready`), 60_000, out);
    for (let i = 0; i < 10; i++) expect(await health()).toBe(200);

    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(-1), 20_000);
      child.once("exit", (c) => (clearTimeout(timer), resolve(c)));
      child.kill("SIGTERM");
    });
    expect(code, out()).toBe(0);
    for (const p of replaced) expect(existsSync(`/proc/${p}`), `process ${p} still running`).toBe(false);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
});

test("a boot failure in the web processes stops the server with an error, not a restart loop", async () => {
  const env = { ...baseEnv(), WEB_PROCESSES: "2", CRM_LOCAL_DEV: "", APP_DATABASE_URL: "postgresql://crm_app:crm_app@127.0.0.1:5432/x" };
  const { child, out } = start(env);
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => resolve(-1), 60_000);
    child.once("exit", (c) => (clearTimeout(timer), resolve(c)));
  });
  if (child.exitCode === null) child.kill("SIGKILL");
  expect(code, out()).not.toBe(0);
  expect(code, out()).not.toBe(-1);
  expect(out()).toMatch(/APP_DATABASE_URL: uses the default crm_app password/);
  expect(out()).toMatch(/before it could serve; stopping/);
  expect(out()).not.toMatch(/starting another|listening on/);
});

test("a port in use stops the server with a message naming it, in one process and in several", async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(PORT, resolve));
  try {
    for (const n of ["1", "2"]) {
      const { child, out } = start({ ...baseEnv(), WEB_PROCESSES: n });
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => resolve(-1), 60_000);
        child.once("exit", (c) => (clearTimeout(timer), resolve(c)));
      });
      if (child.exitCode === null) child.kill("SIGKILL");
      expect(code, out()).toBe(1);
      expect(out()).toContain(`web: cannot listen on port ${PORT}`);
    }
  } finally {
    await new Promise((r) => blocker.close(r));
  }
});

test("WEB_PROCESSES that is not a number of processes is refused by name", async () => {
  const { child, out } = start({ ...baseEnv(), WEB_PROCESSES: "lots" });
  const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  expect(code).not.toBe(0);
  expect(out()).toContain(`WEB_PROCESSES must be "auto" or a whole number from 1 to 16, not "lots"`);
});
