import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveAppDatabaseUrl } from "@crm/config";
import { dropDatabase, testDatabaseUrls } from "../testing";
import { runMigrations } from "./index";

// Security review (issue 13). In production the migrating role owns the schema without being a
// superuser, so FORCE ROW LEVEL SECURITY applies to it and `connection_search_prefilter ... TO
// CURRENT_USER USING (true)` is what lets crm_connection_candidates see rows at all. Every other
// test migrates as postgres (a superuser, for whom the policy changes nothing), and decision 0014's
// "also with a non-superuser owner" has no test behind it. This one migrates as a plain role.

const role = `rv_owner_${randomBytes(4).toString("hex")}`;
const password = randomBytes(12).toString("hex");
const dbName = `crm_tmp_rv_nonsuper_${process.pid}_${randomBytes(3).toString("hex")}`;
let admin: pg.Client;
let owner: pg.Client;
let app: pg.Client;
let ownerUrl: string;

const url = (base: string, user: string | null, pass: string | null, db: string) => {
  const u = new URL(base);
  if (user !== null) u.username = user;
  if (pass !== null) u.password = pass;
  u.pathname = `/${db}`;
  return u.toString();
};

beforeAll(async () => {
  const base = testDatabaseUrls().ownerUrl;
  admin = new pg.Client({ connectionString: url(base, null, null, "postgres") });
  await admin.connect();
  await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' NOSUPERUSER NOBYPASSRLS NOCREATEROLE`);
  await admin.query(`CREATE DATABASE ${dbName} OWNER ${role}`);
  ownerUrl = url(base, role, password, dbName);
  await runMigrations({ ownerUrl, appUrl: deriveAppDatabaseUrl(url(base, null, null, dbName)), log: () => undefined });
  owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  // The owner is subject to the tenant policy's WITH CHECK too: write each team's rows in its scope.
  await owner.query(`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ('u', 'u@x', 'u', 'x', now())`);
  for (const t of ["A", "B"]) {
    await owner.query("BEGIN");
    await owner.query("SELECT set_config('app.team_id', $1, true)", [t]);
    await owner.query(`INSERT INTO "Team" (id, name, slug) VALUES ($1, $1, $1)`, [t]);
    await owner.query(`INSERT INTO "LinkedInAccount" (id, "teamId", "ownerUserId", label, "timeZone", "updatedAt") VALUES ($1, $2, 'u', 'a', 'UTC', now())`, [`acc${t}`, t]);
    await owner.query(
      `INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "firstName", "lastName", "updatedAt")
       SELECT $1 || n, $1, $2, 'k' || n, 'k' || n, 'Anna' || n, CASE WHEN n % 10 = 0 THEN 'Schmidt' ELSE 'Baker' END, now()
         FROM generate_series(1, 2000) n`,
      [t, `acc${t}`],
    );
    await owner.query("COMMIT");
  }
  await owner.query(`ANALYZE "Connection"`);
  app = new pg.Client({ connectionString: deriveAppDatabaseUrl(ownerUrl) });
  await app.connect();
}, 120_000);
afterAll(async () => {
  await app?.end();
  await owner?.end();
  await dropDatabase(url(testDatabaseUrls().ownerUrl, null, null, dbName)).catch(() => undefined);
  await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
  await admin.end();
});

describe("crm_connection_candidates with a non-superuser owner", () => {
  it("owns the function and is not a superuser (else this test proves nothing)", async () => {
    const { rows } = await owner.query(
      `SELECT r.rolsuper, r.rolbypassrls, pg_get_userbyid(p.proowner) AS fn_owner
         FROM pg_proc p, pg_roles r WHERE p.proname = 'crm_connection_candidates' AND r.rolname = current_user`,
    );
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, fn_owner: role });
  });

  it("answers with the transaction's team's rows only", async () => {
    for (const t of ["A", "B"]) {
      await app.query("BEGIN");
      try {
        await app.query("SELECT set_config('app.team_id', $1, true)", [t]);
        const { rows } = await app.query<{ id: string }>(`SELECT crm_connection_candidates($1, ARRAY['schmidt'], ARRAY[1], '{}'::text[], '{}'::int[]) AS id`, [t]);
        expect(rows).toHaveLength(200);
        expect(rows.every((r) => r.id.startsWith(t))).toBe(true);
        const keys = await app.query<{ id: string }>(`SELECT k.id FROM crm_connection_candidate_keys($1, ARRAY['schmidt'], ARRAY[1], '{}'::text[], '{}'::int[]) k`, [t]);
        expect(keys.rows.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
      } finally {
        await app.query("ROLLBACK");
      }
    }
  });

  it("lets the owner's LIKE be an index condition on the trigram index (the tenant policy alone would not)", async () => {
    await owner.query("BEGIN");
    try {
      // On 4,000 rows the planner rightly prefers the btree on teamId: take the alternatives away.
      const { rows: others } = await owner.query<{ name: string }>(
        `SELECT indexrelid::regclass::text AS name FROM pg_index WHERE indrelid = '"Connection"'::regclass
            AND NOT indisprimary AND indexrelid::regclass::text <> '"Connection_teamId_searchText_idx"'`,
      );
      for (const { name } of others) await owner.query(`DROP INDEX ${name}`);
      await owner.query("SET LOCAL enable_seqscan = off");
      const { rows } = await owner.query(`EXPLAIN SELECT c.id FROM public."Connection" c WHERE c."teamId" = 'A' AND c."searchText" LIKE '%schmidt%'`);
      const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan).toContain("Connection_teamId_searchText_idx");
      expect(plan).toMatch(/Index Cond: .*"searchText" ~~ '%schmidt%'/);
      expect(plan).not.toContain("current_setting");
    } finally {
      await owner.query("ROLLBACK");
    }
  });

  it("the owner role now reads every team's connections with no setting at all (by design; noted)", async () => {
    const { rows } = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Connection"`);
    expect(rows[0]!.n).toBe(4000);
    // The app role, with no setting, still sees none.
    const seen = await app.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Connection"`);
    expect(seen.rows[0]!.n).toBe(0);
  });
});
