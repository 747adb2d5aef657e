import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerQuery, startTestEnv, stopTestEnv } from "../testing/setup";
import { castVote } from "./cast-vote";
import { decideItem } from "./decide-item";
import { fillQueue, makeReviewWorld, type TReviewWorld } from "./review.test-util";

// Vote and decision latency in process on a 30,000-item queue (the issue: p95 < 30 ms through
// HTTP), with the statements each write sends. On demand: REVIEW_WRITE_PERF=1. `npm run bench`
// measures the same through HTTP on the 40 × 30,000 dataset.

const N = 30_000;
const RUNS = 200;
let w: TReviewWorld;
let ids: string[] = [];

// Counts the statements sent (BEGIN and COMMIT included): round trips are most of a write's time.
const pg = createRequire(import.meta.url)("pg") as { Client: { prototype: { query: (...a: unknown[]) => unknown } } };
let statements = 0;
const profile = new Map<string, { n: number; ms: number }>();
const query = pg.Client.prototype.query;

beforeAll(async () => {
  if (!process.env.REVIEW_WRITE_PERF) return;
  await startTestEnv();
  w = await makeReviewWorld("WritePerf");
  ids = await fillQueue(w, w.accounts.a.id, N);
  // Settled statistics (the bench measures both; right after a load the planner knows nothing yet).
  if (!process.env.REVIEW_WRITE_PERF_COLD) await ownerQuery(`ANALYZE "ReviewItem"; ANALYZE "ReviewVote"; ANALYZE "Connection"; ANALYZE "IcpScore"`);
  pg.Client.prototype.query = function (this: unknown, ...a: unknown[]) {
    statements += 1;
    const r = query.apply(this, a);
    if (process.env.REVIEW_WRITE_PERF_PROFILE && r instanceof Promise) {
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
}, 180_000);
afterAll(async () => {
  pg.Client.prototype.query = query;
  if (process.env.REVIEW_WRITE_PERF) await stopTestEnv();
});

async function measure(label: string, run: (id: string, i: number) => Promise<unknown>, offset: number) {
  for (let i = 0; i < 20; i++) await run(ids[offset + RUNS + i]!, i); // warm-up
  const ms: number[] = [];
  statements = 0;
  profile.clear();
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run(ids[offset + i]!, i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]! * 10) / 10;
  const result = { label, median: at(0.5), p95: at(0.95), statementsPerCall: statements / RUNS };
  console.log(JSON.stringify(result));
  if (process.env.REVIEW_WRITE_PERF_PROFILE) {
    for (const [k, v] of [...profile].sort((x, y) => y[1].ms - x[1].ms)) console.log(`${(v.ms / v.n).toFixed(2)} ms × ${v.n}  ${k}`);
    profile.clear();
  }
  return result;
}

describe.skipIf(!process.env.REVIEW_WRITE_PERF)("review writes on a 30,000-item queue", () => {
  it("votes and decides", async () => {
    const vote = await measure("castVote", (id) => castVote(w.ctx.teammate, id, { choice: "remove", version: 1 }), 0);
    // The same items again: each now has the teammate's vote (version 2), as the owner decides them.
    const decide = await measure("decideItem", (id) => decideItem(w.ctx.owner, id, { choice: "keep", version: 2 }), 0);
    expect(vote.median).toBeGreaterThan(0);
    expect(decide.median).toBeGreaterThan(0);
  }, 300_000);
});
