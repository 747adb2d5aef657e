import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillQueue, makeReviewWorld, type TReviewWorld } from "../review/review.test-util";
import { ownerQuery, startTestEnv, stopTestEnv } from "../testing/setup";
import { getRemovalBudget } from "./budget";
import { listRemovalAccounts } from "./overview";
import { listRemovedPeople, removedPeopleCsv } from "./removed-people";
import { getRemovalSession } from "./session-view";
import { planItems, setDay } from "./session.test-util";

// The session page's reads in process on a 30,000-connection account whose whole network is an
// approved backlog (the worst case), with 3,000 removals on record. On demand:
// REMOVAL_SESSION_PERF=1 (REMOVAL_SESSION_PERF_COLD=1 skips ANALYZE: a team right after its import).

const N = 30_000;
const REMOVED = 3_000;
const NOW = new Date("2026-12-05T12:00:00.000Z");
const TODAY = "2026-12-05";
const on = !!process.env.REMOVAL_SESSION_PERF;

// REMOVAL_SESSION_PERF_PROFILE=1: time per statement (first 70 characters), to see where a read spends it.
const pg = createRequire(import.meta.url)("pg") as { Client: { prototype: { query: (...a: unknown[]) => unknown } } };
const query = pg.Client.prototype.query;
const profile = new Map<string, { n: number; ms: number }>();
if (process.env.REMOVAL_SESSION_PERF_PROFILE) {
  pg.Client.prototype.query = function (this: unknown, ...a: unknown[]) {
    const r = query.apply(this, a);
    if (r instanceof Promise) {
      const cfg = a[0] as string | { text?: string };
      const key = String(typeof cfg === "string" ? cfg : cfg?.text).replace(/\s+/g, " ").slice(0, 70);
      const t = performance.now();
      void r.then(() => {
        const p = profile.get(key) ?? { n: 0, ms: 0 };
        profile.set(key, { n: p.n + 1, ms: p.ms + performance.now() - t });
      }, () => undefined);
    }
    return r;
  };
}
let w: TReviewWorld;

beforeAll(async () => {
  if (!on) return;
  await startTestEnv();
  w = await makeReviewWorld("SessPerf");
  const a = w.accounts.a.id;
  const items = await fillQueue(w, a, N, { state: "APPROVED", decision: "REMOVE", decidedById: w.owner.userId });
  await planItems(items.slice(0, 25), TODAY);
  await setDay(w.owner.team.id, a, TODAY, { planned: 25, used: 3 });
  // The last 3,000 items: removed over the past 120 days (pending or verified), one outcome each.
  await ownerQuery(
    `WITH r AS (SELECT i.id, i."connectionId", row_number() OVER (ORDER BY i.id) AS n FROM "ReviewItem" i WHERE i.id = ANY($3))
     , u AS (UPDATE "ReviewItem" i SET state = 'DONE', "executedAt" = $4::timestamptz - (r.n || ' hours')::interval FROM r WHERE i.id = r.id)
     , c AS (UPDATE "Connection" c SET status = CASE WHEN r.n % 2 = 0 THEN 'REMOVED'::"ConnectionStatus" ELSE 'REMOVAL_PENDING'::"ConnectionStatus" END FROM r WHERE c.id = r."connectionId")
     INSERT INTO "RemovalOutcome" (id, "teamId", "accountId", "itemId", "connectionId", outcome, "localDate", counted, "liveFor", "recordedById", "createdAt")
     SELECT gen_random_uuid()::text, $1, $2, r.id, r."connectionId", 'REMOVED', ($4::timestamptz - (r.n || ' hours')::interval)::date, true, r.id, $5,
            $4::timestamptz - (r.n || ' hours')::interval FROM r`,
    [w.owner.team.id, a, items.slice(N - REMOVED), NOW, w.owner.userId],
  );
  // Settled tables (autovacuum's work after an import): the counts are index-only then.
  if (!process.env.REMOVAL_SESSION_PERF_COLD) for (const t of ["ReviewItem", "Connection", "RemovalOutcome"]) await ownerQuery(`VACUUM "${t}"`);
  if (!process.env.REMOVAL_SESSION_PERF_COLD) await ownerQuery(`ANALYZE "ReviewItem"; ANALYZE "Connection"; ANALYZE "IcpScore"; ANALYZE "RemovalOutcome"; ANALYZE "RemovalDay"`);
}, 300_000);
afterAll(async () => {
  pg.Client.prototype.query = query;
  if (on) await stopTestEnv();
});

async function measure(label: string, run: () => Promise<unknown>, runs = 50): Promise<number> {
  for (let i = 0; i < 5; i++) await run();
  profile.clear();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  ms.sort((x, y) => x - y);
  const p95 = ms[Math.ceil(runs * 0.95) - 1]!;
  console.log(`${label}: p50 ${ms[Math.floor(runs / 2)]!.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
  for (const [k, v] of profile) console.log(`  ${(v.ms / v.n).toFixed(1)} ms × ${v.n / runs}  ${k}`);
  return p95;
}

describe.runIf(on)("removal session reads on a 30,000-connection account", () => {
  it("stay fast", async () => {
    const a = w.accounts.a.id;
    const s = await getRemovalSession(w.ctx.owner, a, { now: NOW });
    expect(s.card).not.toBeNull();
    expect(s.backlog).toBe(N - REMOVED - 25);
    await measure("getRemovalBudget (for comparison)", () => getRemovalBudget(w.ctx.owner, a, { now: NOW }));
    expect(await measure("getRemovalSession (owner, card)", () => getRemovalSession(w.ctx.owner, a, { now: NOW }))).toBeLessThan(150);
    expect(await measure("getRemovalSession (teammate)", () => getRemovalSession(w.ctx.teammate, a, { now: NOW }))).toBeLessThan(150);
    const first = await listRemovedPeople(w.ctx.owner, a);
    expect(first.total).toBe(REMOVED);
    expect(await measure("listRemovedPeople (first page)", () => listRemovedPeople(w.ctx.owner, a))).toBeLessThan(150);
    expect(await measure("listRemovedPeople (next page)", () => listRemovedPeople(w.ctx.owner, a, { cursor: first.nextCursor }))).toBeLessThan(150);
    expect(await measure("listRemovalAccounts", () => listRemovalAccounts(w.ctx.owner, { now: NOW }))).toBeLessThan(150);
    expect(await measure("removedPeopleCsv (3,000 rows)", () => removedPeopleCsv(w.ctx.owner, a), 5)).toBeLessThan(2_000);
  }, 300_000);
});
