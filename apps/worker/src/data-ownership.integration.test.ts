import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests, serverEnv } from "@crm/config";
import { createLinkedInAccount, deleteTeam, getIcp, getImport, getTeamExport, receiveUpload, requestTeamExport, saveIcp, signUp, type TTeamContext } from "@crm/core";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { disconnectDb, withTeam } from "@crm/db";
import { prepareTestDatabase } from "@crm/db/testing";
import { closeProducerRedis, closeQueues, createRedis, enqueue, QUEUES, queue } from "@crm/jobs";
import { emptyIcpDefinition } from "@crm/scoring";
import { processJob, unlessTeamGone } from "./processors";
import { logWorkerEvents } from "./worker-log";

// Through the real queues, with the worker's own event logging: an import of a generated export,
// the rescore it triggers, and a team data export print nothing that names a connection; and jobs
// of a team deleted meanwhile end quietly instead of failing and retrying.

let workers: Worker[] = [];

async function newTeam(label: string): Promise<TTeamContext> {
  const { team, userId } = await signUp({ name: `${label} Owner`, email: `${label.toLowerCase()}-${randomUUID()}@example.test`, password: "data ownership passphrase 2026", teamName: `${label} ${randomUUID().slice(0, 6)}` });
  return { teamId: team.id, slug: team.slug, teamName: team.name, userId, role: "OWNER" };
}

beforeAll(async () => {
  process.env.QUEUE_PREFIX = `{crm-test-${randomUUID()}}`;
  resetServerEnvForTests();
  await prepareTestDatabase();
  workers = [QUEUES.imports, QUEUES.scoring, QUEUES.exports, QUEUES.maintenance, QUEUES.digests].map((name) => {
    const w = new Worker(name, processJob, { connection: createRedis("worker"), prefix: serverEnv().QUEUE_PREFIX });
    logWorkerEvents(w, name);
    return w;
  });
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await Promise.all([disconnectDb(), closeQueues(), closeProducerRedis()]);
});

async function until<T>(fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Everything written to the console or to stdout/stderr while `fn` runs. */
async function captureOutput(fn: (seen: () => string) => Promise<void>): Promise<string> {
  const out: string[] = [];
  const methods = ["log", "info", "warn", "error", "debug"] as const;
  const saved = methods.map((m) => console[m]);
  const savedOut = process.stdout.write.bind(process.stdout);
  const savedErr = process.stderr.write.bind(process.stderr);
  for (const m of methods) console[m] = (...args: unknown[]) => void out.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => (out.push(String(chunk)), savedOut(chunk, ...rest))) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => (out.push(String(chunk)), savedErr(chunk, ...rest))) as typeof process.stderr.write;
  try {
    await fn(() => out.join("\n"));
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i]!));
    process.stdout.write = savedOut;
    process.stderr.write = savedErr;
  }
  return out.join("\n");
}

describe("logs name no one", () => {
  it("an import, the rescore it triggers and a team export print no connection's name or email", async () => {
    const ctx = await newTeam("Quiet");
    const { id: accountId } = await createLinkedInAccount(ctx, { label: "Net", ownerUserId: ctx.userId, timeZone: "UTC" });
    const { id: icpId } = await saveIcp(ctx, { name: "Leaders", definition: { ...emptyIcpDefinition(), titleKeywords: { values: ["VP Sales"], weight: "important" } } });
    await until(async () => ((await getIcp(ctx, icpId)).scoredVersion === 1 ? true : undefined));
    // 3% of generated rows have an email; a broken row exercises the rejection path too.
    const csv = generateConnectionsCsv({ rows: 400, seed: 7 }) + "\nBroken,Row,not-a-url,broken.row@example.com,Acme,CEO,31 Feb 2024";

    const output = await captureOutput(async (seen) => {
      const { importId } = await receiveUpload(ctx, { accountId, fileName: "Connections.csv", body: Readable.from([Buffer.from(csv)]) });
      await until(async () => ((await getImport(ctx, importId)).status === "COMPLETED" ? true : undefined));
      await until(async () => ((await withTeam(ctx.teamId, (tx) => tx.icpScore.count({ where: { icpId } }))) === 400 ? true : undefined));
      const { exportId } = await requestTeamExport(ctx);
      await until(async () => ((await getTeamExport(ctx, exportId)).status === "READY" ? true : undefined));
      // Issue 12's jobs on the same people: a reminder that came due (its notification names the
      // person), the job changes the import found, and a weekly digest full of names.
      const person = await withTeam(ctx.teamId, (tx) => tx.connection.findFirstOrThrow({ where: { teamId: ctx.teamId }, orderBy: { id: "asc" }, select: { id: true } }));
      await withTeam(ctx.teamId, (tx) => tx.reminder.create({ data: { teamId: ctx.teamId, connectionId: person.id, accountId, dueAt: new Date(Date.now() - 60_000), note: "Ask about the offsite", createdById: ctx.userId } }));
      await enqueue("reminders.notify", { teamId: ctx.teamId }, { dedupeId: "logs" });
      await enqueue("digest.team", { teamId: ctx.teamId, users: [{ userId: ctx.userId, period: "2026-W49", dueAt: new Date().toISOString() }] }, { dedupeId: "logs" });
      await until(async () => ((await withTeam(ctx.teamId, (tx) => tx.digestRun.count())) === 1 ? true : undefined));
      // The worker logs a job after its result is stored: wait for the lines too.
      for (const name of ["import\\.process", "icp\\.rescore", "team\\.export", "jobchanges\\.notify", "reminders\\.notify", "notifications\\.mail", "digest\\.team"]) {
        await until(async () => (new RegExp(`job ${name} \\S+ completed`).test(seen()) ? true : undefined), 10_000);
      }
    });

    const people = await withTeam(ctx.teamId, (tx) => tx.connection.findMany({ where: { teamId: ctx.teamId }, select: { firstName: true, lastName: true, email: true, profileUrl: true } }));
    expect(people).toHaveLength(400);
    const secrets = new Set<string>(["broken.row@example.com", "Broken", "Row"]);
    for (const p of people) {
      // Each name on its own as a word (a logged object would show them apart), emails, URL slugs.
      secrets.add(p.firstName).add(p.lastName);
      if (p.email) secrets.add(p.email);
      if (p.profileUrl) secrets.add(p.profileUrl.replace(/\/$/, "").split("/").pop()!);
    }
    const found = (s: string) => new RegExp(`(^|[^\\p{L}\\p{N}])${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}\\p{N}])`, "u").test(output);
    expect(people.filter((p) => p.email).length).toBeGreaterThan(3);
    // The capture works: the worker's own lines for these jobs are in it.
    expect(output).toMatch(/job import\.process \S+ completed/);
    expect(output).toMatch(/job icp\.rescore \S+ completed/);
    expect(output).toMatch(/job team\.export \S+ completed/);
    expect(output).toMatch(/job digest\.team \S+ completed/);
    // Those jobs did name people where they should: the bell and the digest email.
    expect(await withTeam(ctx.teamId, (tx) => tx.notification.count({ where: { kind: "reminder_due" } }))).toBe(1);
    const digest = await withTeam(ctx.teamId, (tx) => tx.digestRun.findFirstOrThrow({ select: { status: true } }));
    expect(digest.status).toBe("sent");
    expect([...secrets].filter(found)).toEqual([]);
  }, 120_000);
});

describe("jobs of a deleted team", () => {
  it("a failure after the team is gone ends the job as team-gone; for a team that exists it is still an error", async () => {
    const live = await newTeam("Live");
    const gone = await newTeam("Gone");
    await deleteTeam(gone, { confirmName: gone.teamName });
    const boom = () => Promise.reject(new Error("insert or update violates foreign key constraint"));
    expect(await unlessTeamGone({ teamId: gone.teamId }, boom)).toEqual({ status: "team-gone" });
    await expect(unlessTeamGone({ teamId: live.teamId }, boom)).rejects.toThrow(/foreign key/);
    await expect(unlessTeamGone({ outboxId: "x" }, boom)).rejects.toThrow(/foreign key/);
  });

  it("through the queue, jobs naming a deleted team complete without a retry", async () => {
    const ctx = await newTeam("Vanishing");
    const { exportId } = await requestTeamExport(ctx);
    await until(async () => ((await getTeamExport(ctx, exportId)).status === "READY" ? true : undefined));
    await deleteTeam(ctx, { confirmName: ctx.teamName });
    await enqueue("team.export", { teamId: ctx.teamId, exportId }, { dedupeId: "after-delete" });
    await enqueue("export.expire", { teamId: ctx.teamId, exportId }, { dedupeId: "after-delete" });
    await enqueue("scores.refresh", { teamId: ctx.teamId }, { dedupeId: "after-delete" });
    // Issue 12's per-team jobs (a sweep may have found the team just before it went).
    const users = [{ userId: ctx.userId, period: "2026-W49", dueAt: new Date().toISOString() }];
    await enqueue("reminders.notify", { teamId: ctx.teamId }, { dedupeId: "after-delete" });
    await enqueue("reminders.cadence", { teamId: ctx.teamId }, { dedupeId: "after-delete" });
    await enqueue("jobchanges.notify", { teamId: ctx.teamId, importId: "gone-import" }, { dedupeId: "after-delete" });
    await enqueue("notifications.mail", { teamId: ctx.teamId }, { dedupeId: "after-delete" });
    await enqueue("digest.team", { teamId: ctx.teamId, users }, { dedupeId: "after-delete" });
    await enqueue("summary.team", { teamId: ctx.teamId, users: [{ ...users[0]!, period: "2026-12-05" }] }, { dedupeId: "after-delete" });
    const mailJobs = [
      [QUEUES.maintenance, "reminders.notify"],
      [QUEUES.maintenance, "reminders.cadence"],
      [QUEUES.maintenance, "jobchanges.notify"],
      [QUEUES.digests, "notifications.mail"],
      [QUEUES.digests, "digest.team"],
      [QUEUES.digests, "summary.team"],
    ] as const;
    const finished = await until(async () => {
      const jobs = await Promise.all([
        queue(QUEUES.exports).getJob("team.export__after-delete"),
        queue(QUEUES.maintenance).getJob("export.expire__after-delete"),
        queue(QUEUES.scoring).getJob("scores.refresh__after-delete"),
        ...mailJobs.map(([q, name]) => queue(q).getJob(`${name}__after-delete`)),
      ]);
      const states = await Promise.all(jobs.map((j) => j?.getState()));
      return states.every((s) => s === "completed" || s === "failed") ? jobs : undefined;
    });
    for (const j of finished) {
      expect(await j!.getState(), j!.name).toBe("completed");
      expect(j!.attemptsMade, j!.name).toBeLessThanOrEqual(1);
    }
    expect(finished[0]!.returnvalue).toEqual({ status: "missing" });
    for (const j of finished.slice(3)) expect(j!.returnvalue, j!.name).toEqual({ status: "team-gone" });
  });
});
