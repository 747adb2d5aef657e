import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createThrowawayDatabase, type TThrowawayDatabase } from "../testing";
import { runMigrations } from "./index";

// Security review (issue 13). The owner-side plpgsql functions resolve functions and operators
// through `search_path = pg_catalog, public, pg_temp`. pg_temp is never searched for functions or
// operators, so shadowing there (definer-functions.integration.test.ts) cannot work anyway; the
// schema that matters is `public`. Postgres 15+ gives PUBLIC no CREATE on it, but a database that
// was created on 14 or earlier and upgraded keeps `=UC/...`, and ensureAppRole neither revokes nor
// checks it. Then a function the app role puts in public with a closer signature than pg_catalog's
// (format(text, integer) against format(text, VARIADIC "any")) runs as the owner.

let tmp: TThrowawayDatabase;
let owner: pg.Client;
let app: pg.Client | undefined;
let refused = false;

beforeAll(async () => {
  tmp = await createThrowawayDatabase("definer_path");
  owner = new pg.Client({ connectionString: tmp.ownerUrl });
  await owner.connect();
  // What a database created on Postgres 14 and upgraded (or a provider's default) looks like.
  await owner.query("GRANT CREATE ON SCHEMA public TO PUBLIC");
  try {
    await runMigrations({ ownerUrl: tmp.ownerUrl, appUrl: tmp.appUrl, log: () => undefined });
  } catch {
    refused = true; // a fix: migrate (ensureAppRole) refuses an app role that can create in the schema
    return;
  }
  app = new pg.Client({ connectionString: tmp.appUrl });
  await app.connect();
  await app.query(`CREATE FUNCTION public.format(text, integer) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'ran as %', current_user; END $$`);
  await app.query(`CREATE FUNCTION public.format(text, text) RETURNS text LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'ran as %', current_user; END $$`);
}, 120_000);
afterAll(async () => {
  await app?.end();
  await owner?.end();
  await tmp?.drop();
});

const ranAs = (p: Promise<unknown>) => p.then(() => null, (e: Error) => /ran as (\S+)/.exec(e.message)?.[1] ?? null);

describe("owner-side functions with a writable public schema", () => {
  it("either migrate refuses such a database or the app role's functions never run as the owner", async () => {
    if (refused || !app) return;
    await app.query("BEGIN");
    try {
      await app.query("SELECT set_config('app.team_id', 'team-x', true)");
      expect(await ranAs(app.query("SELECT crm_connection_candidates('team-x', ARRAY['abc'], ARRAY[1], ARRAY['abcd'], ARRAY[2])"))).toBeNull();
      expect(await ranAs(app.query("SELECT * FROM crm_connection_candidate_keys('team-x', ARRAY['abc'], ARRAY[1], ARRAY['abcd'], ARRAY[2])"))).toBeNull();
    } finally {
      await app.query("ROLLBACK");
    }
    expect(await ranAs(app.query("SELECT crm_analyze_after_bulk('IcpScore')"))).toBeNull();
  });
});
