// Issue 15 item 2: the per-IP sign-in limit must not trust a client's X-Forwarded-For. Runs its own
// web servers (server.mjs, like `npm start`) with a low per-IP limit and fresh Redis keys.
import { readFileSync } from "node:fs";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { expect, request, test, type APIRequestContext } from "@playwright/test";

const WEB_DIR = fileURLToPath(new URL("..", import.meta.url));
const WEB_FLAGS = JSON.parse(readFileSync(new URL("../node-flags.json", import.meta.url), "utf8")) as string[];
const BASE_PORT = Number(process.env.E2E_PORT ?? 3100) + 50;

async function startWeb(port: number, extra: Record<string, string>): Promise<ChildProcess> {
  const env = {
    ...(process.env as Record<string, string>),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/connection_crm_test",
    APP_DATABASE_URL: "",
    APP_URL: `http://localhost:${port}`,
    NEXTAUTH_URL: `http://localhost:${port}`,
    AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
    QUEUE_PREFIX: `{crm-e2e-ip-${randomUUID().slice(0, 8)}}`,
    CRM_LOCAL_DEV: "1",
    WEB_PROCESSES: "1",
    LOGIN_MAX_FAILURES_PER_IP: "3",
    LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: "100",
    ...extra,
  } as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, [...WEB_FLAGS, "server.mjs"], { cwd: WEB_DIR, env, stdio: ["ignore", "ignore", "inherit"] });
  for (let i = 0; i < 120; i++) {
    const up = await fetch(`http://localhost:${port}/api/health`).then((r) => r.status > 0, () => false);
    if (up) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`web server on ${port} did not start`);
}

/** One failed sign-in for a random unknown account; returns the HTTP status (401, or 429 when blocked). */
async function failedSignIn(api: APIRequestContext, headers: Record<string, string>): Promise<number> {
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await api.post("/api/auth/callback/credentials", {
    form: { email: `spray-${randomUUID()}@example.test`, password: "Wrong horse 2026", csrfToken, json: "true" },
    headers,
    maxRedirects: 0,
  });
  return res.status();
}

test.describe("per-IP sign-in limit", () => {
  test("with no trusted proxy, a forged X-Forwarded-For neither escapes the limit nor names who is blocked", async () => {
    const port = BASE_PORT;
    const web = await startWeb(port, { TRUSTED_PROXY_HOPS: "0" });
    const api = await request.newContext({ baseURL: `http://localhost:${port}` });
    try {
      // A sprayer sends a new forged address with every attempt: all of them count against its socket.
      for (let i = 0; i < 3; i++) expect(await failedSignIn(api, { "x-forwarded-for": `203.0.113.${i + 1}` })).toBe(401);
      expect(await failedSignIn(api, { "x-forwarded-for": "203.0.113.99", "x-real-ip": "203.0.113.98", "x-crm-client-ip": "203.0.113.97" })).toBe(429);
    } finally {
      await api.dispose();
      web.kill("SIGTERM");
    }
  });

  test("behind one trusted proxy, the proxy's entry (rightmost) is the client; entries left of it are ignored", async () => {
    const port = BASE_PORT + 1;
    const web = await startWeb(port, { TRUSTED_PROXY_HOPS: "1" });
    const api = await request.newContext({ baseURL: `http://localhost:${port}` });
    try {
      // The "proxy" (this test) appends the real client 198.51.100.7 after whatever the client forged.
      for (let i = 0; i < 3; i++) expect(await failedSignIn(api, { "x-forwarded-for": `203.0.113.${i + 1}, 198.51.100.7` })).toBe(401);
      expect(await failedSignIn(api, { "x-forwarded-for": "203.0.113.50, 198.51.100.7" })).toBe(429);
      // Another client behind the same proxy is not blocked.
      expect(await failedSignIn(api, { "x-forwarded-for": "198.51.100.8" })).toBe(401);
    } finally {
      await api.dispose();
      web.kill("SIGTERM");
    }
  });
});
