// Issue 14's load benchmark on the scale-out topology (Redis Cluster, PgBouncer, two web replicas,
// two workers of the production build): TEAMS teams upload a ROWS-row export at once while
// REVIEWERS reviewers claim, read and vote and OWNERS account owners confirm removals, for SECONDS
// seconds. Then: imports completed and their end-to-end time, throughput and p95 per route, errors
// (429s of the removal budget apart), budget breaches, lost or duplicated rows, lost votes, peak
// RSS per process and the app role's Postgres connections. Setup is not measured. Writes
// var/bench/scaleout.json; a missed check (not a missed target) exits non-zero.
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { resetServerEnvForTests, serverEnv } from "@crm/config";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { disconnectDb } from "@crm/db";
import { closeProducerRedis, closeQueues } from "@crm/jobs";
import { figureLog, finishBench } from "./figures";
import { latency } from "./http-load";
import { signInOverHttp, type TSession } from "./http-session";
import { reviewActionIds } from "./review-reviewing";
import { BENCH_PASSWORD, ownerClient } from "./review-fixture";
import { cleanupScaleout, floorTeams, uploadTeams } from "./scaleout-fixture";
import { startScaleStack } from "./scaleout-stack";
import { owner, recorder, reviewer, routeSummary, upload } from "./scaleout-users";
import { awaitImports, budgetBreaches, lostVotes, startSampler } from "./scaleout-verify";

const num = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const TEAMS = num("BENCH_SCALE_TEAMS", 50);
const ROWS = num("BENCH_SCALE_ROWS", 30_000);
const REVIEWERS = num("BENCH_SCALE_REVIEWERS", 100);
const OWNERS = num("BENCH_SCALE_OWNERS", 20);
const SECONDS = num("BENCH_SCALE_SECONDS", 300);
/** How long the imports may take to finish after the window. */
const IMPORT_WAIT_S = num("BENCH_SCALE_IMPORT_WAIT_SECONDS", 1800);
const WEB_PORTS = [3511, 3512];
const WORKER_PORTS = [3521, 3522];
const REDIS_PORTS = [7341, 7342, 7343];
const PGBOUNCER_PORT = 6482;
const out = join(import.meta.dirname, "..", "..", "..", "..", "var", "bench", "scaleout.json");

async function signInAll(bases: string[], emails: string[]): Promise<TSession[]> {
  const outS: TSession[] = [];
  for (let i = 0; i < emails.length; i += 5) outS.push(...(await Promise.all(emails.slice(i, i + 5).map((e, j) => signInOverHttp(bases[(i + j) % bases.length]!, e, BENCH_PASSWORD)))));
  return outS;
}

export async function benchScaleout() {
  const ownerUrl = serverEnv().DATABASE_URL;
  const queuePrefix = `{crm-bench-scale-${randomUUID().slice(0, 8)}}`;
  const { figs, record } = figureLog();
  const raw: Record<string, unknown> = {
    at: new Date().toISOString(),
    teams: TEAMS,
    rows: ROWS,
    reviewers: REVIEWERS,
    owners: OWNERS,
    seconds: SECONDS,
    cpus: availableParallelism(),
  };
  const failures: string[] = [];
  const c = await ownerClient();
  console.log(`scale-out bench: starting Redis Cluster ${REDIS_PORTS.join(",")}, PgBouncer ${PGBOUNCER_PORT}, web ${WEB_PORTS.join(",")}, workers ${WORKER_PORTS.join(",")}…`);
  const stack = await startScaleStack({
    webPorts: WEB_PORTS,
    workerHealthPorts: WORKER_PORTS,
    redisPorts: REDIS_PORTS,
    pgbouncerPort: PGBOUNCER_PORT,
    queuePrefix,
    appDbUrl: serverEnv().APP_DATABASE_URL,
    ownerDbUrl: ownerUrl,
  });
  try {
    // The bench's own in-process calls (setup's uploads) enqueue onto the stack's cluster.
    process.env.REDIS_CLUSTER_NODES = stack.redisNodes;
    process.env.QUEUE_PREFIX = queuePrefix;
    resetServerEnvForTests();
    await closeQueues();
    await closeProducerRedis();
    raw.processes = stack.procs;
    const bases = stack.webUrls;

    const t0 = performance.now();
    await cleanupScaleout(c);
    console.log(`setup: ${TEAMS} upload teams, floor teams of ${ROWS} rows for ${REVIEWERS} reviewers and ${OWNERS} owners…`);
    const ups = await uploadTeams(TEAMS);
    const floors = await floorTeams(c, {
      reviewers: REVIEWERS,
      owners: OWNERS,
      rows: ROWS,
      ownerItems: Math.ceil(SECONDS / 30) + 3,
    });
    const upSessions = await signInAll(
      bases,
      ups.map((u) => u.email),
    );
    const revSessions = await Promise.all(floors.map((f) => signInAll(bases, f.reviewers)));
    const actions = reviewActionIds(stack.webDir);
    const csv = Buffer.from(generateConnectionsCsv({ rows: ROWS, hidden: 0 }));
    await c.query(`VACUUM ANALYZE`);
    raw.setupS = (performance.now() - t0) / 1000;
    console.log(`setup done in ${(raw.setupS as number).toFixed(0)} s; window of ${SECONDS} s starts`);

    // Only the stack's backends count in the window: the bench's own app-role pools (setup's calls) go.
    await disconnectDb();
    const rec = recorder();
    const sampler = startSampler(ownerUrl, stack.procs, PGBOUNCER_PORT);
    raw.loadBefore = loadavg();
    const windowStart = Date.now();
    const until = windowStart + SECONDS * 1000;
    const uploads = Promise.all(ups.map((u, i) => upload(rec, bases[i % bases.length]!, upSessions[i]!, u.ctx.slug, u.accountId, csv, u.ctx.teamId)));
    const votes = Promise.all(floors.flatMap((f, fi) => revSessions[fi]!.map((s) => reviewer(rec, bases, s, f.ctx.slug, f.accountId, actions.vote, until))));
    const owners = Promise.all(floors.flatMap((f) => f.owners.map((o) => owner(rec, bases, f.key, o.accountId, o.items, until))));
    const [upRuns, voteRuns, ownerRuns] = await Promise.all([uploads, votes, owners]);
    const windowS = (Date.now() - windowStart) / 1000;
    raw.loadAfterWindow = loadavg();
    console.log(`window over after ${windowS.toFixed(0)} s; waiting for the imports (at most ${IMPORT_WAIT_S} s)…`);
    const imports = await awaitImports(c, upRuns, ROWS, IMPORT_WAIT_S * 1000);
    const importsS = (Date.now() - windowStart) / 1000;
    const sample = await sampler.stop();

    const e2e = latency(imports.e2eMs);
    record({
      what: `imports completed (of ${TEAMS} uploaded at once)`,
      target: null,
      value: imports.completed,
      unit: "",
      detail: `the last ended ${((imports.lastEndAt - windowStart) / 1000).toFixed(0)} s after the window began (checked at ${importsS.toFixed(0)} s)${imports.notCompleted.length ? `; e.g. ${imports.notCompleted[0]}` : ""}`,
    });
    record({
      what: `import end-to-end p50 (upload sent → COMPLETED)`,
      target: null,
      value: e2e.p50 / 1000,
      unit: "s",
      detail: `n=${e2e.n}`,
    });
    record({
      what: `import end-to-end p95`,
      target: null,
      value: e2e.p95 / 1000,
      unit: "s",
      detail: `max ${(e2e.max / 1000).toFixed(1)} s`,
    });
    const routes: Record<string, ReturnType<typeof routeSummary>> = {};
    let errors = rec.networkErrors;
    let intended429 = 0;
    for (const [route, s] of rec.routes) {
      // Uploads all start at once and run past the window: their rate is over the window too.
      const r = (routes[route] = routeSummary(s, windowS));
      for (const [st, n] of Object.entries(s.statuses)) {
        if (st === "429" && route.includes("outcome")) intended429 += n;
        else if (Number(st) >= 400 || st === "0") errors += n;
      }
      record({
        what: `${route} p95`,
        target: null,
        value: r.p95,
        unit: "ms",
        detail: `p50 ${r.p50.toFixed(1)} p99 ${r.p99.toFixed(1)} (n=${r.n}); ${r.rps.toFixed(2)} req/s; ${JSON.stringify(r.statuses)}${r.failures.length ? `; e.g. ${r.failures[0]}` : ""}`,
      });
      failures.push(...r.failures.map((f) => `${route}: ${f}`));
    }
    const allReqs = [...rec.routes.values()].reduce((a, s) => a + s.n, 0);
    record({
      what: "requests in all, per second over the window",
      target: null,
      value: allReqs / windowS,
      unit: "req/s",
      detail: `${allReqs} requests in ${windowS.toFixed(0)} s`,
    });
    record({
      what: "errors (besides the removal budget's 429s)",
      target: 1,
      value: errors,
      unit: "",
      detail: `429 (intended): ${intended429}; network errors ${rec.networkErrors}`,
    });

    const flatVotes = voteRuns.flat();
    const lost = await lostVotes(c, flatVotes);
    const breaches = await budgetBreaches(c, ownerRuns);
    const removed = ownerRuns.reduce((a, r) => a + r.removed, 0);
    const refused: Record<string, number> = {};
    for (const r of ownerRuns) for (const [k, n] of Object.entries(r.refused)) refused[k] = (refused[k] ?? 0) + n;
    record({
      what: "budget breaches",
      target: 1,
      value: breaches.length,
      unit: "",
      detail: `${removed} removals confirmed on ${ownerRuns.length} accounts; refused ${JSON.stringify(refused)}${breaches.length ? `; e.g. ${breaches[0]}` : ""}`,
    });
    const badRows = imports.wrongCount.length + imports.duplicates;
    record({
      what: "imports with lost rows + duplicated identity keys",
      target: 1,
      value: badRows,
      unit: "",
      detail: `wrong counts ${imports.wrongCount.length}, duplicate keys ${imports.duplicates}${imports.wrongCount.length ? `; e.g. ${imports.wrongCount[0]}` : ""}`,
    });
    record({
      what: "votes answered ok but not in ReviewVote",
      target: 1,
      value: lost.length,
      unit: "",
      detail: `${flatVotes.length} votes answered ok`,
    });
    for (const p of stack.procs) {
      record({
        what: `peak RSS ${p.name} (pid ${p.pid})`,
        target: null,
        value: sample.rssPeakMb[p.name] ?? NaN,
        unit: "MB",
        detail: `VmHWM ${(sample.hwmMb[p.name] ?? NaN).toFixed(0)} MB`,
      });
    }
    record({
      what: "Postgres backends of crm_app, peak (via PgBouncer)",
      target: null,
      value: sample.pgPeak.total,
      unit: "",
      detail: `not idle at once: ${sample.pgPeak.active}; all backends of the database: ${sample.pgServerPeak}`,
    });
    const b = sample.bouncerPeak;
    record({
      what: "PgBouncer: crm_app clients waiting for a server, peak",
      target: null,
      value: b.clWaiting,
      unit: "",
      detail: `clients served at once ${b.clActive}, servers busy ${b.svActive}, longest wait ${b.maxWaitS} s${sample.pgSampleErrors ? `; ${sample.pgSampleErrors} samples failed` : ""}`,
    });

    failures.push(...sample.gone.map((g) => `process gone before the end: ${g}`));
    if (imports.completed !== TEAMS) failures.push(`imports: ${imports.completed} of ${TEAMS} completed: ${imports.notCompleted.slice(0, 3).join("; ")}`);
    failures.push(...imports.wrongCount.slice(0, 3), ...breaches.slice(0, 5), ...lost.slice(0, 5).map((l) => `lost vote: ${l}`));
    if (imports.duplicates) failures.push(`${imports.duplicates} duplicated identity keys`);
    Object.assign(raw, {
      windowS,
      importsS,
      routes,
      imports: { ...imports, e2e },
      votes: flatVotes.length,
      lostVotes: lost,
      ownerRuns,
      breaches,
      errors,
      intended429,
      sample,
      loadAfter: loadavg(),
    });
  } catch (e) {
    console.error(stack.logs());
    throw e;
  } finally {
    writeFileSync(join(out, "..", "scaleout-stack.log"), stack.logs(Infinity));
    await stack.stop();
    await closeQueues().catch(() => undefined);
    await closeProducerRedis().catch(() => undefined);
    await c.end();
  }
  raw.failures = failures;
  finishBench(
    out,
    raw,
    figs,
    `(${availableParallelism()} CPUs; load average ${loadavg()
      .map((v) => v.toFixed(1))
      .join(" ")})`,
  );
  if (failures.length) {
    console.error(`\nscale-out bench: checks failed / unexpected answers:\n  ${failures.join("\n  ")}`);
    process.exitCode = 1;
  }
}
