import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { ensureAppRole } from "./app-role";

// Applies prisma/migrations without Prisma's schema engine (not available on these machines), and
// books them in _prisma_migrations exactly as `prisma migrate deploy` would, so either tool can
// take over from the other.

/** Prisma Migrate's own advisory lock key: our runs and a `prisma migrate deploy` exclude each other. */
export const MIGRATE_LOCK_KEY = 72707369;

export const DEFAULT_MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../../../prisma/migrations");

// Verbatim from prisma-engines (sql-schema-connector, postgres flavour); IF NOT EXISTS is ours.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

export interface TRunMigrationsOptions {
  /** Connects as the role that owns the schema (DATABASE_URL). */
  ownerUrl: string;
  /** The non-owner role the app uses (APP_DATABASE_URL); created and granted if needed. */
  appUrl: string;
  migrationsDir?: string;
  log?: (msg: string) => void;
}

export interface TMigrationFile {
  name: string;
  script: string;
  checksum: string;
}

interface THistoryRow {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!name) throw new MigrationError(`database URL names no database: ${redact(url)}`);
  return name;
}

/** The URL without its password, for error messages and logs. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

/** Creates the database named in `ownerUrl` if it is missing (connecting to `postgres` to do so). */
export async function ensureDatabase(ownerUrl: string): Promise<void> {
  const name = databaseName(ownerUrl);
  const maintenance = new URL(ownerUrl);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    } catch (err) {
      // Another process (a parallel test worker, a second replica) created it first.
      if (pgCode(err) !== "42P04") throw err;
    }
  } finally {
    await client.end();
  }
}

/** Migration folders in apply order, with the checksum Prisma would record for each. */
export async function readMigrations(dir: string): Promise<TMigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // byte order, like Prisma; not locale order
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name, "migration.sql");
      const bytes = await readFile(file).catch(() => {
        throw new MigrationError(`migration folder ${name} has no migration.sql (${file})`);
      });
      return { name, script: bytes.toString("utf8"), checksum: sha256Hex(bytes) };
    }),
  );
}

// Prisma also accepts a checksum taken with the other line-ending convention, because git may
// rewrite them on checkout; do the same so a Windows clone does not look "edited".
function checksumMatches(m: TMigrationFile, recorded: string): boolean {
  return [m.checksum, sha256Hex(m.script.replace(/\r\n/g, "\n")), sha256Hex(m.script.replace(/\r?\n/g, "\r\n"))].includes(
    recorded,
  );
}

export async function runMigrations(opts: TRunMigrationsOptions): Promise<{ applied: string[]; skipped: string[] }> {
  const log = opts.log ?? ((msg: string) => console.log(msg));
  const dir = opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const migrations = await readMigrations(dir);

  // The lock lives on its own session so nothing a migration script does to its session
  // (DISCARD ALL, a failed transaction) can drop it while we are still working.
  const lock = new pg.Client({ connectionString: opts.ownerUrl });
  const client = new pg.Client({ connectionString: opts.ownerUrl });
  // An idle client whose server goes away emits "error"; unhandled, that would kill the process.
  lock.on("error", (err) => log(`migrate: lock connection lost: ${err.message}`));
  client.on("error", (err) => log(`migrate: connection lost: ${err.message}`));
  await lock.connect();
  try {
    await client.connect();
    const { rows } = await lock.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [MIGRATE_LOCK_KEY]);
    if (!rows[0]?.ok) {
      log("migrate: another migration run holds the lock; waiting for it to finish");
      await lock.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK_KEY]);
    }
    try {
      const result = await migrateLocked(client, migrations, dir, log);
      await ensureAppRole(client, opts.appUrl);
      return result;
    } finally {
      // Closing the session releases the lock anyway; an unlock error must not hide the real one.
      await lock.query("SELECT pg_advisory_unlock($1)", [MIGRATE_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
}

async function migrateLocked(
  client: pg.Client,
  migrations: TMigrationFile[],
  dir: string,
  log: (msg: string) => void,
): Promise<{ applied: string[]; skipped: string[] }> {
  await assertManagedOrEmpty(client);
  await client.query(CREATE_MIGRATIONS_TABLE);
  const { rows: history } = await client.query<THistoryRow>(
    "SELECT id, checksum, migration_name, started_at, finished_at, rolled_back_at, logs FROM _prisma_migrations ORDER BY started_at",
  );
  const applied = checkHistory(history, migrations, dir);

  const done: string[] = [];
  const skipped: string[] = [];
  for (const m of migrations) {
    if (applied.has(m.name)) {
      skipped.push(m.name);
      continue;
    }
    const started = performance.now();
    await applyOne(client, m);
    done.push(m.name);
    log(`migrate: applied ${m.name} (${Math.round(performance.now() - started)} ms)`);
  }
  const plural = (n: number) => `${n} migration${n === 1 ? "" : "s"}`;
  if (done.length === 0) log(`migrate: database is up to date (${plural(migrations.length)})`);
  else log(`migrate: applied ${plural(done.length)}; ${plural(migrations.length)} in total`);
  return { applied: done, skipped };
}

// `prisma migrate deploy` refuses (P3005) to start bookkeeping in a schema that already holds
// tables it did not create; so do we, rather than failing halfway through the first migration.
async function assertManagedOrEmpty(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  const names = rows.map((r) => r.relname);
  if (names.length > 0 && !names.includes("_prisma_migrations")) {
    throw new MigrationError(
      `the database already has tables (${names.slice(0, 5).join(", ")}${names.length > 5 ? ", ..." : ""}) ` +
        "but no _prisma_migrations history, so it was not created by these migrations. " +
        "Point DATABASE_URL at an empty database, or baseline this one first.",
    );
  }
}

/** Returns the names already applied; throws if the history and the folder disagree. */
function checkHistory(history: THistoryRow[], migrations: TMigrationFile[], dir: string): Set<string> {
  const byName = new Map(migrations.map((m) => [m.name, m]));
  const applied = new Set<string>();
  for (const row of history) {
    if (row.rolled_back_at) continue; // resolved as rolled back: it may be applied again
    if (!row.finished_at) {
      throw new MigrationError(
        `migration ${row.migration_name} failed or was interrupted (started ${row.started_at.toISOString()}, ` +
          `row id ${row.id})${row.logs ? `:\n${row.logs}\n` : ". "}` +
          "Its changes may be partly applied. Repair the database by hand, then either mark it rolled back so it " +
          `is retried (UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = '${row.id}', ` +
          `or \`prisma migrate resolve --rolled-back ${row.migration_name}\`), or, if you completed it by hand, ` +
          `mark it applied (\`prisma migrate resolve --applied ${row.migration_name}\`).`,
      );
    }
    const file = byName.get(row.migration_name);
    if (!file) {
      throw new MigrationError(
        `the database has migration ${row.migration_name}, which is not in ${dir}. ` +
          "This build is older than the database (deploy a newer one), or the folder was renamed or deleted (restore it).",
      );
    }
    if (!checksumMatches(file, row.checksum)) {
      throw new MigrationError(
        `migration ${row.migration_name} was modified after it was applied ` +
          `(checksum in database ${row.checksum}, file ${file.checksum}). ` +
          "Restore the original migration.sql and put the change in a new migration.",
      );
    }
    applied.add(row.migration_name);
  }
  return applied;
}

// One transaction per migration, bookkeeping included: a failure leaves neither half-applied DDL
// nor a failed row behind, so the next run simply retries. (Prisma itself commits the row first
// and leaves a failed row on error; a script that cannot run in a transaction, such as CREATE
// INDEX CONCURRENTLY, is therefore not supported here.)
async function applyOne(client: pg.Client, m: TMigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      "INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, clock_timestamp(), $3)",
      [id, m.checksum, m.name],
    );
    await client.query(m.script);
    // Prisma counts one step per migration script and stamps finished_at once it has run.
    await client.query(
      "UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp() WHERE id = $1",
      [id],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw new MigrationError(`migration ${m.name} failed and was rolled back (nothing recorded): ${describeError(err, m.script)}`);
  }
}

function describeError(err: unknown, script: string): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { code?: string; position?: string };
  let where = "";
  if (e.position) {
    const offset = Number(e.position) - 1;
    const line = script.slice(0, offset).split("\n").length;
    where = ` at line ${line}`;
  }
  return `${e.message}${e.code ? ` [${e.code}]` : ""}${where}`;
}

export function pgCode(err: unknown): string | undefined {
  return typeof err === "object" && err !== null && "code" in err ? String((err as { code: unknown }).code) : undefined;
}
