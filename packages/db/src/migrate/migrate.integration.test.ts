import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { cp, mkdtemp, readFile, appendFile, rm, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createThrowawayDatabase, dropDatabase, testDatabaseUrls, type TThrowawayDatabase } from "../testing";
import { DEFAULT_MIGRATIONS_DIR, ensureDatabase, runMigrations } from "./index";

const INIT = "20261123120000_init";
const ALL = readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const quiet = () => undefined;

describe("ensureDatabase", () => {
  it("creates a database whose name needs quoting, and is idempotent", async () => {
    const base = new URL(testDatabaseUrls().ownerUrl);
    const name = `crm_tmp_Odd "name"-${process.pid}-${Date.now()}`;
    base.pathname = `/${encodeURIComponent(name)}`;
    try {
      await ensureDatabase(base.toString());
      await ensureDatabase(base.toString());
      const rows = await query<{ db: string }>(base.toString(), "SELECT current_database() AS db");
      expect(rows[0]?.db).toBe(name);
    } finally {
      await dropDatabase(base.toString());
    }
  });
});

describe("runMigrations", () => {
  let db: TThrowawayDatabase;
  const logs: string[] = [];
  let first: { applied: string[]; skipped: string[] };

  beforeAll(async () => {
    db = await createThrowawayDatabase("migrate");
    first = await runMigrations({ ownerUrl: db.ownerUrl, appUrl: db.appUrl, log: (m) => logs.push(m) });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("applies a fresh database and books it the way Prisma Migrate does", async () => {
    expect(first).toEqual({ applied: ALL, skipped: [] });
    expect(ALL[0]).toBe(INIT);
    expect(logs[0]).toMatch(new RegExp(`^migrate: applied ${INIT} \\(\\d+ ms\\)$`));

    const bytes = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, INIT, "migration.sql"));
    const rows = await query<Record<string, unknown>>(db.ownerUrl, "SELECT * FROM _prisma_migrations");
    expect(rows).toHaveLength(ALL.length);
    const row = rows.find((r) => r.migration_name === INIT)!;
    expect(row.migration_name).toBe(INIT);
    expect(row.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(row.applied_steps_count).toBe(1);
    expect(row.finished_at).toBeInstanceOf(Date);
    expect((row.finished_at as Date).getTime()).toBeGreaterThanOrEqual((row.started_at as Date).getTime());
    expect(row.rolled_back_at).toBeNull();
    expect(row.logs).toBeNull();

    // The table itself must be the one Prisma creates, or `prisma migrate deploy` would disagree.
    const cols = await query(
      db.ownerUrl,
      `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(cols).toEqual([
      { column_name: "id", data_type: "character varying", len: 36, is_nullable: "NO", column_default: null },
      { column_name: "checksum", data_type: "character varying", len: 64, is_nullable: "NO", column_default: null },
      { column_name: "finished_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
      { column_name: "migration_name", data_type: "character varying", len: 255, is_nullable: "NO", column_default: null },
      { column_name: "logs", data_type: "text", len: null, is_nullable: "YES", column_default: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", len: null, is_nullable: "YES", column_default: null },
      { column_name: "started_at", data_type: "timestamp with time zone", len: null, is_nullable: "NO", column_default: "now()" },
      { column_name: "applied_steps_count", data_type: "integer", len: null, is_nullable: "NO", column_default: "0" },
    ]);
    const pk = await query(
      db.ownerUrl,
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conrelid = '_prisma_migrations'::regclass AND contype = 'p'`,
    );
    expect(pk).toEqual([{ conname: "_prisma_migrations_pkey", def: "PRIMARY KEY (id)" }]);
  });

  it("applies nothing the second time", async () => {
    const seen: string[] = [];
    const again = await runMigrations({ ownerUrl: db.ownerUrl, appUrl: db.appUrl, log: (m) => seen.push(m) });
    expect(again).toEqual({ applied: [], skipped: ALL });
    expect(seen).toEqual([`migrate: database is up to date (${ALL.length} migration${ALL.length === 1 ? "" : "s"})`]);
    const rows = await query(db.ownerUrl, "SELECT count(*)::int AS n FROM _prisma_migrations");
    expect(rows[0]).toEqual({ n: ALL.length });
  });

  it("refuses a migration edited after it was applied, and a database ahead of the folder", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crm-migrations-"));
    try {
      await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
      await appendFile(path.join(dir, INIT, "migration.sql"), "\n-- edited after the fact\n");
      await expect(runMigrations({ ...db, migrationsDir: dir, log: quiet })).rejects.toThrow(
        new RegExp(`migration ${INIT} was modified after it was applied .*Restore the original migration.sql`),
      );

      const empty = path.join(dir, "empty");
      await mkdir(empty);
      await expect(runMigrations({ ...db, migrationsDir: empty, log: quiet })).rejects.toThrow(
        new RegExp(`the database has migration ${INIT}, which is not in`),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("rolls a failing migration back together with its bookkeeping row", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "crm-migrations-"));
    try {
      await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
      await mkdir(path.join(dir, "20991231000000_broken"));
      await appendFile(
        path.join(dir, "20991231000000_broken", "migration.sql"),
        'CREATE TABLE "Partial" (id int);\n\nSELEC 1;\n',
      );
      await expect(runMigrations({ ...db, migrationsDir: dir, log: quiet })).rejects.toThrow(
        /migration 20991231000000_broken failed and was rolled back \(nothing recorded\): syntax error at or near "SELEC" \[42601\] at line 3/,
      );
      const left = await query(
        db.ownerUrl,
        `SELECT to_regclass('"Partial"') AS partial,
                (SELECT count(*)::int FROM _prisma_migrations WHERE migration_name LIKE '%broken') AS rows`,
      );
      expect(left).toEqual([{ partial: null, rows: 0 }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses to go on past a failed migration and says how to resolve it", async () => {
    await query(
      db.ownerUrl,
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs)
       VALUES ('00000000-0000-4000-8000-000000000001', repeat('0', 64), '20990101000000_broken', 'boom')`,
    );
    try {
      await expect(runMigrations({ ...db, log: quiet })).rejects.toThrow(
        /migration 20990101000000_broken failed or was interrupted.*boom.*rolled_back_at = now\(\)/s,
      );
      // Once resolved as rolled back (what `prisma migrate resolve --rolled-back` does) it is ignored.
      await query(db.ownerUrl, "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '20990101000000_broken'");
      await expect(runMigrations({ ...db, log: quiet })).resolves.toEqual({ applied: [], skipped: ALL });
    } finally {
      await query(db.ownerUrl, "DELETE FROM _prisma_migrations WHERE migration_name = '20990101000000_broken'");
    }
  });

  it("sets up the app role: can log in, no superuser, no BYPASSRLS, owns nothing, no access to the history", async () => {
    const role = decodeURIComponent(new URL(db.appUrl).username);
    const [r] = await query<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>(
      db.ownerUrl,
      "SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1",
      [role],
    );
    expect(r).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: true });
    const owned = await query(
      db.ownerUrl,
      "SELECT relname FROM pg_class WHERE pg_get_userbyid(relowner) = $1 AND relnamespace = 'public'::regnamespace",
      [role],
    );
    expect(owned).toEqual([]);

    const [privs] = await query(
      db.appUrl,
      `SELECT current_user AS who,
              has_table_privilege('"User"', 'SELECT, INSERT, UPDATE, DELETE') AS dml,
              has_table_privilege('"User"', 'TRUNCATE') AS truncate,
              has_table_privilege('_prisma_migrations', 'SELECT') AS history`,
    );
    expect(privs).toEqual({ who: role, dml: true, truncate: false, history: false });

    // Default privileges: a table a later migration creates is usable by the app without a re-grant.
    await query(db.ownerUrl, "CREATE TABLE later_table (id int)");
    const [later] = await query(db.appUrl, "SELECT has_table_privilege('later_table', 'INSERT') AS ok");
    expect(later).toEqual({ ok: true });
    await query(db.ownerUrl, "DROP TABLE later_table");
  });
});

describe("runMigrations on a database it did not create", () => {
  it("refuses a non-empty database without history instead of failing halfway", async () => {
    const db = await createThrowawayDatabase("unmanaged");
    try {
      await query(db.ownerUrl, 'CREATE TABLE "Legacy" (id int)');
      await expect(runMigrations({ ...db, log: quiet })).rejects.toThrow(/already has tables \(Legacy\) but no _prisma_migrations/);
    } finally {
      await db.drop();
    }
  });
});

describe("runMigrations from several replicas at once", () => {
  let db: TThrowawayDatabase;
  beforeAll(async () => {
    db = await createThrowawayDatabase("parallel");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("applies each migration exactly once", async () => {
    const runs = await Promise.all([1, 2, 3].map(() => runMigrations({ ...db, log: quiet })));
    expect(runs.map((r) => r.applied.length).sort()).toEqual([0, 0, ALL.length]);
    const rows = await query(db.ownerUrl, "SELECT migration_name FROM _prisma_migrations ORDER BY migration_name");
    expect(rows).toEqual(ALL.map((migration_name) => ({ migration_name })));
  });
});
