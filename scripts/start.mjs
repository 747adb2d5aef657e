// `npm start [-- --no-demo]`: install what is missing, check Postgres and Redis, migrate, seed the demo
// team (idempotent), build, and
// run web + worker with prefixed logs. Ctrl-C (or SIGTERM) stops both gracefully.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ensureInstall, ensurePrismaClient, ensureServices, localAuthSecret, log, root, run, spawnPrefixed } from "./lib.mjs";

const started = Date.now();
// Heap limits keep a worker's peak memory predictable (docs/operations.md); same as `npm start -w @crm/worker`.
const workerFlags = JSON.parse(readFileSync(join(root, "apps/worker/node-flags.json"), "utf8"));
const demo = !process.argv.includes("--no-demo") && process.env.DEMO !== "0";
const port = process.env.PORT ?? "3000";
const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: port,
  DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/connection_crm",
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
  AUTH_SECRET: localAuthSecret(),
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
const children = [
  spawnPrefixed("web", "36", join(root, "node_modules/.bin/next"), ["start", "-p", port], { cwd: join(root, "apps/web"), env }),
  spawnPrefixed("worker", "35", process.execPath, [...workerFlags, "dist/main.mjs"], { cwd: join(root, "apps/worker"), env }),
];
if (demo) log("demo login: demo@example.com / linkedin-cleanup-demo");

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  for (const c of children) {
    try {
      process.kill(-c.pid, signal);
    } catch {
      /* already gone */
    }
  }
}
process.on("SIGINT", () => stop("SIGTERM"));
process.on("SIGTERM", () => stop("SIGTERM"));
for (const c of children) {
  c.on("exit", (code) => {
    if (!stopping) {
      log(`a process exited (code ${code}); stopping the other`);
      stop("SIGTERM");
    }
    if (children.every((x) => x.exitCode !== null || x.signalCode !== null)) process.exit(code ?? 0);
  });
}
