import { readFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";

// The web process itself refuses the public default crm_app database password in production
// (unless CRM_LOCAL_DEV=1, which npm start and the tests set on a dev machine): it stops at boot
// with a message naming the variable, before serving anything.
const WEB_DIR = fileURLToPath(new URL("..", import.meta.url));
const WEB_FLAGS = JSON.parse(readFileSync(new URL("../node-flags.json", import.meta.url), "utf8")) as string[];

test("the web server refuses to start in production with the default crm_app password", async () => {
  const port = Number(process.env.E2E_PORT ?? 3100) + 70;
  const env = {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/connection_crm_test",
    AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
    WEB_PROCESSES: "1",
  } as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, [...WEB_FLAGS, "server.mjs"], { cwd: WEB_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d));
  child.stderr.on("data", (d: Buffer) => (out += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => resolve(-1), 30_000);
    child.once("exit", (c) => (clearTimeout(timer), resolve(c)));
  });
  if (child.exitCode === null) child.kill("SIGKILL");
  expect(code, out).not.toBe(0);
  expect(code, out).not.toBe(-1); // it stopped by itself, it did not keep serving
  expect(out).toMatch(/APP_DATABASE_URL: uses the default crm_app password/);
  expect(out).not.toMatch(/listening on/);
});
