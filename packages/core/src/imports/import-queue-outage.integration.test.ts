import { connect, createServer, type AddressInfo, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { withTeam } from "@crm/db";
import { closeProducerRedis, closeQueues, queue, QUEUES } from "@crm/jobs";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { addAccount, importBytes } from "./import-helpers.test-util";
import { readDiffCorpus } from "./diff-corpus.test-util";
import { confirmImportScope } from "./confirm-import";
import { discardImport } from "./discard-import";
import { applyColumnMapping } from "./mapping";
import { ENQUEUE_TIMEOUT_MS } from "./enqueue-answered";

// Review of issue 16: an answer (scope or column mapping) given while the job queue is down must
// not leave the import QUEUED with no job for good (not discardable, its bytes kept forever). It
// goes back to waiting for the answer, bytes kept; answered again once Redis is back, it is queued.

let a: TSignedUpUser;
beforeAll(async () => {
  await startTestEnv();
  a = await signUpUser("queueOutage");
});
afterAll(stopTestEnv);

/**
 * A TCP proxy to the real Redis that can be cut: the producer connects through it while Redis is
 * up, then loses it (as when Redis goes down under a running web server).
 */
async function cuttableRedis() {
  const target = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  const sockets = new Set<Socket>();
  const srv = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => undefined);
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const { port } = srv.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    async cut() {
      await new Promise<void>((r) => {
        srv.close(() => r());
        for (const s of sockets) s.destroy();
      });
    },
  };
}

async function pointProducerAt(url: string | undefined) {
  if (url === undefined) delete process.env.REDIS_URL;
  else process.env.REDIS_URL = url;
  resetServerEnvForTests();
  await closeQueues();
  await closeProducerRedis();
}

/** Runs `fn` after the producer's (connected, working) Redis went away; then restores it. */
async function withRedisDown<T>(fn: () => Promise<T>): Promise<T> {
  const saved = process.env.REDIS_URL;
  const proxy = await cuttableRedis();
  await pointProducerAt(proxy.url);
  try {
    await queue(QUEUES.imports).getJobCounts(); // connected while Redis is up
    await proxy.cut();
    return await fn();
  } finally {
    await pointProducerAt(saved);
  }
}

const stateOf = async (importId: string) => {
  const row = await withTeam(a.team.id, (tx) => tx.import.findFirst({ where: { id: importId }, select: { status: true, details: true } }));
  const chunks = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "ImportChunk" WHERE "importId" = $1`, [importId]);
  return { status: row!.status, scope: (row!.details as { scope?: string }).scope, chunks: chunks[0]!.n };
};

const queuedJobsFor = async (importId: string) =>
  (await queue(QUEUES.imports).getJobs(["waiting", "delayed", "prioritized"])).filter((j) => j.data.importId === importId).length;

describe("answering while the job queue is down", () => {
  it("a scope answer: a clear 503, the import waits again with its bytes; answered again later it is queued", async () => {
    const acc = await addAccount(a.ctx);
    await importBytes(a.ctx, acc, readDiffCorpus("linkedin-300-2026.csv"));
    const held = await importBytes(a.ctx, acc, readDiffCorpus("hubspot-3-contacts.csv"), "hubspot.csv");
    expect(held.status).toBe("NEEDS_CONFIRMATION");

    const err = await withRedisDown(() => rejectionOf(confirmImportScope(a.ctx, held.importId, "partial")));
    expect(err.code).toBe("UNAVAILABLE");
    expect(err.message).toMatch(/job queue is unavailable.*answer again/);
    const after = await stateOf(held.importId);
    expect(after).toMatchObject({ status: "NEEDS_CONFIRMATION", scope: undefined });
    expect(after.chunks).toBeGreaterThan(0);

    expect(await confirmImportScope(a.ctx, held.importId, "partial")).toEqual({ queued: true, scope: "partial" });
    expect(await stateOf(held.importId)).toMatchObject({ status: "QUEUED", scope: "partial" });
    expect(await queuedJobsFor(held.importId)).toBe(1);
  }, 30_000);

  it("a producer that never reached Redis gives up after a few seconds instead of hanging", async () => {
    const acc = await addAccount(a.ctx);
    await importBytes(a.ctx, acc, readDiffCorpus("linkedin-300-2026.csv"));
    const held = await importBytes(a.ctx, acc, readDiffCorpus("hubspot-3-contacts.csv"), "hubspot.csv");
    const saved = process.env.REDIS_URL;
    const proxy = await cuttableRedis();
    await proxy.cut(); // its port is closed from the start
    await pointProducerAt(proxy.url);
    try {
      const t0 = Date.now();
      expect((await rejectionOf(confirmImportScope(a.ctx, held.importId, "partial"))).code).toBe("UNAVAILABLE");
      expect(Date.now() - t0).toBeLessThan(ENQUEUE_TIMEOUT_MS + 3_000);
    } finally {
      await pointProducerAt(saved);
    }
    expect((await stateOf(held.importId)).status).toBe("NEEDS_CONFIRMATION");
  }, 30_000);

  it("a waiting import left by a failed answer can be discarded (its bytes deleted)", async () => {
    const acc = await addAccount(a.ctx);
    await importBytes(a.ctx, acc, readDiffCorpus("linkedin-300-2026.csv"));
    const held = await importBytes(a.ctx, acc, readDiffCorpus("hubspot-3-contacts.csv"), "hubspot.csv");
    await withRedisDown(() => rejectionOf(confirmImportScope(a.ctx, held.importId, "whole")));
    expect(await discardImport(a.ctx, held.importId)).toEqual({ discarded: true });
    expect((await stateOf(held.importId)).chunks).toBe(0);
  }, 30_000);

  it("an answer stored as QUEUED whose job was never published (the process died in between): answering again publishes it, once", async () => {
    const acc = await addAccount(a.ctx);
    await importBytes(a.ctx, acc, readDiffCorpus("linkedin-300-2026.csv"));
    const held = await importBytes(a.ctx, acc, readDiffCorpus("hubspot-3-contacts.csv"), "hubspot.csv");
    await confirmImportScope(a.ctx, held.importId, "partial", { queue: false }); // QUEUED, no job
    expect(await queuedJobsFor(held.importId)).toBe(0);
    expect(await confirmImportScope(a.ctx, held.importId, "partial")).toEqual({ queued: false, scope: "partial" });
    expect(await queuedJobsFor(held.importId)).toBe(1);
    await confirmImportScope(a.ctx, held.importId, "partial");
    expect(await queuedJobsFor(held.importId)).toBe(1);
    expect((await stateOf(held.importId)).status).toBe("QUEUED");
  }, 30_000);

  it("a column mapping: the import waits for its mapping again; mapped again later it is queued", async () => {
    const acc = await addAccount(a.ctx);
    const file = "Vorname;Nachname;Profil\nAnna;Alt;https://www.linkedin.com/in/anna-alt-q\n";
    const first = await importBytes(a.ctx, acc, file, "kontakte.csv");
    expect(first.status).toBe("NEEDS_MAPPING");
    const mapping = { firstName: "Vorname", lastName: "Nachname", profileUrl: "Profil" };
    const err = await withRedisDown(() => rejectionOf(applyColumnMapping(a.ctx, first.importId, mapping)));
    expect(err.code).toBe("UNAVAILABLE");
    expect((await stateOf(first.importId)).status).toBe("NEEDS_MAPPING");
    await applyColumnMapping(a.ctx, first.importId, mapping);
    expect((await stateOf(first.importId)).status).toBe("QUEUED");
    expect(await queuedJobsFor(first.importId)).toBe(1);
  }, 30_000);
});
