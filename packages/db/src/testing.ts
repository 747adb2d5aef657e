import { randomBytes } from "node:crypto";
import pg from "pg";
import { deriveAppDatabaseUrl, resetServerEnvForTests } from "@crm/config";
import { ensureDatabase, runMigrations } from "./migrate/index";

// Test helpers: one shared, migrated test database per run (never the dev database), plus
// throw-away databases for tests that damage their schema on purpose.

const DEFAULT_TEST_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/connection_crm_test";

export interface TDatabaseUrls {
  /** Owner role: migrations, fixtures that must bypass row-level security. */
  ownerUrl: string;
  /** App role: what `db()` uses; subject to row-level security. */
  appUrl: string;
}

export function testDatabaseUrls(): TDatabaseUrls {
  const ownerUrl = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
  return { ownerUrl, appUrl: deriveAppDatabaseUrl(ownerUrl) };
}

let prepared: Promise<TDatabaseUrls> | undefined;

/**
 * Creates and migrates the test database once per process and points DATABASE_URL /
 * APP_DATABASE_URL at it, so `db()` talks to it as the app role. Test files run in separate
 * processes, possibly at once; the migration lock makes that safe.
 */
export function prepareTestDatabase(): Promise<TDatabaseUrls> {
  prepared ??= (async () => {
    const urls = testDatabaseUrls();
    // Point the env at the test database before anything can await: a db() call racing this
    // must never reach the dev database.
    process.env.DATABASE_URL = urls.ownerUrl;
    process.env.APP_DATABASE_URL = urls.appUrl;
    resetServerEnvForTests();
    await ensureDatabase(urls.ownerUrl);
    await runMigrations({ ...urls, log: () => undefined });
    return urls;
  })().catch((err: unknown) => {
    prepared = undefined; // let a later call retry instead of replaying the failure
    throw err;
  });
  return prepared;
}

export interface TThrowawayDatabase extends TDatabaseUrls {
  name: string;
  drop(): Promise<void>;
}

/**
 * Creates an empty database with a unique name on the test server (not migrated: call
 * runMigrations if needed). Call `drop()` when done.
 */
export async function createThrowawayDatabase(label: string): Promise<TThrowawayDatabase> {
  const base = new URL(testDatabaseUrls().ownerUrl);
  const suffix = `${label.toLowerCase().replace(/[^a-z0-9]+/g, "_")}_${process.pid}_${randomBytes(4).toString("hex")}`;
  // Postgres truncates identifiers at 63 bytes; keep the unique suffix, cut the prefix.
  const name = `crm_tmp_${suffix}`.slice(-63);
  base.pathname = `/${encodeURIComponent(name)}`;
  const ownerUrl = base.toString();
  await ensureDatabase(ownerUrl);
  return { name, ownerUrl, appUrl: deriveAppDatabaseUrl(ownerUrl), drop: () => dropDatabase(ownerUrl) };
}

/** Drops the database named in `url`, disconnecting any sessions still attached to it. */
export async function dropDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = "/postgres";
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
