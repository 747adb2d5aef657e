// `npm start [-- --no-demo | --demo | --check-only]`: check production safety, install what is
// missing, check Postgres and Redis, migrate, seed the demo team (idempotent; not in production
// unless --demo), build, and
// run web + worker with prefixed logs. Ctrl-C (or SIGTERM) stops both gracefully.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ensureInstall, ensurePrismaClient, ensureServices, localAuthSecret, log, root, run, spawnPrefixed } from "./lib.mjs";
import { startPlan } from "./production-check.mjs";
import { supervise } from "./supervise.mjs";

const started = Date.now();
// Heap limits keep a worker's peak memory predictable (docs/operations.md); same as `npm start -w @crm/worker`.
const workerFlags = JSON.parse(readFileSync(join(root, "apps/worker/node-flags.json"), "utf8"));
const webFlags = JSON.parse(readFileSync(join(root, "apps/web/node-flags.json"), "utf8"));
// Production safety first, before anything heavy (scripts/production-check.mjs, README).
const plan = startPlan(process.env, process.argv.slice(2));
if (plan.problems.length) {
  log(`refusing to start in production (NODE_ENV=production):\n${plan.problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
const demo = plan.demo;
if (process.argv.includes("--check-only")) {
  log(`${plan.deploy ? "production" : "local run"}: demo seed ${demo ? "on" : "off"}${plan.deploy && demo ? " (--demo)" : ""}; checks passed`);
  process.exit(0);
}
const port = process.env.PORT ?? "3000";
const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  TURBO_TELEMETRY_DISABLED: "1",
  PORT: port,
  DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/connection_crm",
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
  AUTH_SECRET: plan.deploy ? process.env.AUTH_SECRET : localAuthSecret(),
  // A local run of the production build may use the default crm_app password; a deploy may not.
  ...(plan.deploy ? {} : { CRM_LOCAL_DEV: "1" }),
  MAIL_DIR: process.env.MAIL_DIR ?? join(root, "var", "mail"),
};
env.NEXTAUTH_URL = process.env.NEXTAUTH_URL ?? env.APP_URL;
// Local runs without SMTP write emails as .eml files (var/mail); a real deploy sets SMTP_URL.
if (!env.SMTP_URL) env.EMAIL_TRANSPORT = env.EMAIL_TRANSPORT ?? "file";

ensureInstall();
ensurePrismaClient();
await ensureServices(env);
run("npm", ["run", "cli", "--silent", "--", "migrate"], { env });
if (demo) run("npm", ["run", "cli", "--silent", "--", "seed", "--demo"], { env });

// Turbo caches the build, so an unchanged tree "builds" in a second.
if (!process.argv.includes("--no-build") || !existsSync(join(root, "apps/web/.next/BUILD_ID")) || !existsSync(join(root, "apps/worker/dist/main.mjs"))) {
  log("building the web app…");
  run("npx", ["turbo", "run", "build", "--filter=@crm/web", "--filter=@crm/worker", "--output-logs=errors-only"], { env });
}

log(`starting web on ${env.APP_URL} and the worker (ready in ${((Date.now() - started) / 1000).toFixed(1)} s of setup)`);
// server.mjs, not `next start`: it derives the client IP from the socket (docs/decisions/0008).
const web = spawnPrefixed("web", "36", process.execPath, [...webFlags, "server.mjs"], { cwd: join(root, "apps/web"), env });
// A worker that dies (a file that ran it out of memory, a crash) is restarted with backoff and the
// reason logged; the web server stays up meanwhile (scripts/supervise.mjs).
const worker = supervise({
  name: "worker",
  start: () => spawnPrefixed("worker", "35", process.execPath, [...workerFlags, "dist/main.mjs"], { cwd: join(root, "apps/worker"), env }),
  log,
});
if (demo) log("demo login: demo@example.com / linkedin-cleanup-demo");

let stopping = false;
let exitCode = 0;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  if (web.exitCode === null && web.signalCode === null) {
    try {
      process.kill(-web.pid, signal);
    } catch {
      /* already gone */
    }
  }
  await Promise.all([worker.stop(signal), web.exitCode !== null || web.signalCode !== null ? null : new Promise((r) => web.once("exit", r))]);
  process.exit(exitCode);
}
process.on("SIGINT", () => void stop("SIGTERM"));
process.on("SIGTERM", () => void stop("SIGTERM"));
web.on("exit", (code) => {
  if (stopping) return;
  exitCode = code ?? 1;
  log(`web exited (code ${code}); stopping the worker`);
  void stop("SIGTERM");
});
