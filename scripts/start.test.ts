import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// `npm start`'s production safety, run as a user would: the caller's own NODE_ENV says whether
// this is a real deploy. Every case must decide before anything heavy (install, services,
// migrate, build): the services here are unreachable on purpose, and --check-only stops after
// the decision.

const root = join(import.meta.dirname, "..");
const UNREACHABLE = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere",
  REDIS_URL: "redis://127.0.0.1:1",
  PATH: process.env.PATH,
  HOME: process.env.HOME,
};

function start(env: Record<string, string | undefined>, args: string[] = []) {
  const r = spawnSync(process.execPath, [join(root, "scripts/start.mjs"), ...args], { cwd: root, env: { ...UNREACHABLE, ...env }, encoding: "utf8", timeout: 20_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const SECRET = "s".repeat(40);
const OWN_PASSWORD = "postgresql://crm_app:a-long-private-password@127.0.0.1:1/nowhere";

describe("npm start in production (NODE_ENV=production from the caller)", () => {
  it("refuses without AUTH_SECRET or with the default crm_app password, saying why, before doing anything", () => {
    const r = start({ NODE_ENV: "production" });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/refusing to start/);
    expect(r.out).toMatch(/AUTH_SECRET is not set/);
    expect(r.out).toMatch(/APP_DATABASE_URL uses the default crm_app password/);
    expect(r.out).not.toMatch(/installing|generating the Prisma|not reachable|cannot reach|building the web app/i);

    const only = start({ NODE_ENV: "production", AUTH_SECRET: SECRET, APP_DATABASE_URL: "postgresql://crm_app:crm_app@db/crm" });
    expect(only.code).toBe(1);
    expect(only.out).not.toMatch(/AUTH_SECRET/);
    expect(only.out).toMatch(/default crm_app password/);
    expect(start({ NODE_ENV: "production", AUTH_SECRET: "short", APP_DATABASE_URL: OWN_PASSWORD }).out).toMatch(/AUTH_SECRET .*at least 32/);
  });

  it("refuses the browser tests' movable clock in a deploy", () => {
    const r = start({ NODE_ENV: "production", AUTH_SECRET: SECRET, APP_DATABASE_URL: OWN_PASSWORD, CRM_TEST_CLOCK: "1" }, ["--check-only"]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/CRM_TEST_CLOCK=1 .*browser tests only/);
  });

  it("does not seed the demo user unless asked with --demo", () => {
    const prod = { NODE_ENV: "production", AUTH_SECRET: SECRET, APP_DATABASE_URL: OWN_PASSWORD };
    const r = start(prod, ["--check-only"]);
    expect(r.out).toMatch(/production: demo seed off/);
    expect(r.code).toBe(0);
    expect(start(prod, ["--check-only", "--demo"]).out).toMatch(/production: demo seed on \(--demo\)/);
  });

  it("on a dev machine (no NODE_ENV=production) seeds the demo and allows the local defaults", () => {
    const r = start({}, ["--check-only"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/local run: demo seed on/);
    expect(start({}, ["--check-only", "--no-demo"]).out).toMatch(/local run: demo seed off/);
  });
});
