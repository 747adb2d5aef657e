import { readFileSync } from "node:fs";
import { defineConfig } from "@playwright/test";

// Runs against the production build (`next build` first) and a real worker, with a real SMTP
// server inside the test process. Debian's Chromium: Playwright's own browser download cannot
// work on these machines. The worker runs as deployed: the bundle, with its heap flags.
const workerFlags = JSON.parse(readFileSync(new URL("../worker/node-flags.json", import.meta.url), "utf8")) as string[];
const webFlags = JSON.parse(readFileSync(new URL("./node-flags.json", import.meta.url), "utf8")) as string[];
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
const env = {
  ...(process.env as Record<string, string>),
  NODE_ENV: "production",
  PORT: String(PORT),
  // A local test run of the production build: the default crm_app database password is fine here.
  CRM_LOCAL_DEV: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/connection_crm_test",
  APP_DATABASE_URL: "",
  APP_URL: `http://localhost:${PORT}`,
  NEXTAUTH_URL: `http://localhost:${PORT}`,
  AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
  SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
  QUEUE_PREFIX: "{crm-e2e}",
  // Every browser here is 127.0.0.1; the per-IP limit would otherwise trip across repeated runs.
  LOGIN_MAX_FAILURES_PER_IP: "100000",
  PASSWORD_RESET_MAX_PER_IP: "100000",
  // Low enough for e2e/api-v1.spec.ts to reach the REST API's 429 quickly; its other calls stay under it.
  API_RATE_LIMIT_PER_MINUTE: "100",
  WORKER_HEALTH_PORT: String(PORT + 1),
  // e2e/reminders.spec.ts moves the app's clock forward to see a reminder come due (core/clock.ts).
  CRM_TEST_CLOCK: "1",
};

export default defineConfig({
  testDir: "./e2e",
  testMatch: /.*\.spec\.ts/,
  outputDir: "../../var/test-results/playwright",
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "../../var/test-results/playwright.json" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    },
    trace: "retain-on-failure",
  },
  webServer: [
    // server.mjs, as `npm start` runs it: the client IP comes from the socket (lib/client-ip.ts).
    { command: `node ${webFlags.join(" ")} server.mjs`, url: `http://localhost:${PORT}/api/health`, env, reuseExistingServer: false, timeout: 60_000, stdout: "ignore", stderr: "pipe" },
    { command: `node ${workerFlags.join(" ")} ../worker/dist/main.mjs`, url: `http://127.0.0.1:${PORT + 1}/health`, env, reuseExistingServer: false, timeout: 60_000, stdout: "ignore", stderr: "pipe" },
  ],
});
