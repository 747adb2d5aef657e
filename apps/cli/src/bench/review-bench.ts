// Review queue figures (issue 10) on the 40 × 30,000 dataset, through HTTP against the production
// build with a real worker: queue build (in process and through the worker), claim-next under 50
// concurrent reviewers, vote and decision writes, the queue pages' first render. Twice: on settled
// statistics (after ANALYZE), and on a team imported through the worker a moment ago (no ANALYZE).
// Writes var/bench/review.json. A benchmark, not a test: missed targets are reported, harness
// errors exit non-zero.
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type pg from "pg";
import { resetServerEnvForTests } from "@crm/config";
import { buildQueue } from "@crm/core";
import { closeQueues } from "@crm/jobs";
import { figureLog, finishBench, type TFigure } from "./figures";
import { startStack, peakRssMb } from "./http-server";
import { benchReviewHttp, REVIEWERS, type THttpFigures } from "./review-http";
import { freshImportedTeam, ownerClient } from "./review-fixture";
import { captureSlowPlans } from "./review-explain";
import { buildThroughWorker, settleQueueBuilds } from "./review-jobs";
import { ensureWorkspaceDataset } from "./workspace-seed";

const PORT = Number(process.env.BENCH_PORT ?? 3300);
const FRESH_ROWS = 30_000;
const out = join(import.meta.dirname, "..", "..", "..", "..", "var", "bench", "review.json");


function figuresOf(scenario: string, h: THttpFigures): TFigure[] {
  const f: TFigure[] = [];
  const rv = h.reviewing;
  const rvDetail = (l: { p50: number; p99: number; n: number }) =>
    `p50 ${l.p50.toFixed(1)} p99 ${l.p99.toFixed(1)} (n=${l.n}); ${REVIEWERS} reviewers + the owner, ${rv.cards} cards in ${rv.durationS.toFixed(0)} s${h.warmUp ? `, after ${h.warmUp.durationS.toFixed(0)} s of the same load` : ""}${rv.failures.length ? `; e.g. ${rv.failures[0]}` : ""}`;
  f.push({ scenario, what: `reviewing: claim next p95 (${REVIEWERS} reviewers read 1–3 s, vote, next)`, target: 20, value: rv.claim.p95, unit: "ms", detail: rvDetail(rv.claim) });
  f.push({ scenario, what: "reviewing: vote p95 (the card's server action)", target: 30, value: rv.vote.p95, unit: "ms", detail: rvDetail(rv.vote) });
  f.push({ scenario, what: "reviewing: owner's decision p95 (server action)", target: 30, value: rv.decision.p95, unit: "ms", detail: rvDetail(rv.decision) });
  const w = h.warmUp;
  if (w) {
    const wDetail = (l: { p50: number; p99: number; n: number }) =>
      `p50 ${l.p50.toFixed(1)} p99 ${l.p99.toFixed(1)} (n=${l.n}); the first ${w.durationS.toFixed(0)} s of reviewing after the stack started (it had served sign-ins, page renders and builds), ${w.cards} cards${w.failures.length ? `; ${w.failures.length} failures, e.g. ${w.failures[0]}` : ""}`;
    f.push({ scenario, what: "reviewing right after a start: claim next p95 (warm-up)", target: null, value: w.claim.p95, unit: "ms", detail: wDetail(w.claim) });
    f.push({ scenario, what: "reviewing right after a start: vote p95 (warm-up)", target: null, value: w.vote.p95, unit: "ms", detail: wDetail(w.vote) });
  }
  const claimDetail = (c: THttpFigures["claim"]) =>
    `p50 ${c.p50.toFixed(1)} p99 ${c.p99.toFixed(1)}; ${c.rps.toFixed(0)} req/s; ${c.cards} cards, ${c.empty} empty; to a 2nd reviewer while the 1st held it: ${c.sameCardTwoHolders} (after the 1st skipped it: ${c.sameCardAgain}); statuses ${JSON.stringify(c.statuses)}`;
  f.push({ scenario, what: `claim next p95, ${REVIEWERS} reviewers, closed loop`, target: 20, value: h.claim.p95, unit: "ms", detail: claimDetail(h.claim) });
  const r = h.claimReading;
  f.push({ scenario, what: `claim next p95, ${REVIEWERS} reviewers reading 1–3 s a card`, target: 20, value: r.p95, unit: "ms", detail: `p50 ${r.p50.toFixed(1)} p99 ${r.p99.toFixed(1)}; ${r.rps.toFixed(0)} req/s; ${r.cards} cards; statuses ${JSON.stringify(r.statuses)}${r.failures.length ? `; e.g. ${r.failures[0]}` : ""}` });
  f.push({ scenario, what: `claim next p95, ${REVIEWERS} reviewers × ${h.claimPaced.ratePerReviewer}/s`, target: 20, value: h.claimPaced.p95, unit: "ms", detail: claimDetail(h.claimPaced) });
  for (const [name, w] of [["vote", h.vote], ["decision", h.decision]] as const) {
    f.push({ scenario, what: `${name} write p95, 1 at a time`, target: 30, value: w.sequential.p95, unit: "ms", detail: `p50 ${w.sequential.p50.toFixed(1)} p99 ${w.sequential.p99.toFixed(1)} (n=${w.sequential.n})` });
    f.push({ scenario, what: `${name} write p95, ${w.concurrent.n ? "concurrent" : "concurrent"}`, target: 30, value: w.concurrent.p95, unit: "ms", detail: `p50 ${w.concurrent.p50.toFixed(1)} p99 ${w.concurrent.p99.toFixed(1)}; ${w.concurrent.rps.toFixed(0)} req/s; statuses ${JSON.stringify(w.concurrent.statuses)}${w.failures.length ? `; e.g. ${w.failures[0]}` : ""}` });
  }
  for (const [path, p] of Object.entries(h.pages)) {
    f.push({ scenario, what: `GET ${path.replace(/\/t\/[^/]+/, "/t/<slug>").replace(/account=[^&]+/, "account=<id>")} p95`, target: 150, value: p.p95, unit: "ms", detail: `p50 ${p.p50.toFixed(1)}; HTTP ${p.status}, ${(p.bytes / 1024).toFixed(0)} KB` });
  }
  f.push({ scenario, what: "GET /api/t/<slug>/review/counts p95", target: null, value: h.counts.p95, unit: "ms", detail: `p50 ${h.counts.p50.toFixed(1)}` });
  return f;
}

/**
 * A team's queue as before its first build. VACUUM too: dead index entries of the deleted items
 * would make every insert of the rebuild check them, which a real first build never meets.
 */
async function clearQueue(c: pg.Client, teamId: string, analyze = true) {
  await c.query(`DELETE FROM "ReviewItem" WHERE "teamId" = $1`, [teamId]);
  await c.query(analyze ? `VACUUM (ANALYZE) "ReviewItem"` : `VACUUM "ReviewItem"`);
}

export async function benchReview() {
  // The bench's own queues: a worker of `npm start` on the same Redis must not take these jobs.
  process.env.QUEUE_PREFIX = `{crm-bench-review-${randomUUID().slice(0, 8)}}`;
  resetServerEnvForTests();
  await closeQueues();

  const teams = await ensureWorkspaceDataset();
  const c = await ownerClient();
  const { figs, record } = figureLog();
  const raw: Record<string, unknown> = { at: new Date().toISOString(), teams: teams.length };
  try {
    // Every bench team gets its queue once (kept between runs), so ReviewItem is 40 teams large.
    const built = await c.query<{ teamId: string }>(`SELECT DISTINCT "teamId" FROM "ReviewItem" WHERE origin = 'rule'`);
    const have = new Set(built.rows.map((r) => r.teamId));
    const missing = teams.filter((t) => !have.has(t.ctx.teamId));
    if (missing.length) {
      console.log(`building the review queue of ${missing.length} bench teams (kept for later runs)…`);
      for (const t of missing) await buildQueue(t.ctx.teamId, { accountId: t.accountId });
    }

    // In process, as `npm run cli -- build-queue` runs it: a first build (the team's items deleted) and a rebuild.
    const inProc = teams.at(-1)!;
    await clearQueue(c, inProc.ctx.teamId);
    let t = performance.now();
    const first = await buildQueue(inProc.ctx.teamId, { accountId: inProc.accountId });
    const firstMs = performance.now() - t;
    t = performance.now();
    const again = await buildQueue(inProc.ctx.teamId, { accountId: inProc.accountId });
    const againMs = performance.now() - t;
    record({ scenario: "settled", what: "queue build, in process, first build", target: 3000, value: firstMs, unit: "ms", detail: `opened ${first.opened}; open remove ${first.remove}, follow_up ${first.follow_up}, job_change ${first.job_change}` });
    record({ scenario: "settled", what: "queue build, in process, rebuild (no changes)", target: 3000, value: againMs, unit: "ms", detail: `opened ${again.opened}, updated ${again.updated}, closed ${again.closed}` });
    raw.inProcess = { first, firstMs, again, againMs };
    await c.query(`ANALYZE "ReviewItem"; ANALYZE "ReviewVote"; ANALYZE "ReviewComment"; ANALYZE "ReviewChange"; ANALYZE "Notification"; ANALYZE "AuditLog"; ANALYZE "Connection"; ANALYZE "IcpScore"`);

    const explainMs = Number(process.env.BENCH_EXPLAIN ?? 0);
    const capture = explainMs > 0 ? await captureSlowPlans(c, explainMs) : null;
    const stack = await startStack({ port: PORT, queuePrefix: process.env.QUEUE_PREFIX! });
    try {
      // Through the worker process: a first build of another bench team, then a rebuild.
      const viaWorker = teams.at(-2)!;
      await clearQueue(c, viaWorker.ctx.teamId);
      const w1 = await buildThroughWorker(viaWorker.ctx.teamId, viaWorker.accountId);
      const w2 = await buildThroughWorker(viaWorker.ctx.teamId, viaWorker.accountId);
      record({ scenario: "settled", what: "queue build via worker, enqueue → done, first", target: 3000, value: w1.wallMs, unit: "ms", detail: `in the worker ${w1.workerMs} ms; ${JSON.stringify(w1.result)}` });
      record({ scenario: "settled", what: "queue build via worker, enqueue → done, rebuild", target: 3000, value: w2.wallMs, unit: "ms", detail: `in the worker ${w2.workerMs} ms` });
      raw.worker = { first: w1, again: w2 };

      const mid = teams[Math.floor(teams.length / 2)]!;
      console.log(`settled: ${mid.ctx.teamName} through ${stack.baseUrl}…`);
      const settled = await benchReviewHttp(c, stack.baseUrl, stack.webDir, mid.ctx, mid.accountId, { warmUp: true });
      record(...figuresOf("settled", settled));
      raw.settled = settled;

      console.log(`fresh: importing ${FRESH_ROWS} rows into a new team through the worker…`);
      const fresh = await freshImportedTeam(c, FRESH_ROWS);
      const chained = await settleQueueBuilds(fresh.ctx.teamId);
      // The chained build already ran; measure a first build again, still without ANALYZE.
      await clearQueue(c, fresh.ctx.teamId, false);
      const tFresh = performance.now();
      const f1 = await buildThroughWorker(fresh.ctx.teamId, fresh.accountId);
      record({ scenario: "fresh", what: "queue build via worker, enqueue → done, first", target: 3000, value: f1.wallMs, unit: "ms", detail: `in the worker ${f1.workerMs} ms; import ${fresh.importMs.toFixed(0)} ms, scored after ${fresh.scoredMs.toFixed(0)} ms; ${chained} chained build(s) seen; ${JSON.stringify(f1.result)}` });
      const freshHttp = await benchReviewHttp(c, stack.baseUrl, stack.webDir, fresh.ctx, fresh.accountId);
      record(...figuresOf("fresh", freshHttp));
      raw.fresh = { team: fresh.ctx.slug, rows: fresh.rows, importMs: fresh.importMs, scoredMs: fresh.scoredMs, build: f1, http: freshHttp, measuredWithinMs: performance.now() - tFresh };
      raw.peakRssMb = { web: peakRssMb(stack.webPid), worker: peakRssMb(stack.workerPid) };
    } catch (e) {
      console.error(stack.logs());
      throw e;
    } finally {
      writeFileSync(join(out, "..", "review-stack.log"), stack.logs(Infinity));
      await stack.stop();
      if (capture) {
        const file = join(out, "..", "review-slow-plans.log");
        console.log(`BENCH_EXPLAIN: ${await capture.stop(file)} plans over ${explainMs} ms written to ${file}`);
      }
    }
  } finally {
    await c.end();
  }
  finishBench(out, raw, figs);
}
