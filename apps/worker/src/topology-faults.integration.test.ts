import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLinkedInAccount, getImport, processImport, receiveUpload, saveIcp, signUp, type TImportSummary, type TTeamContext } from "@crm/core";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { withTeam } from "@crm/db";
import { JOBS, queue, QUEUES } from "@crm/jobs";
import { emptyIcpDefinition } from "@crm/scoring";
import { missingTopologyBinaries } from "../../../scripts/topology/index.mjs";
import { startTopology, until, type TTopology, type TWorkerProcess } from "./topology-faults.test-util";

// Issue 14's worker faults on the scale-out topology: two worker processes on a Redis Cluster,
// the app role through PgBouncer in transaction mode. A worker SIGKILLed mid-import or
// mid-rescore, and Postgres cutting the app's sessions mid-import, must each end exactly like an
// uninterrupted run: nothing lost, nothing done twice.

const REDIS_PORTS = [7311, 7312, 7313];
const PGBOUNCER_PORT = 6452;
const ROWS = 5_000;
const missing = missingTopologyBinaries(["redis", "pgbouncer"]);
if (missing) console.warn(`worker topology fault tests skipped: ${missing}`);

let topo: TTopology;
let ctx: TTeamContext;
const csv = Buffer.from(generateConnectionsCsv({ rows: ROWS, hidden: 7 }));
const body = () => Readable.from([csv]);

const account = async (label: string) => (await createLinkedInAccount(ctx, { label, ownerUserId: ctx.userId, timeZone: "UTC" })).id;
const snapshot = (accountId: string) =>
  withTeam(ctx.teamId, async (tx) => ({
    rows: await tx.connection.findMany({
      where: { accountId },
      orderBy: { identityKey: "asc" },
      select: { identityKey: true, firstName: true, lastName: true, company: true, position: true, email: true, connectedOn: true, status: true },
    }),
    events: await tx.connectionEvent.groupBy({ by: ["kind"], where: { connection: { accountId } }, _count: { _all: true } }),
  }));
const counts = (s: TImportSummary) => ({ status: s.status, new: s.new, updated: s.updated, unchanged: s.unchanged, gone: s.gone, rejected: s.rejected, rows: s.rows });

/** The same file imported in this process, uninterrupted, into an account of its own. */
async function referenceImport(): Promise<{ accountId: string; summary: TImportSummary }> {
  const accountId = await account(`reference-${randomUUID().slice(0, 6)}`);
  const { importId } = await receiveUpload(ctx, { accountId, fileName: "Connections.csv", body: body() }, { queue: false });
  const summary = await processImport(ctx.teamId, importId, { refreshScores: false });
  expect(summary.status).toBe("COMPLETED");
  return { accountId, summary };
}

async function queuedImport(label: string): Promise<{ accountId: string; importId: string }> {
  const accountId = await account(label);
  const { importId } = await receiveUpload(ctx, { accountId, fileName: "Connections.csv", body: body() });
  return { accountId, importId };
}

const phaseOf = async (importId: string) => {
  const s = await getImport(ctx, importId);
  return s.phase === "saving" || s.status === "COMPLETED" ? s : undefined;
};
const finished = async (importId: string) => {
  const s = await getImport(ctx, importId);
  return s.status === "COMPLETED" || s.status === "FAILED" ? s : undefined;
};

/**
 * The worker inside the job's transaction now, told by a lock only that transaction takes, while
 * `stillRunning` says the job has not committed. The import's save locks its account FOR UPDATE
 * (RowShareLock on the table); the rescore reads tags with the connections it scores, and holds
 * that lock until it commits (nothing else runs on the scoring queue then).
 */
const IMPORT_TX = ["LinkedInAccount", "RowShareLock"] as const;
const RESCORE_TX = ["ConnectionTag", "AccessShareLock"] as const;
async function workerHolding(lock: readonly [string, string?], stillRunning: () => Promise<boolean>): Promise<TWorkerProcess> {
  const name = await until(async () => ((await stillRunning()) ? topo.holder(...lock) : undefined), 10_000, "the worker holding the job", 5);
  const w = topo.workers.find((x) => x.name === name);
  if (!w) throw new Error(`no worker named ${name}`);
  return w;
}

/** Rejects as soon as one of `workers` exits: a fault must not take a worker process down with it. */
function noneExits(workers: TWorkerProcess[]): { promise: Promise<never>; off(): void } {
  const offs: Array<() => void> = [];
  const promise = new Promise<never>((_, reject) => {
    for (const w of workers) {
      const onExit = (code: number | null, signal: string | null) => reject(new Error(`worker ${w.name} exited (${signal ?? code}):\n${w.output.join("").slice(-3_000)}`));
      w.child.once("exit", onExit);
      offs.push(() => w.child.off("exit", onExit));
    }
  });
  promise.catch(() => undefined);
  return { promise, off: () => offs.forEach((f) => f()) };
}

/** Two live workers at the start of each test, whatever an earlier test did to them. */
async function twoWorkers(): Promise<TWorkerProcess[]> {
  while (topo.workers.filter(alive).length < 2) await topo.startWorker();
  return topo.workers.filter(alive);
}

async function expectSameImport(importId: string, accountId: string, reference: { accountId: string; summary: TImportSummary }) {
  const done = await until(() => finished(importId), 90_000, "the import to finish", 100);
  expect(done.error ?? null).toBeNull();
  expect(counts(done)).toEqual(counts(reference.summary));
  const [got, want] = await Promise.all([snapshot(accountId), snapshot(reference.accountId)]);
  expect(got.rows).toHaveLength(ROWS);
  expect(new Set(got.rows.map((r) => r.identityKey)).size).toBe(ROWS);
  expect(got.rows).toEqual(want.rows);
  expect(got.events).toEqual(want.events);
}

const alive = (w: TWorkerProcess) => w.child.exitCode === null && w.child.signalCode === null;

describe.skipIf(!!missing)(`worker processes on a Redis Cluster and PgBouncer${missing ? ` (skipped: ${missing})` : ""}`, () => {
  beforeAll(async () => {
    topo = await startTopology({ redisPorts: REDIS_PORTS, pgbouncerPort: PGBOUNCER_PORT, importLockMs: 1_500 });
    const { team, userId } = await signUp({ name: "Topology", email: `topology-${randomUUID()}@example.test`, password: "topology test passphrase 2026", teamName: "Topology" });
    ctx = { teamId: team.id, slug: team.slug, teamName: team.name, userId, role: "OWNER" };
    await Promise.all([topo.startWorker(), topo.startWorker()]);
  }, 180_000);
  afterAll(async () => {
    if (process.env.TOPO_DEBUG) for (const w of topo?.workers ?? []) console.log(`--- ${w.name}\n${w.output.join("")}`);
    await topo?.stop();
  }, 60_000);

  it("a worker SIGKILLed mid-import: the other one finishes it, exactly like an uninterrupted import", async () => {
    await twoWorkers();
    const reference = await referenceImport();
    const { accountId, importId } = await queuedImport("killed");
    await until(() => phaseOf(importId), 60_000, "a worker to reach the saving phase");
    const victim = await workerHolding(IMPORT_TX, async () => (await getImport(ctx, importId)).status === "PROCESSING");
    await topo.kill(victim);
    expect((await getImport(ctx, importId)).status).toBe("PROCESSING"); // killed before it committed
    await expectSameImport(importId, accountId, reference);
    const job = await queue(QUEUES.imports).getJob(`import.process__${importId}`);
    expect(job?.stalledCounter).toBe(1); // the killed run; the survivor's run completed it
  }, 120_000);

  it("Postgres terminating the app's sessions mid-import: the import is retried to the same result, no worker restarts", async () => {
    const running = await twoWorkers();
    const reference = await referenceImport();
    const { accountId, importId } = await queuedImport("terminated");
    await until(() => phaseOf(importId), 60_000, "a worker to reach the saving phase");
    await workerHolding(IMPORT_TX, async () => (await getImport(ctx, importId)).status === "PROCESSING");
    // PgBouncer answers the cut with "server conn crashed?" and closes its client connections:
    // the statement in flight fails, and so must only the job, never the process.
    const watch = noneExits(running);
    try {
      expect(await topo.terminateAppSessions()).toBeGreaterThan(0);
      await Promise.race([watch.promise, expectSameImport(importId, accountId, reference)]);
    } finally {
      watch.off();
    }
    // The cut did hit the import: its first attempt failed, and a retry finished it.
    const job = await queue(QUEUES.imports).getJob(`import.process__${importId}`);
    expect(job?.attemptsMade ?? 0).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it("a worker SIGKILLed mid-rescore: the other one rescores, exactly like an uninterrupted rescore", async () => {
    await twoWorkers();
    const def = { ...emptyIcpDefinition(), titleKeywords: { values: ["VP Sales"], weight: "important" as const }, functions: { values: ["engineering"], weight: "nice" as const } };
    const icpRow = (id: string) => topo.owner.query<{ version: number; scoredVersion: number; rescoreProgress: number }>(`SELECT version, "scoredVersion", "rescoreProgress" FROM "Icp" WHERE id = $1`, [id]).then((r) => r.rows[0]!);
    const scored = (id: string, ms: number) => until(async () => ((x) => (x.scoredVersion === x.version ? x : undefined))(await icpRow(id)), ms, "the rescore to finish", 50);
    // The earlier imports' scores.refresh jobs rescore every ICP there is when they run: let them
    // run first, so the killed job is the only one that can score the second ICP.
    const scoring = queue(QUEUES.scoring);
    const pending = async () => Object.values(await scoring.getJobCounts("active", "wait", "delayed", "prioritized")).reduce((a, b) => a + b, 0);
    const drained = () => until(async () => ((await pending()) === 0 ? true : undefined), 60_000, "the scoring queue to drain", 100);
    await drained();

    const reference = await saveIcp(ctx, { name: "Reference", definition: def });
    await scored(reference.id, 60_000);
    await drained(); // its queue build too
    const crashed = await saveIcp(ctx, { name: "Crashed", definition: def });
    // rescoreIcp sets progress 10 before its one transaction writes the scores and sets 100.
    const midRun = async () => ((x) => x.rescoreProgress === 10 && x.scoredVersion < x.version)(await icpRow(crashed.id));
    await until(async () => ((await midRun()) ? true : undefined), 30_000, "the rescore to start");
    const victim = await workerHolding(RESCORE_TX, midRun);
    await topo.kill(victim);
    expect((await icpRow(crashed.id)).scoredVersion).toBe(0); // killed before it committed
    // The scoring queue keeps BullMQ's 30 s lock, which must lapse on its own; the stalled-job
    // check that then hands the job back runs here every 500 ms instead of every 30 s in the
    // workers, only to keep the test short. The live worker process takes the job and runs it.
    await topo.checkStalled(QUEUES.scoring, 500);
    const watch = noneExits(topo.workers.filter(alive));
    try {
      await Promise.race([watch.promise, scored(crashed.id, 120_000)]);
    } finally {
      watch.off();
    }
    // Another job (an import's scores.refresh, late on a busy machine) may have written the scores
    // first; the killed job itself must still be handed back and finish, exactly once.
    const jobId = `icp.rescore__${crashed.id}-v${crashed.version}`;
    const job = await until(async () => ((j) => (j?.finishedOn ? j : undefined))(await scoring.getJob(jobId)), 90_000, "the killed rescore job to finish", 200);
    expect(job.stalledCounter).toBe(1); // the killed run; the retry completed it

    const scores = (icpId: string) =>
      topo.owner.query<{ connectionId: string; score: number; band: string }>(`SELECT "connectionId", score, band FROM "IcpScore" WHERE "icpId" = $1 ORDER BY "connectionId"`, [icpId]).then((r) => r.rows);
    const [got, want] = await Promise.all([scores(crashed.id), scores(reference.id)]);
    const connected = await topo.owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Connection" WHERE "teamId" = $1 AND status IN ('CONNECTED', 'REMOVAL_PENDING')`, [ctx.teamId]);
    expect(got).toHaveLength(connected.rows[0]!.n);
    expect(new Set(got.map((s) => s.connectionId)).size).toBe(got.length);
    const bands = (rows: typeof got) => rows.reduce<Record<string, number>>((m, r) => ({ ...m, [r.band]: (m[r.band] ?? 0) + 1 }), {});
    expect(bands(got)).toEqual(bands(want));
    expect(Object.keys(bands(got)).length).toBeGreaterThan(1);
    expect(got).toEqual(want);
  }, 240_000);

  it("job schedulers tick once, not once per worker process (every process upserts them at start)", async () => {
    // By now two to four worker processes have started and upserted the schedulers; the
    // minutely email.sweep must still have one job per tick: ticks a minute apart, never two.
    const jobs = await queue(JOBS["email.sweep"].queue).getJobs(["completed", "failed", "active", "wait", "delayed", "prioritized"]);
    const ticks = jobs.filter((j) => j.name === "email.sweep").map((j) => Number(j.id!.split(":").pop()));
    expect(ticks.length).toBeGreaterThan(0);
    expect(new Set(ticks).size).toBe(ticks.length);
    const sorted = [...ticks].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(60_000);
    expect(topo.workers.length).toBeGreaterThanOrEqual(2);
  });
});
