// Issue 13's figures through HTTP against the production build (web + worker, as `npm start` runs
// them) on the 40 × 30,000 dataset: every documented filter, sort and search of
// GET /api/v1/connections with a read key, one request at a time (≥ 100 each) and mixed with a few
// at once; the fixed cost of an API request against /api/health; the connections page's server
// render and its own data request. Twice: a settled team (statistics after ANALYZE), and a team
// whose 30,000 rows the worker imported a moment ago (measured right after, no ANALYZE of ours).
// Writes var/bench/workspace-http.json. A benchmark, not a test: missed targets are reported.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type pg from "pg";
import { resetServerEnvForTests } from "@crm/config";
import { createApiKeyForTeam, createLinkedInAccount, signUp, type TTeamContext } from "@crm/core";
import { closeQueues } from "@crm/jobs";
import { figureLog, finishBench, type TFigure } from "./figures";
import { startStack, peakRssMb } from "./http-server";
import { latency, runLoad, timeSequential, type TLatency } from "./http-load";
import { signInOverHttp } from "./http-session";
import { BENCH_PASSWORD, freshImportedTeam, ownerClient } from "./review-fixture";
import { WORKSPACE_PASSWORD } from "./workspace-seed";

const PORT = Number(process.env.BENCH_WS_PORT ?? 3320);
const RUNS = Number(process.env.BENCH_WS_RUNS ?? 100);
const PAGE_RUNS = Number(process.env.BENCH_WS_PAGE_RUNS ?? 40);
const FRESH_ROWS = 30_000;
const out = join(import.meta.dirname, "..", "..", "..", "..", "var", "bench", "workspace-http.json");

type TTeam = { ctx: TTeamContext; icpId: string; tagIds: string[]; email: string; password: string };

/** The issue's queries and the rest of the documented filter language, for one team. */
function queriesFor(t: TTeam): Array<[string, string]> {
  const [tag1, tag2] = t.tagIds;
  const tags = tag1 ? [[`seniority + tag, newest first`, `seniority=vp,director,c_level&tag=${tag1},${tag2 ?? tag1}&sort=connectedOn&dir=desc`] as [string, string]] : [];
  return [
    ["default view (newest first)", ""],
    ["company contains, by company", "company=acme&sort=company"],
    ["strong fit, best score first", `icp=${t.icpId}&fit=strong&sort=score&dir=desc`],
    ["seniority, newest first", "seniority=vp,director,c_level&sort=connectedOn&dir=desc"],
    ...tags,
    ["function, by name", "function=sales,marketing&sort=name"],
    ["no message in 12 months, by last interaction", "inactiveMonths=12&sort=lastInteraction&dir=desc"],
    ["score 40–80, by position", `scoreMin=40&scoreMax=80&sort=position`],
    ["search corpration (typo)", "q=corpration"],
    ["search acme corp", "q=acme+corp"],
    ["search müller", `q=${encodeURIComponent("müller")}`],
    ["search o'brien", `q=${encodeURIComponent("o'brien")}`],
    ["search vp sales", "q=vp+sales"],
    ["search anna schmidt", "q=anna+schmidt"],
    ["search with no match", "q=zzqxv"],
    // What the review of issue 13 found over target: 5-letter words with a typo (no 3 letters of
    // theirs survive every typo) and a common word in an order where its matches come late.
    ["search pedro weber (two 5-letter words)", "q=pedro+weber"],
    ["search smoth (a 5-letter typo)", "q=smoth"],
    ["search engineer, best score first", `q=engineer&icp=${t.icpId}&sort=score&dir=desc`],
    ["search engineer, most senior first", "q=engineer&sort=seniority&dir=desc"],
  ];
}

async function get(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; body: string }> {
  const res = await fetch(url, { headers });
  const body = await res.text();
  return { status: res.status, bytes: body.length, body };
}

/** One request at a time after a short warm-up; any answer but 200 is a harness error. */
async function sequential(url: string, headers: Record<string, string>, n: number): Promise<TLatency & { bytes: number }> {
  let bytes = 0;
  const once = async () => {
    const r = await get(url, headers);
    if (r.status !== 200) throw new Error(`GET ${url}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
    bytes = r.bytes;
  };
  for (let i = 0; i < 5; i++) await once();
  return { ...(await timeSequential(n, once)), bytes };
}

const fmt = (l: TLatency) => `p50 ${l.p50.toFixed(1)}, p99 ${l.p99.toFixed(1)}, max ${l.max.toFixed(1)} (n=${l.n})`;

async function measureTeam(scenario: string, baseUrl: string, t: TTeam, record: (f: TFigure) => void): Promise<Record<string, unknown>> {
  const raw: Record<string, unknown> = {};
  const key = (await createApiKeyForTeam(t.ctx.slug, "READ", `Workspace bench ${new Date().toISOString()}`)).secret;
  const auth = { authorization: `Bearer ${key}` };
  const queries = queriesFor(t);
  for (const [label, q] of queries) {
    const l = await sequential(`${baseUrl}/api/v1/connections${q ? `?${q}` : ""}`, auth, RUNS);
    record({ scenario, unit: "ms", what: `API · ${label}`, target: 50, value: l.p95, detail: `${fmt(l)}; ${(l.bytes / 1024).toFixed(0)} KB` });
    raw[label] = l;
  }
  // Page 2 of the default view and of a search: the cursor path.
  const first = JSON.parse((await get(`${baseUrl}/api/v1/connections?q=acme`, auth)).body) as { nextCursor: string | null };
  if (first.nextCursor) {
    const l = await sequential(`${baseUrl}/api/v1/connections?q=acme&cursor=${first.nextCursor}`, auth, RUNS);
    record({ scenario, unit: "ms", what: "API · search acme, page 2", target: 50, value: l.p95, detail: fmt(l) });
  }
  // A few people at once, every query in turn.
  let k = 0;
  const mixed = await runLoad({
    url: baseUrl,
    connections: 2,
    amount: queries.length * 40,
    next: () => {
      const q = queries[k++ % queries.length]![1];
      return { method: "GET", path: `/api/v1/connections${q ? `?${q}` : ""}`, headers: auth };
    },
  });
  record({ scenario, unit: "ms", what: "API · all of the above mixed, 2 at once (one per core)", target: 50, value: mixed.p95, detail: `${fmt(mixed)}; ${mixed.rps.toFixed(0)} req/s; statuses ${JSON.stringify(mixed.statuses)}` });
  raw.mixed = mixed;

  // The connections page as a signed-in member opens it, and its own "Load more" request.
  const session = await signInOverHttp(baseUrl, t.email, t.password);
  const cookie = { cookie: session.cookie };
  for (const [label, path] of [
    ["page · /t/<slug>/connections (server render)", `/t/${t.ctx.slug}/connections`],
    ["page · /t/<slug>/connections?q=corpration", `/t/${t.ctx.slug}/connections?q=corpration`],
  ] as const) {
    const l = await sequential(`${baseUrl}${path}`, cookie, PAGE_RUNS);
    record({ scenario, unit: "ms", what: label, target: 150, value: l.p95, detail: `${fmt(l)}; ${(l.bytes / 1024).toFixed(0)} KB` });
    raw[label] = l;
  }
  for (const [label, q] of queries.filter(([l]) => l.startsWith("company") || l.startsWith("search corpration"))) {
    const l = await sequential(`${baseUrl}/api/t/${t.ctx.slug}/connections?${q}`, cookie, RUNS);
    record({ scenario, unit: "ms", what: `page data · ${label}`, target: 50, value: l.p95, detail: fmt(l) });
  }
  return raw;
}

/** The fixed cost of an API request: limit=1 on a team with a handful of rows, against /api/health. */
async function fixedCost(baseUrl: string, record: (f: TFigure) => void): Promise<Record<string, unknown>> {
  const { team, userId } = await signUp({ name: "Fixed Cost", email: `ws-fixed-${randomUUID()}@bench.example.test`, password: BENCH_PASSWORD, teamName: `Workspace Fixed ${randomUUID().slice(0, 8)}` });
  await createLinkedInAccount({ teamId: team.id, slug: team.slug, teamName: team.name, userId, role: "OWNER" }, { label: "Main", ownerUserId: userId, timeZone: "UTC" });
  const key = (await createApiKeyForTeam(team.slug, "READ", "Fixed cost bench")).secret;
  const runs = RUNS * 3;
  // Interleaved, so a slow second hurts both alike.
  const health: number[] = [];
  const api: number[] = [];
  const once = async (url: string, headers: Record<string, string>, into: number[]) => {
    const t = performance.now();
    const r = await get(url, headers);
    if (r.status !== 200) throw new Error(`GET ${url}: HTTP ${r.status} ${r.body.slice(0, 200)}`);
    into.push(performance.now() - t);
  };
  for (let i = 0; i < runs + 10; i++) {
    await once(`${baseUrl}/api/health`, {}, health);
    await once(`${baseUrl}/api/v1/connections?limit=1`, { authorization: `Bearer ${key}` }, api);
  }
  const h = latency(health.slice(10));
  const a = latency(api.slice(10));
  record({ scenario: "small", unit: "ms", what: "GET /api/health", target: null, value: h.p95, detail: fmt(h) });
  record({ scenario: "small", unit: "ms", what: "API · limit=1 on a small team", target: null, value: a.p95, detail: fmt(a) });
  record({ scenario: "small", unit: "ms", what: "fixed cost of an API request above /api/health (p50)", target: 3, value: a.p50 - h.p50, detail: `p95 difference ${(a.p95 - h.p95).toFixed(1)} ms` });
  return { health: h, api: a };
}

async function ownerEmail(c: pg.Client, teamId: string): Promise<string> {
  const { rows } = await c.query<{ email: string }>(`SELECT u.email FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE m."teamId" = $1 AND m.role = 'OWNER' LIMIT 1`, [teamId]);
  return rows[0]!.email;
}

export async function benchWorkspaceHttp(teams: Array<{ ctx: TTeamContext; icpId: string; tagIds: string[] }>): Promise<void> {
  // The bench's own queues: a worker of `npm start` on the same Redis must not take these jobs.
  process.env.QUEUE_PREFIX = `{crm-bench-ws-${randomUUID().slice(0, 8)}}`;
  resetServerEnvForTests();
  await closeQueues();
  const c = await ownerClient();
  const { figs, record } = figureLog();
  const raw: Record<string, unknown> = { at: new Date().toISOString(), teams: teams.length, runs: RUNS };
  try {
    await c.query(`ANALYZE "Connection"; ANALYZE "IcpScore"; ANALYZE "ConnectionTag"`);
    const stack = await startStack({ port: PORT, queuePrefix: process.env.QUEUE_PREFIX! });
    try {
      console.log(`HTTP: ${stack.baseUrl} (production build), ${RUNS} requests per figure`);
      raw.fixed = await fixedCost(stack.baseUrl, record);
      const mid = teams[Math.floor(teams.length / 2)]!;
      const settled: TTeam = { ...mid, email: await ownerEmail(c, mid.ctx.teamId), password: WORKSPACE_PASSWORD };
      raw.settled = await measureTeam("settled", stack.baseUrl, settled, record);

      console.log(`fresh: importing ${FRESH_ROWS} rows into a new team through the worker…`);
      const fresh = await freshImportedTeam(c, FRESH_ROWS);
      const icpId = (await c.query<{ id: string }>(`SELECT id FROM "Icp" WHERE "teamId" = $1 LIMIT 1`, [fresh.ctx.teamId])).rows[0]!.id;
      const started = performance.now();
      console.log(`  imported in ${(fresh.importMs / 1000).toFixed(1)} s, scored after ${(fresh.scoredMs / 1000).toFixed(1)} s; measuring now`);
      raw.fresh = await measureTeam("fresh", stack.baseUrl, { ctx: fresh.ctx, icpId, tagIds: [], email: fresh.email, password: BENCH_PASSWORD }, record);
      raw.freshMeasuredWithinS = (performance.now() - started) / 1000;
      console.log(`  fresh team measured within ${(raw.freshMeasuredWithinS as number).toFixed(0)} s of its scores arriving`);
      raw.peakRssMb = { web: peakRssMb(stack.webPid), worker: peakRssMb(stack.workerPid) };
    } catch (e) {
      console.error(stack.logs());
      throw e;
    } finally {
      await stack.stop();
    }
  } finally {
    await c.end();
  }
  finishBench(out, raw, figs);
}
