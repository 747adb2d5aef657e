// `npm test`: installs what is missing (dependencies, Debian's Chromium), checks the services,
// then runs typecheck, Vitest (unit + integration against real Postgres/Redis/SMTP) and
// Playwright against the production build, and prints one summary line "N passed, N failed".
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { createRequire } from "node:module";
import { aptInstall, ensureInstall, ensurePrismaClient, ensureServices, log, root } from "./lib.mjs";

const started = Date.now();
const results = join(root, "var", "test-results");
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const env = {
  ...process.env,
  NODE_ENV: "test",
  NEXT_TELEMETRY_DISABLED: "1",
  TURBO_TELEMETRY_DISABLED: "1",
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/connection_crm_test",
  TEST_DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/connection_crm_test",
  REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
};

function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return;
  log("installing Debian's Chromium for browser tests (apt-get install chromium)…");
  if (!aptInstall(["chromium"]) || !existsSync(path)) {
    log(`Chromium is missing at ${path} and could not be installed; install it (apt-get install chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
}

function step(name, cmd, args, opts = {}) {
  log(`${name}…`);
  const t = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root, ...opts, env: { ...env, ...opts.env } });
  log(`${name}: ${r.status === 0 ? "ok" : `failed (exit ${r.status ?? r.signal})`} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/**
 * The test database is disposable: every run starts from the migrations. A machine keeps its
 * Postgres between runs, and a migration changed before it landed (its checksum with it) would
 * otherwise fail every database test against the copy an earlier run applied. Only a database
 * whose name says "test" is ever dropped.
 */
async function freshTestDatabase(url) {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/test/i.test(name)) {
    log(`keeping ${name} as it is (not recreated: its name does not say "test")`);
    return;
  }
  const pg = createRequire(join(root, "packages", "db", "package.json"))("pg");
  u.pathname = "/postgres";
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
  log(`test database ${name}: dropped; the tests create it again from the migrations`);
}

ensureInstall();
ensurePrismaClient();
ensureChromium();
// PgBouncer and a Redis Cluster for the topology tests (issue 14), from Debian's packages.
const { ensureTopologyPackages } = await import("./topology/index.mjs");
ensureTopologyPackages({ log });
await ensureServices(env);
await freshTestDatabase(env.TEST_DATABASE_URL);

let passed = 0;
let failed = 0;
// CI shows only the tail of the output: the names of what failed are repeated above the summary.
const failures = [];
const firstLine = (m) => String(m ?? "").split("\n").find((l) => l.trim())?.trim().slice(0, 300) ?? "";

const typecheckOk = step("typecheck", "npx", ["turbo", "run", "typecheck", "--output-logs=errors-only"]);
if (typecheckOk) passed++;
else failed++;

step("vitest (unit + integration)", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${join(results, "vitest.json")}`]);
const v = readJson(join(results, "vitest.json"));
if (v) {
  passed += v.numPassedTests;
  // A file that fails to load has no failed test in it; count it as one failure.
  const brokenFiles = (v.testResults ?? []).filter((s) => s.status === "failed" && !s.assertionResults?.some((a) => a.status === "failed")).length;
  failed += v.numFailedTests + brokenFiles;
  for (const file of v.testResults ?? []) {
    const rel = file.name?.startsWith(root) ? file.name.slice(root.length + 1) : file.name;
    const bad = (file.assertionResults ?? []).filter((a) => a.status === "failed");
    for (const a of bad) failures.push(`vitest ${rel} › ${a.fullName ?? a.title}: ${firstLine(a.failureMessages?.[0])}`);
    if (file.status === "failed" && bad.length === 0) failures.push(`vitest ${rel} (did not load): ${firstLine(file.message)}`);
  }
} else {
  failed++;
  failures.push("vitest wrote no report");
}

const built = step("build web + worker (production)", "npx", ["turbo", "run", "build", "--filter=@crm/web", "--filter=@crm/worker", "--output-logs=errors-only"], { env: { NODE_ENV: "production" } });
if (built) {
  const ran = step("playwright (Chromium)", "npx", ["playwright", "test"], { cwd: join(root, "apps/web") });
  const p = readJson(join(results, "playwright.json"));
  if (p?.stats) {
    passed += p.stats.expected + (p.stats.flaky ?? 0);
    failed += p.stats.unexpected;
    collectPlaywrightFailures(p.suites ?? [], failures);
  }
  // A run that failed without a failed test (its web server could not start: a port in use, a
  // crash at boot) wrote no or an empty report: that is a failure, never "0 failed".
  if (!p?.stats || (!ran && !p.stats.unexpected)) {
    failed++;
    failures.push("playwright: no tests ran (see its output above)");
  }
} else {
  failed++;
  failures.push("build failed: playwright did not run");
}
if (!typecheckOk) failures.unshift("typecheck failed (see its output above)");

function collectPlaywrightFailures(suites, out) {
  for (const suite of suites) {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== "unexpected") continue;
        const err = t.results?.at(-1)?.error?.message;
        out.push(`playwright ${spec.file}:${spec.line} › ${spec.title}: ${firstLine(err).replace(/\u001b\[[0-9;]*m/g, "")}`);
      }
    }
    collectPlaywrightFailures(suite.suites ?? [], out);
  }
}

if (failures.length) {
  console.log(`\nfailed:`);
  for (const f of failures) console.log(`  ✗ ${f}`);
  console.log("");
}
log(`total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
