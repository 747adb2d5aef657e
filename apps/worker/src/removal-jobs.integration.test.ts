import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { Worker, type Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests, serverEnv } from "@crm/config";
import { confirmImportScope, createLinkedInAccount, localDateOf, processImport, receiveUpload, signUp, type TTeamContext } from "@crm/core";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { disconnectDb, withTeam } from "@crm/db";
import { prepareTestDatabase } from "@crm/db/testing";
import { closeProducerRedis, closeQueues, createRedis, enqueue, finishedJob, queue, QUEUES } from "@crm/jobs";
import { processJob } from "./processors";

// The removal planner's jobs through the real maintenance queue and the real processors: the plan
// after an import (still-connected people come back), the sweep, and ids in a payload as untrusted
// input. The database is shared with other test files and the sweep looks at every team, so this
// worker runs plan jobs only for this file's accounts (the others are acknowledged, not run).

let worker: Worker;
const ours = new Set<string>();

async function newTeam(label: string): Promise<TTeamContext> {
  const { team, userId } = await signUp({ name: `${label} Owner`, email: `${label.toLowerCase()}-${randomUUID()}@example.test`, password: "removal plan passphrase 2026", teamName: `${label} ${randomUUID().slice(0, 6)}` });
  return { teamId: team.id, slug: team.slug, teamName: team.name, userId, role: "OWNER" };
}

/** Fixtures and checks as the app role, inside the team (row-level security applies). */
function sql<T>(teamId: string, text: string, params: unknown[] = []): Promise<T[]> {
  return withTeam(teamId, (tx) => tx.$queryRawUnsafe<T[]>(text, ...params));
}

beforeAll(async () => {
  process.env.QUEUE_PREFIX = `{crm-test-${randomUUID()}}`;
  resetServerEnvForTests();
  await prepareTestDatabase();
  const run = (job: Job) => (job.name === "removal.plan" && !ours.has(job.data?.accountId) ? Promise.resolve({ status: "not-this-test" }) : processJob(job));
  worker = new Worker(QUEUES.maintenance, run, { connection: createRedis("worker"), prefix: serverEnv().QUEUE_PREFIX });
});
afterAll(async () => {
  await worker?.close();
  await Promise.all([disconnectDb(), closeQueues(), closeProducerRedis()]);
});

async function until<T>(fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** The job's result once the worker completed it (fails the test if it failed). */
async function resultOf(jobId: string): Promise<Record<string, unknown>> {
  return until(async () => {
    const end = finishedJob<Record<string, unknown>>(await queue(QUEUES.maintenance).getJob(jobId));
    if (end.done && end.failed) throw new Error(`job ${jobId} failed: ${end.reason}`);
    return end.done ? end.value : undefined;
  });
}

async function importCsv(ctx: TTeamContext, accountId: string, csv: string) {
  const { importId } = await receiveUpload(ctx, { accountId, fileName: "Connections.csv", body: Readable.from([Buffer.from(csv)]) }, { queue: false });
  let s = await processImport(ctx.teamId, importId);
  if (s.status === "NEEDS_CONFIRMATION") {
    await confirmImportScope(ctx, importId, "whole", { queue: false });
    s = await processImport(ctx.teamId, importId);
  }
  expect(s.status).toBe("COMPLETED");
  return importId;
}

/** Approved removals for the given connections (decided by the account's owner). */
async function approve(ctx: TTeamContext, accountId: string, connectionIds: string[]): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    ctx.teamId,
    `INSERT INTO "ReviewItem" (id, "teamId", "connectionId", "accountId", kind, state, decision, "decidedById", "decidedAt", "updatedAt")
     SELECT gen_random_uuid()::text, $1, c, $2, 'REMOVE', 'APPROVED', 'REMOVE', $3, now(), now() FROM unnest($4::text[]) c
     RETURNING id`,
    [ctx.teamId, accountId, ctx.userId, connectionIds],
  );
  return rows.map((r) => r.id);
}

describe("removal plan jobs", () => {
  it("plans after each completed import: nothing at first, then the backlog with the person still connected", async () => {
    const ctx = await newTeam("Planner");
    const { id: accountId } = await createLinkedInAccount(ctx, { label: "Net", ownerUserId: ctx.userId, timeZone: "Europe/Berlin" });
    ours.add(accountId);
    const csv = generateConnectionsCsv({ rows: 30 });
    const first = await importCsv(ctx, accountId, csv);
    const today = localDateOf(new Date(), "Europe/Berlin");
    expect(await resultOf(`removal.plan__${first}`)).toEqual({ localDate: today, planned: 0, status: "nothing" });

    const conns = await sql<{ id: string; profileUrl: string }>(ctx.teamId, `SELECT id, "profileUrl" FROM "Connection" WHERE "accountId" = $1 ORDER BY "identityKey" LIMIT 15`, [accountId]);
    const items = await approve(ctx, accountId, conns.map((c) => c.id));
    // Two recorded as removed; the next export still has the first of them.
    await sql(
      ctx.teamId,
      `WITH i AS (UPDATE "ReviewItem" SET state = 'DONE', "executedAt" = now() WHERE id = ANY($1::text[]) RETURNING id, "connectionId"),
            c AS (UPDATE "Connection" SET status = 'REMOVAL_PENDING' WHERE id IN (SELECT "connectionId" FROM i))
       INSERT INTO "RemovalOutcome" (id, "teamId", "accountId", "itemId", "connectionId", outcome, "localDate", counted, "liveFor")
       SELECT gen_random_uuid()::text, $2, $3, i.id, i."connectionId", 'REMOVED', $4::date, true, i.id FROM i`,
      [items.slice(0, 2), ctx.teamId, accountId, today],
    );
    const gone = conns[1]!.profileUrl;
    const second = await importCsv(ctx, accountId, csv.split("\n").filter((line) => !line.includes(gone)).join("\n"));
    expect(await resultOf(`removal.plan__${second}`)).toEqual({ localDate: today, planned: 10, status: "topped-up" });

    const [back] = await sql<{ state: string; retryNote: string | null; plannedOn: string | null }>(
      ctx.teamId,
      `SELECT state::text, "retryNote", "plannedOn"::text AS "plannedOn" FROM "ReviewItem" WHERE id = $1`,
      [items[0]],
    );
    expect(back).toMatchObject({ state: "APPROVED", retryNote: expect.stringMatching(/^Try again: still connected in your export of \d{4}-\d{2}-\d{2}$/) });
    const [n] = await sql<{ n: number }>(ctx.teamId, `SELECT count(*)::int AS n FROM "Notification" WHERE "teamId" = $1 AND kind = 'removal.planned'`, [ctx.teamId]);
    expect(n?.n).toBe(1);
  }, 60_000);

  it("the sweep finds an account whose day has no plan and the worker plans it", async () => {
    const ctx = await newTeam("Sweep");
    const { id: accountId } = await createLinkedInAccount(ctx, { label: "Auckland", ownerUserId: ctx.userId, timeZone: "Pacific/Auckland" });
    const conns = await sql<{ id: string }>(
      ctx.teamId,
      `INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "firstName", "lastName")
       SELECT gen_random_uuid()::text, $1, $2, 'li:sweep-' || g, 'p|' || g, 'P', 'Sweep ' || g FROM generate_series(1, 4) g RETURNING id`,
      [ctx.teamId, accountId],
    );
    await approve(ctx, accountId, conns.map((c) => c.id));
    ours.add(accountId);
    const today = localDateOf(new Date(), "Pacific/Auckland");
    await enqueue("removal.sweep", {}, { dedupeId: randomUUID() });
    expect(await resultOf(`removal.plan__${accountId}-${today}`)).toEqual({ localDate: today, planned: 4, status: "planned" });
    const sweeps = (await queue(QUEUES.maintenance).getJobs(["completed"], 0, -1)).filter((j) => j.name === "removal.sweep");
    expect(sweeps[0]?.returnvalue).toMatchObject({ enqueued: expect.any(Number) });
  }, 60_000);

  it("plans nothing for another team's account, a team that does not exist or a malformed id", async () => {
    const a = await newTeam("Alpha");
    const b = await newTeam("Bravo");
    const { id: bAccount } = await createLinkedInAccount(b, { label: "B net", ownerUserId: b.userId, timeZone: "UTC" });
    const conns = await sql<{ id: string }>(
      b.teamId,
      `INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "firstName", "lastName")
       VALUES (gen_random_uuid()::text, $1, $2, 'li:bravo-1', 'b|1', 'B', 'One') RETURNING id`,
      [b.teamId, bAccount],
    );
    await approve(b, bAccount, conns.map((c) => c.id));
    ours.add(bAccount);

    // Through the queue: team A's job naming team B's account.
    const jobId = randomUUID();
    await enqueue("removal.plan", { teamId: a.teamId, accountId: bAccount }, { dedupeId: jobId });
    expect(await resultOf(`removal.plan__${jobId}`)).toEqual({ status: "missing" });
    const fake = (data: object) => ({ name: "removal.plan", data, attemptsMade: 0, opts: { attempts: 1 } }) as unknown as Job;
    expect(await processJob(fake({ teamId: "no-such-team", accountId: bAccount }))).toEqual({ status: "team-gone" });
    await expect(processJob(fake({ teamId: a.teamId, accountId: "x".repeat(65) }))).rejects.toThrow();
    // Nothing written for it, under either team.
    for (const teamId of [a.teamId, b.teamId]) {
      const [w] = await sql<{ n: number }>(
        teamId,
        `SELECT ((SELECT count(*) FROM "RemovalBudget" WHERE "accountId" = $1) + (SELECT count(*) FROM "RemovalDay" WHERE "accountId" = $1)
                 + (SELECT count(*) FROM "ReviewItem" WHERE "accountId" = $1 AND "plannedOn" IS NOT NULL))::int AS n`,
        [bAccount],
      );
      expect(w?.n).toBe(0);
    }
    // Its own team's job plans it.
    expect(await processJob(fake({ teamId: b.teamId, accountId: bAccount }))).toMatchObject({ planned: 1, status: "planned" });
  }, 60_000);
});
