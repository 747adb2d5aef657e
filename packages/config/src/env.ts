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

export const ZServerEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default(DEFAULT_DATABASE_URL),
    APP_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).default("redis://127.0.0.1:6379"),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:{}_-]+$/, "letters, digits, : { } _ - only")
      .default("{crm}"),
    APP_URL: z.url().default("http://localhost:3000"),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (use `openssl rand -hex 32`)").optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    EMAIL_FROM: z.string().min(3).default("Connection CRM <no-reply@localhost>"),
    MAIL_DIR: z.string().default("var/mail"),
    // "file" writes .eml files to MAIL_DIR instead of sending; the default outside production.
    EMAIL_TRANSPORT: z.enum(["smtp", "file"]).optional(),
    WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
    // How many reverse proxies in front append to X-Forwarded-For; the client IP is read that many
    // entries from the end (Next.js itself appends the socket peer last).
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
    LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
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
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production" });
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
