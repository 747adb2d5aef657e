// Shared by start.mjs and test.mjs. Plain Node with no dependencies: it runs before `npm ci`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { randomBytes } from "node:crypto";
import { join } from "node:path";

export const root = join(import.meta.dirname, "..");

export function log(msg) {
  process.stderr.write(`\x1b[1m[setup]\x1b[0m ${msg}\n`);
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root, ...opts, env: { ...process.env, ...opts.env } });
  if (r.status !== 0) {
    log(`"${cmd} ${args.join(" ")}" failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

/** npm ci when node_modules is missing or older than the lockfile. */
export function ensureInstall() {
  const marker = join(root, "node_modules", ".package-lock.json");
  const lock = join(root, "package-lock.json");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log("installing dependencies (npm ci)…");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}

export function ensurePrismaClient() {
  if (existsSync(join(root, "packages/db/src/generated/prisma/client.ts"))) return;
  log("generating the Prisma client…");
  run("node", ["scripts/prisma-generate.mjs"]);
}

/** Resolves true when something accepts TCP connections on host:port within timeoutMs. */
export function portOpen(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const s = createConnection({ host, port });
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
  });
}

function tcpOpen(url, defaultPort) {
  const u = new URL(url);
  return portOpen(u.hostname, Number(u.port || defaultPort));
}

/** apt-get update, then install `packages` (through sudo unless root). True when apt-get succeeded. */
export function aptInstall(packages) {
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const apt = (args) => spawnSync(sudo[0] ?? "apt-get", sudo.length ? ["apt-get", ...args] : args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  apt(["update"]);
  return apt(["install", "-y", "--no-install-recommends", ...packages]).status === 0;
}

export async function ensureServices(env) {
  const check = async () => ({ pg: await tcpOpen(env.DATABASE_URL, 5432), redis: await tcpOpen(env.REDIS_URL, 6379) });
  let s = await check();
  if (s.pg && s.redis) return;
  if (dockerEngineAvailable()) {
    log("Postgres or Redis is not reachable; starting them with `docker compose up -d`…");
    run("docker", ["compose", "up", "-d", "postgres", "redis", "mailpit"]);
    for (let i = 0; i < 60 && !(s.pg && s.redis); i++) {
      await new Promise((r) => setTimeout(r, 1000));
      s = await check();
    }
    if (s.pg && s.redis) return;
  }
  const missing = [
    !s.pg && `  - PostgreSQL at ${redact(env.DATABASE_URL)} (set DATABASE_URL, or start it: \`docker compose up -d postgres\`, or \`pg_ctlcluster 15 main start\`)`,
    !s.redis && `  - Redis at ${env.REDIS_URL} (set REDIS_URL, or start it: \`docker compose up -d redis\`, or \`redis-server --daemonize yes\`)`,
  ].filter(Boolean);
  log(`cannot reach the services the app needs, and no Docker engine is running to start them:\n${missing.join("\n")}`);
  process.exit(69);
}

function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

/** A stable per-checkout secret for local runs; production must set AUTH_SECRET itself. */
export function localAuthSecret() {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = join(root, "var", "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(join(root, "var"), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

export function spawnPrefixed(name, color, cmd, args, opts) {
  // Own process group, so a stop reaches the whole tree (npx → tsx → node), not just the wrapper.
  const child = spawn(cmd, args, { cwd: root, ...opts, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const prefix = `\x1b[${color}m${name.padEnd(6)}|\x1b[0m `;
  for (const stream of [child.stdout, child.stderr]) {
    let buf = "";
    stream.on("data", (d) => {
      buf += d.toString();
      const lines = buf.split("\n");
      buf = lines.pop() ?? "";
      for (const l of lines) process.stdout.write(prefix + l + "\n");
    });
  }
  return child;
}
