import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { QueryAbortedError } from "@crm/db";
import { testDatabaseUrls } from "@crm/db/testing";
import { DomainError } from "../../errors";
import { parseFilter } from "../filter/parse";
import { signUpUser, startTestEnv, stopTestEnv } from "../../testing/setup";
import type { TTeamContext } from "../../teams/membership";
import { addAccount, seedPeople } from "./fixtures.test-util";
import { countConnections, listConnections } from "./list";

// Review of issue 13: list and count moved to the lean pg path (withTeamRaw, prepared: false).
// Their statements must still stop at QUERY_TIMEOUT_MS (a 503 the user can act on) and be
// cancelled on the server when the request aborts. A table lock held by the owner makes the page's
// statement wait, which both bounds must end.

let ctx: TTeamContext;
let owner: pg.Client;

beforeAll(async () => {
  await startTestEnv();
  process.env.QUERY_TIMEOUT_MS = "600";
  resetServerEnvForTests();
  ctx = (await signUpUser("leanbounds")).ctx;
  const account = await addAccount(ctx, "L");
  await seedPeople(ctx, Array.from({ length: 30 }, (_, i) => ({ first: `P${i}`, last: "Acme", account, company: "Acme" })));
  owner = new pg.Client({ connectionString: testDatabaseUrls().ownerUrl });
  await owner.connect();
}, 120_000);
afterAll(async () => {
  await owner.end();
  delete process.env.QUERY_TIMEOUT_MS;
  resetServerEnvForTests();
  await stopTestEnv();
});

async function whileLocked<T>(fn: () => Promise<T>): Promise<T> {
  await owner.query(`BEGIN; LOCK TABLE "Connection" IN ACCESS EXCLUSIVE MODE`);
  try {
    return await fn();
  } finally {
    await owner.query("ROLLBACK");
  }
}

// pg_stat_activity keeps a statement's first 1,024 bytes: a search's may name the table only as
// crm_connection_candidate_keys there.
const waiting = async () =>
  (await owner.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%connection%' AND pid <> pg_backend_pid()`)).rows[0].n as number;

const filters = ["", "q=acme&sort=name", "q=acme+corp"].map((q) => parseFilter(q).filter);

describe("list and count on the lean path keep their bounds (review)", () => {
  it("stop at QUERY_TIMEOUT_MS with a 503-style DomainError", async () => {
    for (const f of filters) {
      for (const run of [() => listConnections(ctx, f), () => countConnections(ctx, f)]) {
        const started = performance.now();
        const err = await whileLocked(() => run().then(() => null, (e: unknown) => e));
        expect(err).toBeInstanceOf(DomainError);
        expect((err as DomainError).code).toBe("UNAVAILABLE");
        expect(performance.now() - started).toBeLessThan(3_000);
      }
    }
  }, 60_000);

  it("are cancelled on the server when the request aborts", async () => {
    process.env.QUERY_TIMEOUT_MS = "20000";
    resetServerEnvForTests();
    try {
      for (const f of filters) {
        for (const run of [(s: AbortSignal) => listConnections(ctx, f, { signal: s }), (s: AbortSignal) => countConnections(ctx, f, { signal: s })]) {
          const controller = new AbortController();
          const started = performance.now();
          const err = await whileLocked(async () => {
            const p = run(controller.signal).then(() => null, (e: unknown) => e);
            await new Promise((r) => setTimeout(r, 300));
            expect(await waiting()).toBe(1);
            controller.abort();
            return p;
          });
          expect(err).toBeInstanceOf(QueryAbortedError);
          expect(performance.now() - started).toBeLessThan(3_000);
          expect(await waiting()).toBe(0);
        }
      }
      // The lean pool's connections are usable again.
      expect((await listConnections(ctx, filters[1]!)).rows.length).toBe(30);
    } finally {
      process.env.QUERY_TIMEOUT_MS = "600";
      resetServerEnvForTests();
    }
  }, 60_000);
});
