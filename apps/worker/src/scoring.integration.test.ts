import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests, serverEnv } from "@crm/config";
import { createLinkedInAccount, getIcp, processImport, receiveUpload, saveIcp, signUp, type TTeamContext } from "@crm/core";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { disconnectDb, withTeam } from "@crm/db";
import { prepareTestDatabase } from "@crm/db/testing";
import { closeProducerRedis, closeQueues, createRedis, QUEUES } from "@crm/jobs";
import { emptyIcpDefinition } from "@crm/scoring";
import { processJob } from "./processors";

// Through the real queue: an import queues scores.refresh, an ICP save queues icp.rescore, and the
// scoring worker turns both into scores in the database.
let ctx: TTeamContext;
let worker: Worker;

beforeAll(async () => {
  process.env.QUEUE_PREFIX = `{crm-test-${randomUUID()}}`;
  resetServerEnvForTests();
  await prepareTestDatabase();
  const { team, userId } = await signUp({ name: "Scorer", email: `scorer-${randomUUID()}@example.test`, password: "scoring test passphrase 2026", teamName: "Scorer" });
  ctx = { teamId: team.id, slug: team.slug, teamName: team.name, userId, role: "OWNER" };
  worker = new Worker(QUEUES.scoring, processJob, { connection: createRedis("worker"), prefix: serverEnv().QUEUE_PREFIX });
});
afterAll(async () => {
  await worker?.close();
  await Promise.all([disconnectDb(), closeQueues(), closeProducerRedis()]);
});

async function until<T>(fn: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("scoring jobs", () => {
  it("an ICP edit is rescored by the worker, and a later import triggers a rescore of the new people", async () => {
    const { id: accountId } = await createLinkedInAccount(ctx, { label: "Net", ownerUserId: ctx.userId, timeZone: "UTC" });
    const upload = async (rows: number) => {
      const { importId } = await receiveUpload(ctx, { accountId, fileName: "c.csv", body: Readable.from([Buffer.from(generateConnectionsCsv({ rows }))]) }, { queue: false });
      return processImport(ctx.teamId, importId);
    };
    await upload(100);
    const def = { ...emptyIcpDefinition(), titleKeywords: { values: ["VP Sales"], weight: "important" as const } };
    const first = await saveIcp(ctx, { name: "Leaders", definition: def });
    const second = await saveIcp(ctx, { icpId: first.id, name: "Leaders", definition: { ...def, functions: { values: ["sales"], weight: "nice" as const } } });
    await until(async () => ((await getIcp(ctx, first.id)).scoredVersion === second.version ? true : undefined));
    const count = () => withTeam(ctx.teamId, (tx) => tx.icpScore.count({ where: { icpId: first.id, version: second.version } }));
    expect(await count()).toBe(100);

    await upload(130); // queues scores.refresh → icp.rescore for every ICP
    await until(async () => ((await count()) === 130 ? true : undefined));
    const vp = await withTeam(ctx.teamId, (tx) => tx.connection.findFirst({ where: { accountId, position: "VP Sales" }, select: { seniority: true, function: true } }));
    expect(vp).toEqual({ seniority: "vp", function: "sales" });
  }, 40_000);
});
