import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareTestDatabase, type TDatabaseUrls } from "../testing";

// The owner-side (SECURITY DEFINER) functions are the only ways past row-level security.
// Nothing a caller can create (temp views, temp functions) may stand in for what they read, and
// only the app role may call them.

let urls: TDatabaseUrls;
let app: pg.Client;

beforeAll(async () => {
  urls = await prepareTestDatabase();
  app = new pg.Client({ connectionString: urls.appUrl });
  await app.connect();
});
afterAll(async () => {
  await app.end();
});

describe("owner-side functions", () => {
  it("ignore a temp view or function that shadows what they read", async () => {
    await app.query(`CREATE FUNCTION pg_temp.pwn() RETURNS text LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'ran as %', current_user; END $$`);
    for (const name of ["LinkedInAccount", "ReviewItem", "RemovalDay", "Connection", "pg_timezone_names", "pg_stat_user_tables"]) {
      await app.query(`CREATE TEMP VIEW "${name}" AS SELECT pg_temp.pwn() AS id, ''::text AS "teamId", ''::text AS "timeZone", ''::text AS name, ''::text AS relname, ''::text AS schemaname, now() AS last_analyze, now() AS last_autoanalyze, ''::text AS "searchText"`);
    }
    // Functions and operators the candidate prefilter calls, shadowed in pg_temp.
    await app.query(`CREATE FUNCTION pg_temp.format(text, integer) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN pg_temp.pwn(); END $$`);
    await app.query(`CREATE FUNCTION pg_temp.replace(text, text, text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN pg_temp.pwn(); END $$`);
    await app.query(`CREATE FUNCTION pg_temp.current_setting(text, boolean) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN pg_temp.pwn(); END $$`);
    await expect(app.query(`SELECT * FROM crm_removal_plans_due(now(), NULL, 10)`)).resolves.toBeDefined();
    await expect(app.query(`SELECT crm_analyze_after_bulk('IcpScore')`)).resolves.toBeDefined();
    await app.query("BEGIN");
    try {
      await app.query("SELECT set_config('app.team_id', 'team-shadow', true)");
      await expect(app.query(`SELECT crm_connection_candidates('team-shadow', ARRAY['abc', 'x%_'], ARRAY[1, 2], ARRAY['abcd'], ARRAY[3])`)).resolves.toMatchObject({ rows: [] });
      await expect(app.query(`SELECT * FROM crm_connection_candidate_keys('team-shadow', ARRAY['abc', 'x%_'], ARRAY[1, 2], ARRAY['abcd'], ARRAY[3])`)).resolves.toMatchObject({ rows: [] });
    } finally {
      await app.query("ROLLBACK");
    }
  });

  it("are not callable by other roles", async () => {
    const { rows } = await app.query<{ who: string; due: boolean; analyze: boolean; candidates: boolean; keys: boolean }>(
      `SELECT has_function_privilege('public', 'crm_removal_plans_due(timestamptz, text, integer)', 'EXECUTE') AS due,
              has_function_privilege('public', 'crm_analyze_after_bulk(text)', 'EXECUTE') AS analyze,
              has_function_privilege('public', 'crm_connection_candidates(text, text[], integer[], text[], integer[])', 'EXECUTE') AS candidates,
              has_function_privilege('public', 'crm_connection_candidate_keys(text, text[], integer[], text[], integer[])', 'EXECUTE') AS keys,
              current_user AS who`,
    );
    expect(rows[0]).toMatchObject({ due: false, analyze: false, candidates: false, keys: false });
    const mine = await app.query<{ ok: boolean; candidates: boolean; keys: boolean }>(
      `SELECT has_function_privilege(current_user, 'crm_removal_plans_due(timestamptz, text, integer)', 'EXECUTE') AS ok,
              has_function_privilege(current_user, 'crm_connection_candidates(text, text[], integer[], text[], integer[])', 'EXECUTE') AS candidates,
              has_function_privilege(current_user, 'crm_connection_candidate_keys(text, text[], integer[], text[], integer[])', 'EXECUTE') AS keys`,
    );
    expect(mine.rows[0]).toEqual({ ok: true, candidates: true, keys: true });
  });
});
