import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { Worker, type Job } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests, serverEnv } from "@crm/config";
import { createLinkedInAccount, enqueueQueueBuild, processImport, receiveUpload, signUp, type TTeamContext } from "@crm/core";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { disconnectDb, withTeam } from "@crm/db";
import { prepareTestDatabase } from "@crm/db/testing";
import { closeProducerRedis, closeQueues, createRedis, queue, QUEUES } from "@crm/jobs";
import { processJob } from "./processors";

// The queue build through the real scoring queue: an import of a team without an ICP queues it
// (debounced), the worker builds it; a burst of triggers is one build; ids in a payload are untrusted.

let worker: Worker;

async function newTeam(label: string): Promise<TTeamContext> {
  const { team, userId } = await signUp({ name: `${label} Owner`, email: `${label.toLowerCase()}-${randomUUID()}@example.test`, password: "queue build passphrase 2026", teamName: `${label} ${randomUUID().slice(0, 6)}` });
  return { teamId: team.id, slug: team.slug, teamName: team.name, userId, role: "OWNER" };
}

beforeAll(async () => {
  process.env.QUEUE_PREFIX = `{crm-test-${randomUUID()}}`;
  resetServerEnvForTests();
  await prepareTestDatabase();
  worker = new Worker(QUEUES.scoring, processJob, { connection: createRedis("worker"), prefix: serverEnv().QUEUE_PREFIX });
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

const builds = async () => (await queue(QUEUES.scoring).getJobs(["completed"], 0, -1)).filter((j) => j.name === "queue.build");
const fakeJob = (data: object) => ({ name: "queue.build", data, attemptsMade: 0, opts: { attempts: 1 } }) as unknown as Job;

describe("job queue.build", () => {
  it("an import of a team without an ICP fills its queue, and a burst of triggers is one build after the last", async () => {
    const ctx = await newTeam("Builder");
    const { id: accountId } = await createLinkedInAccount(ctx, { label: "Net", ownerUserId: ctx.userId, timeZone: "UTC" });
    // Connected over ten years, never messaged: the old ones are stale.
    const csv = generateConnectionsCsv({ rows: 60, daysApart: 60 });
    const { importId } = await receiveUpload(ctx, { accountId, fileName: "c.csv", body: Readable.from([Buffer.from(csv)]) }, { queue: false });
    expect((await processImport(ctx.teamId, importId)).status).toBe("COMPLETED"); // queues scores.refresh → queue.build
    const open = () => withTeam(ctx.teamId, (tx) => tx.reviewItem.count({ where: { state: "OPEN", kind: "REMOVE" } }));
    const n = await until(async () => ((await open()) > 0 ? open() : undefined));
    expect(n).toBeGreaterThan(20);
    await until(async () => ((await builds()).some((j) => j.data.teamId === ctx.teamId) ? true : undefined));

    const before = (await builds()).filter((j) => j.data.teamId === ctx.teamId).length;
    for (let i = 0; i < 5; i++) {
      await enqueueQueueBuild(ctx.teamId);
      await new Promise((r) => setTimeout(r, 200));
    }
    const done = await until(async () => {
      const mine = (await builds()).filter((j) => j.data.teamId === ctx.teamId);
      return mine.length > before ? mine : undefined;
    });
    await new Promise((r) => setTimeout(r, 4_000)); // longer than the debounce: no second build comes
    expect((await builds()).filter((j) => j.data.teamId === ctx.teamId).length).toBe(before + 1);
    const last = done.sort((x, y) => (y.finishedOn ?? 0) - (x.finishedOn ?? 0))[0]!;
    expect(last.returnvalue).toMatchObject({ status: "built", opened: 0, closed: 0 });
  }, 60_000);

  it("does nothing for another team's account or a team that does not exist", async () => {
    const a = await newTeam("Alpha");
    const b = await newTeam("Bravo");
    const { id: bAccount } = await createLinkedInAccount(b, { label: "B net", ownerUserId: b.userId, timeZone: "UTC" });
    expect(await processJob(fakeJob({ teamId: a.teamId, accountId: bAccount }))).toEqual({ status: "missing" });
    expect(await processJob(fakeJob({ teamId: "no-such-team", accountId: bAccount }))).toEqual({ status: "team-gone" });
    expect(await processJob(fakeJob({ teamId: b.teamId, accountId: bAccount }))).toMatchObject({ status: "built", remove: 0 });
    await expect(processJob(fakeJob({ teamId: a.teamId, accountId: "x".repeat(65) }))).rejects.toThrow();
  });
});
