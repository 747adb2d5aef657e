import { z } from "zod";

// The one place that reads process.env. Each process parses once at start-up and fails with a
// message naming the variable, instead of failing later in a confusing place.

const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/connection_crm";

/** The app role connects to the same database as the owner, as a role without BYPASSRLS. */
export function deriveAppDatabaseUrl(ownerUrl: string): string {
  const u = new URL(ownerUrl);
  u.username = "crm_app";
  u.password = "crm_app";
  return u.toString();
}

/** The password deriveAppDatabaseUrl puts in: fine on a laptop, public everywhere else. */
export function usesDefaultAppPassword(appUrl: string): boolean {
  try {
    return decodeURIComponent(new URL(appUrl).password) === "crm_app";
  } catch {
    return false;
  }
}

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** "host:port,host:port" → [{ host, port }]; names the first entry that is not a host:port. */
export const ZRedisClusterNodes = z.string().transform((value, ctx) => {
  const nodes: Array<{ host: string; port: number }> = [];
  for (const raw of value.split(",")) {
    const entry = raw.trim();
    const m = HOST_PORT.exec(entry);
    const port = m ? Number(m[2]) : 0;
    if (!m || port < 1 || port > 65535) {
      ctx.addIssue({ code: "custom", message: `entry "${entry}" is not host:port (expected e.g. "10.0.0.5:7000,10.0.0.6:7000")` });
      return z.NEVER;
    }
    nodes.push({ host: m[1]!.replace(/^\[|\]$/g, ""), port });
  }
  return nodes;
});

/**
 * Redis Cluster keeps a multi-key command (every BullMQ script) to keys of one slot, and a key's
 * slot is taken from its hash tag: the text between the first "{" and the next "}", if non-empty.
 */
export function hasHashTag(prefix: string): boolean {
  return /^[^{]*\{[^}]+\}/.test(prefix);
}

export const ZServerEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default(DEFAULT_DATABASE_URL),
    APP_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    // The hot write paths (withTeamRaw) reuse server-side prepared statements: planning a query
    // under row-level security costs more than running it. Set 0 behind a pooler that cannot
    // carry named prepared statements (PgBouncer < 1.21 in transaction mode).
    DATABASE_PREPARED_STATEMENTS: z.enum(["0", "1"], "must be 1 or 0").default("1"),
    // Statement timeout for interactive reads (pages, API lists, counts): seconds, not minutes.
    // Worker jobs (imports, rescoring) do not use it.
    QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).default("redis://127.0.0.1:6379"),
    // A Redis Cluster instead of one Redis: "host:port,host:port,..." (any reachable masters; the
    // client discovers the rest). REDIS_URL then only lends its user, password and rediss: (TLS).
    REDIS_CLUSTER_NODES: ZRedisClusterNodes.optional(),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:{}_-]+$/, "letters, digits, : { } _ - only")
      .default("{crm}"),
    APP_URL: z.url().default("http://localhost:3000"),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (use `openssl rand -hex 32`)").optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    // Idle time on the SMTP socket before a send is given up (ms); only tests set it low. Connect
    // and greeting get a third of it each (10 s by default).
    SMTP_SOCKET_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(30_000),
    EMAIL_FROM: z.string().min(3).default("Connection CRM <no-reply@localhost>"),
    MAIL_DIR: z.string().default("var/mail"),
    // "file" writes .eml files to MAIL_DIR instead of sending; the default outside production.
    EMAIL_TRANSPORT: z.enum(["smtp", "file"]).optional(),
    WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    // GET /health is unauthenticated: loopback by default; an orchestrator probing from outside
    // the container sets 0.0.0.0 (or ::) or the pod's address.
    WORKER_HEALTH_HOST: z
      .string()
      .regex(/^[A-Za-z0-9.:-]+$/, "an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0")
      .default("127.0.0.1"),
    // Set by `npm start` and the tests on a dev machine, which run the production build: allows the
    // public default crm_app database password under NODE_ENV=production. Never set it in a deploy.
    CRM_LOCAL_DEV: z.enum(["0", "1"], "must be 1 or 0").optional(),
    // Browser tests only: lets /api/test/* move the app's clock (packages/core/src/clock.ts).
    // Refused under NODE_ENV=production unless CRM_LOCAL_DEV=1 too.
    CRM_TEST_CLOCK: z.enum(["0", "1"], "must be 1 or 0").optional(),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
    // How many reverse proxies in front append to X-Forwarded-For. apps/web/server.mjs takes the
    // client IP from the socket (0) or that many entries from the right; nothing else is believed.
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    // Failed sign-ins per (account, IP) pair, and a per-account ceiling across all IPs that a
    // successful sign-in or password reset clears (docs/operations.md).
    LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: z.coerce.number().int().min(1).default(10),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(100),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
    // Emails anyone can trigger, per hour: password resets per existing address / per requesting
    // IP / per (IP, address), and invitations per (team, invited address) / per sending user.
    PASSWORD_RESET_MAX_PER_EMAIL: z.coerce.number().int().min(1).default(5),
    PASSWORD_RESET_MAX_PER_IP: z.coerce.number().int().min(1).default(20),
    PASSWORD_RESET_MAX_PER_IP_AND_EMAIL: z.coerce.number().int().min(1).default(2),
    INVITATIONS_MAX_PER_EMAIL: z.coerce.number().int().min(1).default(5),
    INVITATIONS_MAX_PER_SENDER: z.coerce.number().int().min(1).default(50),
    // Uploads above this are refused with 413 before they are buffered (docs/operations.md).
    IMPORT_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(2048).default(200),
    // Imports are memory-bound (one 30k-row network ≈ 100 MB at peak): few per worker process.
    IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(20).default(2),
    // A worker that dies mid-import loses its lock after this long; another worker then retries.
    IMPORT_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
    // A finished team data export can be downloaded for this long; then its bytes are deleted.
    TEAM_EXPORT_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(24),
    // REST API (/api/v1): requests per key per minute, shared by every web replica through Redis.
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  })
  .transform((env) => ({
    ...env,
    APP_DATABASE_URL: env.APP_DATABASE_URL ?? deriveAppDatabaseUrl(env.DATABASE_URL),
  }))
  .superRefine((env, ctx) => {
    if (env.REDIS_CLUSTER_NODES && !hasHashTag(env.QUEUE_PREFIX)) {
      ctx.addIssue({
        code: "custom",
        path: ["QUEUE_PREFIX"],
        message: `"${env.QUEUE_PREFIX}" has no hash tag, which REDIS_CLUSTER_NODES needs (each queue's keys must share one cluster slot): use e.g. "{crm}"`,
      });
    }
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production" });
    }
    if (env.NODE_ENV === "production" && env.CRM_LOCAL_DEV !== "1" && env.CRM_TEST_CLOCK === "1") {
      ctx.addIssue({ code: "custom", path: ["CRM_TEST_CLOCK"], message: "is for browser tests only: unset it in production" });
    }
    if (env.NODE_ENV === "production" && env.CRM_LOCAL_DEV !== "1" && usesDefaultAppPassword(env.APP_DATABASE_URL)) {
      ctx.addIssue({
        code: "custom",
        path: ["APP_DATABASE_URL"],
        message: "uses the default crm_app password, which is public; set APP_DATABASE_URL with a password of your own (`npm run cli -- migrate` gives the role that password)",
      });
    }
  });

export type TServerEnv = z.infer<typeof ZServerEnv>;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseServerEnv(source: Record<string, string | undefined>): TServerEnv {
  // Empty strings mean "unset" (docker-compose and .env files often produce them).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = ZServerEnv.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`));
  }
  return result.data;
}

let cached: TServerEnv | undefined;
export function serverEnv(): TServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}
/** Tests change process.env between cases; they call this to re-read it. */
export function resetServerEnvForTests(): void {
  cached = undefined;
}
