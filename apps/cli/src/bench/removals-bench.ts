// Guided removal sessions' figures (issue 11) on the 40 × 30,000 dataset, through HTTP against the
// production build: recording an outcome (one at a time and 10 at once; "removed" on many
// accounts, "not_found" / "kept" on a 30,000-connection account, and the pace's 429), 50
// concurrent "removed" on one account (exactly the allowed number succeed), the removal budget's
// GET and the session page's first render; and recordOutcome in process (the database's share). Writes var/bench/removals.json. A benchmark, not a test:
// missed targets are reported, harness errors (a wrong count of confirmations included) exit non-zero.
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import type pg from "pg";
import { resetServerEnvForTests } from "@crm/config";
import { createApiKeyForTeam, recordOutcome } from "@crm/core";
import { closeQueues } from "@crm/jobs";
import { figureLog, finishBench } from "./figures";
import { latency, runLoad, timeSequential, type TLatency } from "./http-load";
import { startStack } from "./http-server";
import { requestJson, signInOverHttp } from "./http-session";
import { concurrentConfirmations, type TBurst } from "./removals-burst";
import { approveRemovals, cleanupRemovalFixture, KEY_NAME, seedRemovalFixture } from "./removals-fixture";
import { BENCH_PASSWORD, ownerClient, ownerEmail } from "./review-fixture";
import { ensureWorkspaceDataset } from "./workspace-seed";

const PORT = Number(process.env.BENCH_PORT ?? 3320);
const ACCOUNTS = Number(process.env.BENCH_REMOVAL_ACCOUNTS ?? 100);
const FREE_WRITES = Number(process.env.BENCH_REMOVAL_WRITES ?? 300);
const CONCURRENT = Number(process.env.BENCH_REMOVAL_CONCURRENT ?? 50);
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 40);
const WARM = 10;
const IN_PROCESS = 100;
const out = join(import.meta.dirname, "..", "..", "..", "..", "var", "bench", "removals.json");


const lat = (l: TLatency) => `p50 ${l.p50.toFixed(1)} p99 ${l.p99.toFixed(1)} max ${l.max.toFixed(1)} (n=${l.n})`;

type TTimed = { status: number; ms: number; body: unknown };
async function post(baseUrl: string, key: string, path: string, body: unknown): Promise<TTimed> {
  const t = performance.now();
  const r = await requestJson<unknown>(baseUrl, null, path, { method: "POST", body, headers: { authorization: `Bearer ${key}` } });
  return { status: r.status, ms: performance.now() - t, body: r.body };
}

export async function benchRemovals() {
  process.env.QUEUE_PREFIX = `{crm-bench-removals-${randomUUID().slice(0, 8)}}`;
  resetServerEnvForTests();
  await closeQueues();

  const teams = await ensureWorkspaceDataset();
  // Two bench teams the other benches do not write to (review uses the middle and the last two).
  const [a, b] = [teams[3]!, teams[4]!];
  const teamIds = [a.ctx.teamId, b.ctx.teamId];
  const c = await ownerClient();
  const { figs, record } = figureLog();
  const raw: Record<string, unknown> = { at: new Date().toISOString(), teams: teams.length, team: a.ctx.slug, burstTeam: b.ctx.slug };
  const failures: string[] = [];
  try {
    await cleanupRemovalFixture(c, teamIds); // a run cut short left something behind
    const mainItems = WARM + FREE_WRITES + IN_PROCESS;
    console.log(`seeding: ${ACCOUNTS} extra accounts of 600 connections and ${mainItems} approved removals of the main account on ${a.ctx.teamName}; ${CONCURRENT} on ${b.ctx.teamName}…`);
    const fx = await seedRemovalFixture(c, a.ctx.teamId, a.ctx.userId, a.accountId, mainItems, ACCOUNTS);
    const burstItems = await approveRemovals(c, b.ctx.teamId, b.accountId, b.ctx.userId, CONCURRENT);

    const stack = await startStack({ port: PORT, queuePrefix: process.env.QUEUE_PREFIX! });
    try {
      const base = stack.baseUrl;
      const stamp = new Date().toISOString();
      const key = (await createApiKeyForTeam(a.ctx.slug, "READ_WRITE", `${KEY_NAME} ${stamp}`)).secret;
      const readKey = (await createApiKeyForTeam(a.ctx.slug, "READ", `${KEY_NAME} read ${stamp}`)).secret;
      const keyB = (await createApiKeyForTeam(b.ctx.slug, "READ_WRITE", `${KEY_NAME} ${stamp}`)).secret;
      const free = fx.mainItems.slice(WARM, WARM + FREE_WRITES);
      raw.loadBefore = loadavg();
      const note = (r: TTimed, want: number, what: string) => {
        if (r.status !== want && failures.length < 10) failures.push(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      };
      // Warm-up: the routes' first calls compile and fill the pools.
      for (const id of fx.mainItems.slice(0, WARM)) note(await post(base, key, `/api/v1/review-items/${id}/outcome`, { outcome: "not_found" }), 200, "warm-up");

      // (a) One at a time, as one owner works: a "removed" per account, then that account's next "removed" (the pace: 429).
      const removed: number[] = [];
      const refusedMs: number[] = [];
      const codes: Record<string, number> = {};
      for (const x of fx.extra) {
        const ok = await post(base, key, `/api/v1/review-items/${x.items[0]}/outcome`, { outcome: "removed" });
        note(ok, 200, "removed");
        if (ok.status === 200) removed.push(ok.ms);
        const no = await post(base, key, `/api/v1/review-items/${x.items[1]}/outcome`, { outcome: "removed" });
        note(no, 429, "removed within the gap");
        if (no.status === 429) refusedMs.push(no.ms);
        const code = (no.body as { error?: { code?: string } }).error?.code ?? String(no.status);
        codes[code] = (codes[code] ?? 0) + 1;
      }
      const freeMs: Record<string, number[]> = { not_found: [], kept: [] };
      for (const [i, id] of free.entries()) {
        const outcome = i % 2 ? "kept" : "not_found";
        const r = await post(base, key, `/api/v1/review-items/${id}/outcome`, { outcome });
        note(r, 200, outcome);
        if (r.status === 200) freeMs[outcome]!.push(r.ms);
      }
      const all = latency([...removed, ...freeMs.not_found!, ...freeMs.kept!]);
      record({ what: "record outcome p95, 1 at a time (all kinds)", target: 30, value: all.p95, unit: "ms", detail: lat(all) });
      for (const [what, xs] of [["removed", removed], ["not_found", freeMs.not_found!], ["kept", freeMs.kept!]] as const) {
        const l = latency(xs);
        record({ what: `record outcome p95, 1 at a time: ${what}`, target: 30, value: l.p95, unit: "ms", detail: lat(l) });
      }
      const refused = latency(refusedMs);
      record({ what: "refused “removed” (429) p95, 1 at a time", target: 30, value: refused.p95, unit: "ms", detail: `${lat(refused)}; codes ${JSON.stringify(codes)}` });

      // 10 owners' scripts at once, each request on another account (not_found / kept: no budget in the way).
      const rest = fx.extra[0]!.items.slice(2).flatMap((_, j) => fx.extra.map((x) => x.items[2 + j]!));
      let k = 0;
      const conc = await runLoad({
        url: base,
        connections: 10,
        amount: rest.length,
        next: () => {
          const i = k++;
          return { method: "POST", path: `/api/v1/review-items/${rest[i % rest.length]}/outcome`, headers: { authorization: `Bearer ${key}` }, body: JSON.stringify({ outcome: i % 2 ? "kept" : "not_found" }) };
        },
        onResponse: (_i, status, body) => {
          if (status !== 200 && failures.length < 10) failures.push(`concurrent: ${status} ${body.slice(0, 200)}`);
        },
      });
      record({ what: "record outcome p95, 10 accounts at once (not_found / kept)", target: 30, value: conc.p95, unit: "ms", detail: `p50 ${conc.p50.toFixed(1)} p99 ${conc.p99.toFixed(1)}; ${conc.rps.toFixed(0)} req/s; statuses ${JSON.stringify(conc.statuses)}` });

      // (b) 50 concurrent "removed" against one account (30,000 connections).
      const burst: TBurst = await concurrentConfirmations(c, base, keyB, b.ctx.teamId, b.accountId, burstItems);
      record({
        what: `${CONCURRENT} concurrent “removed”, one account: wall time`,
        target: 1000,
        value: burst.wallMs,
        unit: "ms",
        detail: `200: ${burst.ok}, 429: ${burst.refused} (${JSON.stringify(burst.codes)}), other: ${burst.other}; allowed ${burst.allowed}; counted in the database ${burst.counted}, day used ${burst.dayUsed}; slowest answer ${burst.maxMs.toFixed(0)} ms`,
      });
      failures.push(...burst.failures.map((f) => `burst: ${f}`));
      if (burst.ok !== burst.allowed || burst.counted !== burst.allowed || burst.dayUsed !== burst.allowed || burst.refused !== burstItems.length - burst.allowed) {
        failures.push(`burst: ${burst.ok} confirmations succeeded, ${burst.counted} counted, day used ${burst.dayUsed}; exactly ${burst.allowed} were allowed`);
      }
      raw.burst = burst;

      // (c) The budget's GET, one at a time, with a read-only key.
      const budgetPath = `/api/v1/accounts/${a.accountId}/removal-budget`;
      let budgetStatus = 0;
      const getBudget = async () => {
        const r = await requestJson<unknown>(base, null, budgetPath, { headers: { authorization: `Bearer ${readKey}` } });
        budgetStatus = r.status;
      };
      await timeSequential(WARM, getBudget);
      const budget = await timeSequential(4 * RUNS, getBudget);
      record({ what: "GET /accounts/<id>/removal-budget p95", target: 30, value: budget.p95, unit: "ms", detail: `${lat(budget)}; HTTP ${budgetStatus}` });

      // (d) The session page's first render for the signed-in owner (plans today's session on first sight).
      const owner = await signInOverHttp(base, await ownerEmail(c, a.ctx.userId), BENCH_PASSWORD);
      const page = `/t/${a.ctx.slug}/removals/${a.accountId}`;
      let status = 0;
      let bytes = 0;
      const get = async () => {
        const res = await fetch(`${base}${page}`, { headers: { cookie: owner.cookie }, redirect: "manual" });
        status = res.status;
        bytes = (await res.arrayBuffer()).byteLength;
      };
      await timeSequential(3, get);
      const render = await timeSequential(RUNS, get);
      record({ what: "GET /t/<slug>/removals/<accountId> first render p95", target: 150, value: render.p95, unit: "ms", detail: `${lat(render)}; HTTP ${status}, ${(bytes / 1024).toFixed(0)} KB` });
      if (status !== 200) failures.push(`session page: HTTP ${status}`);
      // The database's share: the service itself, in process (no HTTP, no key lookup).
      const inProc: number[] = [];
      for (const [i, id] of fx.mainItems.slice(WARM + FREE_WRITES).entries()) {
        const t = performance.now();
        await recordOutcome(a.ctx, id, { outcome: i % 2 ? "kept" : "not_found" });
        inProc.push(performance.now() - t);
      }
      const svc = latency(inProc.slice(3));
      record({ what: "recordOutcome in process p95 (not_found / kept)", target: null, value: svc.p95, unit: "ms", detail: lat(svc) });
      raw.loadAfter = loadavg();
      raw.http = { removed: latency(removed), refused, free: { not_found: latency(freeMs.not_found!), kept: latency(freeMs.kept!) }, concurrent: conc, budget, render };
    } catch (e) {
      console.error(stack.logs());
      throw e;
    } finally {
      writeFileSync(join(out, "..", "removals-stack.log"), stack.logs(Infinity));
      await stack.stop();
    }
  } finally {
    await cleanupRemovalFixture(c, teamIds).catch((e: unknown) => console.error("removals bench: cleanup failed:", e));
    await c.end();
  }
  const load = (x: unknown) => (Array.isArray(x) ? x.map((v: number) => v.toFixed(1)).join(" ") : "?");
  raw.failures = failures;
  finishBench(out, raw, figs, `(load average before ${load(raw.loadBefore)}, after ${load(raw.loadAfter)}; ${availableParallelism()} CPUs)`);
  if (failures.length) {
    console.error(`\nremovals bench: unexpected answers:\n  ${failures.join("\n  ")}`);
    process.exitCode = 1;
  }
}
