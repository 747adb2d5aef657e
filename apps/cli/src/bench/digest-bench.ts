// Weekly digest and reminder figures (issue 12) on 1,000 teams × 10 members, through the real
// worker process (bundled and started as `npm start` runs it; digest-worker.ts):
//   1. composition: every member's slot passed an hour ago; from one mail.sweep until all 10,000
//      DigestRun rows exist (each with its outbox row when sent), the worker's peak RSS;
//   2. fan-out: 3 reminders in each of the 1,000 teams come due at once; from one mail.sweep until
//      every one is notified;
//   3. delivery (separate, optional: BENCH_DIGEST_DELIVERY=0 skips it): the email queue is held
//      during (1) and (2) and released afterwards, into an SMTP sink in this process.
// Today's removal sessions are marked planned beforehand, so the worker's removal sweep (2,000
// accounts with approved removals) does not run in the middle of the measurement.
// In its own database (BENCH_DIGEST_DATABASE_URL, else DATABASE_URL's server with database
// crm_digest_bench): the worker sweeps every team it can see, and must not mail the demo team.
// Writes var/bench/digest.json. A benchmark, not a test: missed targets are reported, harness
// errors (a digest missing, a failed job) exit non-zero.
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { resetServerEnvForTests, serverEnv } from "@crm/config";
import { disconnectDb } from "@crm/db";
import { ensureDatabase, runMigrations } from "@crm/db/migrate";
import { closeQueues, enqueue, QUEUES, queue } from "@crm/jobs";
import { DIGEST_TEAMS, ensureDigestDataset, FANOUT_PER_TEAM, MEMBERS } from "./digest-seed";
import { freePort, startSmtpSink, startWorker, type TWorkerProcess } from "./digest-worker";
import { figureLog, finishBench } from "./figures";

const COMPOSE_TIMEOUT_MS = Number(process.env.BENCH_DIGEST_TIMEOUT_MS ?? 600_000);
const DELIVERY_TIMEOUT_MS = Number(process.env.BENCH_DIGEST_DELIVERY_TIMEOUT_MS ?? 300_000);
const out = join(import.meta.dirname, "..", "..", "..", "..", "var", "bench", "digest.json");
const BENCH = `'dbench-t-%'`;


function benchDatabaseUrl(): string {
  if (process.env.BENCH_DIGEST_DATABASE_URL) return process.env.BENCH_DIGEST_DATABASE_URL;
  const u = new URL(serverEnv().DATABASE_URL);
  u.pathname = "/crm_digest_bench";
  return u.toString();
}

const count = async (c: pg.Client, sql: string, params: unknown[] = []) => (await c.query<{ n: number }>(sql, params)).rows[0]!.n;

/** Polls `done` every `everyMs` until it returns true; the elapsed ms, or null on timeout. */
async function timeUntil(done: () => Promise<boolean>, timeoutMs: number, everyMs: number, t0 = performance.now()): Promise<number | null> {
  for (;;) {
    if (await done()) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) return null;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Back to "nothing sent this week": no digest runs, outbox rows, today's snapshots or reminder
 * notifications; digests off (the worker's first sweep at start-up must find nothing) with each
 * member's slot at the hour before now in their zone; the fan-out reminders far ahead.
 */
async function resetRun(c: pg.Client) {
  await c.query(`DELETE FROM "DigestRun" WHERE "teamId" LIKE ${BENCH}`);
  await c.query(`DELETE FROM "EmailOutbox" WHERE "teamId" LIKE ${BENCH}`);
  await c.query(`DELETE FROM "TeamStatsSnapshot" WHERE "teamId" LIKE ${BENCH} AND "takenOn" >= current_date - 1`);
  await c.query(`DELETE FROM "Notification" WHERE "teamId" LIKE ${BENCH} AND kind = 'reminder_due'`);
  await c.query(`UPDATE "Reminder" SET "dueAt" = now() + interval '300 days', "notifiedAt" = NULL WHERE id LIKE 'dbench-fan-%'`);
  await c.query(
    `INSERT INTO "RemovalDay" ("teamId", "accountId", "localDate", planned, "plannedAt", "updatedAt")
     SELECT a."teamId", a.id, (now() AT TIME ZONE a."timeZone")::date, 4, now(), now() FROM "LinkedInAccount" a WHERE a."teamId" LIKE ${BENCH}
     ON CONFLICT ("teamId", "accountId", "localDate") DO UPDATE SET "plannedAt" = coalesce("RemovalDay"."plannedAt", now())`,
  );
  await c.query(
    `UPDATE "NotificationPreference" p
        SET "digestEnabled" = false, "digestWeekday" = extract(isodow FROM x.l)::int, "digestHour" = extract(hour FROM x.l)::int,
            "quietWeekNote" = abs(hashtext(p."userId")) % 4 = 0
       FROM (SELECT q."teamId", q."userId",
                    (now() - interval '1 hour') AT TIME ZONE coalesce(q."timeZone",
                      (SELECT a."timeZone" FROM "LinkedInAccount" a WHERE a."teamId" = q."teamId" AND a."ownerUserId" = q."userId" ORDER BY a."createdAt", a.id LIMIT 1),
                      'UTC') AS l
               FROM "NotificationPreference" q WHERE q."teamId" LIKE ${BENCH}) x
      WHERE p."teamId" = x."teamId" AND p."userId" = x."userId"`,
  );
  for (const t of ["DigestRun", "EmailOutbox", "NotificationPreference", "Reminder", "TeamStatsSnapshot"]) await c.query(`VACUUM ANALYZE "${t}"`);
}

type TJobTimes = { n: number; p50: number; p95: number; max: number; failed: number; failures: string[]; firstStart: number; lastEnd: number };

/** The sweep job's own run (epoch ms), to split a wall time into sweeping and working. */
async function sweepTimes(jobId: string): Promise<{ start: number; end: number } | null> {
  const j = await queue(QUEUES.maintenance).getJob(jobId);
  return j?.processedOn && j.finishedOn ? { start: j.processedOn, end: j.finishedOn } : null;
}

async function jobDurations(name: string): Promise<TJobTimes> {
  const q = queue(name === "reminders.notify" ? QUEUES.maintenance : QUEUES.digests);
  const done = (await q.getJobs(["completed"], 0, 2000)).filter((j) => j?.name === name);
  const failed = (await q.getJobs(["failed"], 0, 200)).filter((j) => j?.name === name);
  const d = done.map((j) => (j.finishedOn ?? 0) - (j.processedOn ?? 0)).sort((a, b) => a - b);
  const at = (p: number) => d[Math.min(d.length - 1, Math.floor(p * d.length))] ?? NaN;
  return {
    n: d.length,
    p50: at(0.5),
    p95: at(0.95),
    max: d.at(-1) ?? NaN,
    failed: failed.length,
    failures: failed.slice(0, 3).map((j) => j.failedReason ?? "?"),
    firstStart: Math.min(...done.map((j) => j.processedOn ?? Infinity)),
    lastEnd: Math.max(...done.map((j) => j.finishedOn ?? 0)),
  };
}

export async function benchDigest() {
  // Its own database and queues (a worker of `npm start` on the same Redis must not take these jobs).
  const url = benchDatabaseUrl();
  await disconnectDb();
  await closeQueues();
  process.env.DATABASE_URL = url;
  delete process.env.APP_DATABASE_URL;
  process.env.QUEUE_PREFIX = `{crm-bench-digest-${randomUUID().slice(0, 8)}}`;
  resetServerEnvForTests();
  const env = serverEnv();
  await ensureDatabase(env.DATABASE_URL);
  await runMigrations({ ownerUrl: env.DATABASE_URL, appUrl: env.APP_DATABASE_URL, log: () => undefined });
  console.log(`digest bench: database ${new URL(url).pathname.slice(1)}, queues ${env.QUEUE_PREFIX}`);

  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { figs, record } = figureLog();
  const raw: Record<string, unknown> = { at: new Date().toISOString(), cpus: availableParallelism() };
  const failures: string[] = [];
  const sink = await startSmtpSink();
  let worker: TWorkerProcess | undefined;
  try {
    raw.dataset = await ensureDigestDataset(c);
    await resetRun(c);
    const expected = DIGEST_TEAMS * MEMBERS;
    const port = await freePort();
    worker = await startWorker(
      { ...process.env, NODE_ENV: "production", CRM_LOCAL_DEV: "1", AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-bench-secret-bench-secret-0123", APP_URL: "http://localhost:3000", SMTP_URL: sink.url },
      port,
    );
    const w = worker;
    raw.rssAtStartMb = w.rssMb();
    // Delivery is measured on its own: the email queue holds the sends until composition is done.
    await queue(QUEUES.email).pause();
    raw.loadBefore = loadavg();

    // 1. Composition.
    let rssPeak = 0;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, w.rssMb() || 0)), 100);
    const t0 = performance.now();
    const t0Epoch = Date.now();
    const digestSweep = `bench-digest-${t0Epoch}`;
    await c.query(`UPDATE "NotificationPreference" SET "digestEnabled" = true WHERE "teamId" LIKE ${BENCH}`);
    await enqueue("mail.sweep", {}, { dedupeId: digestSweep });
    const first: { ms: number | null } = { ms: null };
    const runs = () => count(c, `SELECT count(*)::int AS n FROM "DigestRun" WHERE "teamId" LIKE ${BENCH} AND kind = 'weekly'`);
    const allMs = await timeUntil(async () => {
      const n = await runs();
      if (n > 0 && first.ms === null) first.ms = performance.now() - t0;
      return n >= expected;
    }, COMPOSE_TIMEOUT_MS, 250, t0);
    clearInterval(sampler);
    const hwm = w.peakRssMb();
    const statuses = (await c.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM "DigestRun" WHERE "teamId" LIKE ${BENCH} GROUP BY 1 ORDER BY 1`)).rows;
    const outbox = await count(c, `SELECT count(*)::int AS n FROM "EmailOutbox" WHERE "teamId" LIKE ${BENCH} AND kind = 'digest'`);
    const linked = await count(c, `SELECT count(*)::int AS n FROM "DigestRun" r JOIN "EmailOutbox" o ON o.id = r."outboxId" WHERE r."teamId" LIKE ${BENCH}`);
    const jobs = await jobDurations("digest.team");
    const made = await runs();
    record({
      what: `${expected.toLocaleString("en")} weekly digests composed: sweep → last DigestRun`,
      target: 60_000,
      value: allMs ?? NaN,
      unit: "ms",
      detail: `${made} runs (${statuses.map((s) => `${s.status} ${s.n}`).join(", ")}); ${outbox} outbox rows (${linked} linked); first after ${first.ms?.toFixed(0) ?? "—"} ms; ${(made / ((allMs ?? COMPOSE_TIMEOUT_MS) / 1000)).toFixed(0)}/s`,
    });
    const dsw = await sweepTimes(`mail.sweep__${digestSweep}`);
    const since = (t: number | undefined) => (t === undefined || !Number.isFinite(t) ? "—" : `${(t - t0Epoch).toFixed(0)}`);
    record({ what: "digest.team job (10 members) in the worker p95", target: null, value: jobs.p95, unit: "ms", detail: `p50 ${jobs.p50} max ${jobs.max} (n=${jobs.n}); failed ${jobs.failed}; sweep ran ${since(dsw?.start)}–${since(dsw?.end)} ms, team jobs ${since(jobs.firstStart)}–${since(jobs.lastEnd)} ms` });
    record({ what: "worker peak RSS (VmHWM) through composition", target: 400, value: hwm, unit: "MB", detail: `sampled VmRSS max ${rssPeak.toFixed(0)} MB; ${(raw.rssAtStartMb as number).toFixed(0)} MB at start` });
    raw.compose = { allMs, firstMs: first.ms, made, statuses, outbox, linked, jobs, hwm, rssPeak };
    if (allMs === null) failures.push(`composition: ${made} of ${expected} DigestRun rows after ${COMPOSE_TIMEOUT_MS / 1000} s`);
    if (jobs.failed) failures.push(`digest.team: ${jobs.failed} failed jobs, e.g. ${jobs.failures.join(" | ")}`);
    const sent = statuses.find((s) => s.status === "sent")?.n ?? 0;
    if (linked < sent) failures.push(`${sent} digests sent but only ${linked} runs point at an outbox row`);

    // 2. Reminder fan-out: 1,000 teams' reminders come due at once.
    const fan = DIGEST_TEAMS * FANOUT_PER_TEAM;
    const f0 = performance.now();
    const f0Epoch = Date.now();
    const fanSweep = `bench-reminders-${f0Epoch}`;
    await c.query(`UPDATE "Reminder" SET "dueAt" = now() - interval '1 minute' WHERE id LIKE 'dbench-fan-%'`);
    await enqueue("mail.sweep", {}, { dedupeId: fanSweep });
    const notifiedMs = await timeUntil(
      async () => (await count(c, `SELECT count(*)::int AS n FROM "Reminder" WHERE id LIKE 'dbench-fan-%' AND "notifiedAt" IS NULL`)) === 0,
      60_000,
      25,
      f0,
    );
    const notes = await count(c, `SELECT count(*)::int AS n FROM "Notification" WHERE "teamId" LIKE ${BENCH} AND kind = 'reminder_due'`);
    const rjobs = await jobDurations("reminders.notify");
    const sw = await sweepTimes(`mail.sweep__${fanSweep}`);
    // The email passes the reminder jobs enqueue run at the same time, on the digests queue.
    const mjobs = await jobDurations("notifications.mail");
    const rel = (t: number | undefined) => (t === undefined || !Number.isFinite(t) ? "—" : `${(t - f0Epoch).toFixed(0)}`);
    record({
      what: `${DIGEST_TEAMS.toLocaleString("en")} teams' due reminders: sweep → all notified`,
      target: 5000,
      value: notifiedMs ?? NaN,
      unit: "ms",
      detail: `${fan} reminders, ${notes} notifications; sweep ran ${rel(sw?.start)}–${rel(sw?.end)} ms, team jobs ${rel(rjobs.firstStart)}–${rel(rjobs.lastEnd)} ms; reminders.notify p50 ${rjobs.p50} p95 ${rjobs.p95} ms (n=${rjobs.n}, failed ${rjobs.failed}); meanwhile notifications.mail ${rel(mjobs.firstStart)}–${rel(mjobs.lastEnd)} ms, p50 ${mjobs.p50} (n=${mjobs.n})`,
    });
    raw.fanout = { notifiedMs, reminders: fan, notifications: notes, jobs: rjobs, sweep: sw, mailJobs: mjobs, workerConcurrency: serverEnv().WORKER_CONCURRENCY };
    if (notifiedMs === null) failures.push(`fan-out: reminders still unnotified after 60 s`);
    if (notes !== fan) failures.push(`fan-out: ${notes} notifications for ${fan} reminders`);
    if (rjobs.failed) failures.push(`reminders.notify: ${rjobs.failed} failed, e.g. ${rjobs.failures.join(" | ")}`);
    // 3. Delivery into the SMTP sink (last: it is the slowest part and depends on nothing else).
    if (process.env.BENCH_DIGEST_DELIVERY !== "0" && outbox > 0) {
      const d0 = performance.now();
      await queue(QUEUES.email).resume();
      const sentDigests = () => count(c, `SELECT count(*)::int AS n FROM "EmailOutbox" WHERE "teamId" LIKE ${BENCH} AND kind = 'digest' AND status = 'SENT'`);
      const deliveredMs = await timeUntil(async () => (await sentDigests()) >= outbox, DELIVERY_TIMEOUT_MS, 500, d0);
      const sentRows = await sentDigests();
      record({ what: `delivery of ${outbox.toLocaleString("en")} digests to a local SMTP sink`, target: null, value: deliveredMs ?? NaN, unit: "ms", detail: `${sentRows} rows SENT, ${sink.count()} messages received in all${deliveredMs === null ? ` (stopped after ${DELIVERY_TIMEOUT_MS / 1000} s)` : ""}; ${(sentRows / ((performance.now() - d0) / 1000)).toFixed(0)}/s` });
      raw.delivery = { deliveredMs, received: sink.count(), sentRows, peakRssMb: w.peakRssMb() };
    } else await queue(QUEUES.email).resume();

    raw.peakRssMb = w.peakRssMb();
    raw.loadAfter = loadavg();
  } catch (e) {
    if (worker) console.error(worker.logs());
    throw e;
  } finally {
    if (worker) {
      mkdirSync(join(out, ".."), { recursive: true });
      writeFileSync(join(out, "..", "digest-worker.log"), worker.logs(Infinity));
      await worker.stop();
    }
    await sink.close();
    await c.end();
  }
  const load = (x: unknown) => (Array.isArray(x) ? x.map((v: number) => v.toFixed(1)).join(" ") : "?");
  raw.failures = failures;
  finishBench(out, raw, figs, `(load average before ${load(raw.loadBefore)}, after ${load(raw.loadAfter)}; ${availableParallelism()} CPUs)`);
  if (failures.length) {
    console.error(`\ndigest bench: unexpected results:\n  ${failures.join("\n  ")}`);
    process.exitCode = 1;
  }
}
