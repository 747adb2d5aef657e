import { createServer, type AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { closeProducerRedis, closeQueues, queue, QUEUES } from "@crm/jobs";
import { missingTopologyBinaries, startRedisCluster, type TRedisClusterHandle } from "../../../../scripts/topology/index.mjs";
import { ownerQuery, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { addAccount, csvOf } from "./import-helpers.test-util";
import { processImport } from "./process-import";
import { receiveUpload } from "./upload";

// Issue 14, "uploads during the outage get a clear 503": an upload while the job queue cannot be
// reached answers within a few seconds with a DomainError UNAVAILABLE (the route's 503), whether
// the producer lost a Redis Cluster whose masters all died, or never reached its Redis at all.
// The import it made does not wait for a job that never comes: it is FAILED with the reason and
// its stored bytes are deleted (receiveUpload); a job that reaches Redis late finds it FAILED and
// does nothing (processImport). Once Redis is back the same upload is queued, one job.

const PORTS = [7321, 7322, 7323];
const FAST_MS = 5_000;
const missing = missingTopologyBinaries(["redis"]);
if (missing) console.warn(`Redis Cluster part skipped: ${missing}`);

let a: TSignedUpUser;
let accountId: string;
let cluster: TRedisClusterHandle | undefined;

beforeAll(async () => {
  await startTestEnv();
  a = await signUpUser("redisDown");
  accountId = await addAccount(a.ctx);
}, 120_000);
afterAll(async () => {
  await stopTestEnv();
  await cluster?.stop();
}, 60_000);

async function useRedis(env: { REDIS_URL?: string; REDIS_CLUSTER_NODES?: string }) {
  await closeQueues().catch(() => undefined);
  await closeProducerRedis().catch(() => undefined);
  for (const k of ["REDIS_URL", "REDIS_CLUSTER_NODES"] as const) {
    if (env[k] === undefined) delete process.env[k];
    else process.env[k] = env[k];
  }
  resetServerEnvForTests();
}

const upload = () => {
  const buf = Buffer.from(csvOf([["ada-lovelace", "Analytical", "Engineer"]]), "utf8");
  return receiveUpload(a.ctx, { accountId, fileName: "Connections.csv", body: Readable.from([buf]), declaredBytes: buf.length });
};

/** The upload's outcome, how long it took, and the import it left behind. */
async function uploadWhileDown() {
  const before = new Set((await imports()).map((r) => r.id));
  const t0 = Date.now();
  const err = await upload().then(
    () => null,
    (e: unknown) => e as { code?: string; status?: number; message: string },
  );
  const ms = Date.now() - t0;
  const made = (await imports()).filter((r) => !before.has(r.id));
  return { err, ms, made };
}

async function imports() {
  return ownerQuery<{ id: string; status: string; errorCode: string | null; chunks: number }>(
    `SELECT i.id, i.status::text AS status, i."errorCode", (SELECT count(*)::int FROM "ImportChunk" c WHERE c."importId" = i.id) AS chunks
       FROM "Import" i WHERE i."teamId" = $1`,
    [a.team.id],
  );
}

function expectClear503(r: Awaited<ReturnType<typeof uploadWhileDown>>) {
  expect(r.err, "the upload fails").not.toBeNull();
  expect(r.err!.code, String(r.err?.message)).toBe("UNAVAILABLE");
  expect(r.err!.status).toBe(503);
  expect(r.err!.message).toMatch(/job queue is unavailable/);
  expect(r.ms).toBeLessThan(FAST_MS);
  // Nothing left waiting for a job: the import says why it failed and keeps no bytes.
  expect(r.made.map((m) => [m.status, m.errorCode, m.chunks])).toEqual([["FAILED", "queue_unavailable", 0]]);
}

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe("an upload while the job queue is down", () => {
  it("a single Redis that was never reached (REDIS_URL on a closed port): a 503 within seconds", async () => {
    await useRedis({ REDIS_URL: `redis://127.0.0.1:${await closedPort()}` });
    const r = await uploadWhileDown();
    console.info(`closed port: ${r.ms} ms`);
    expectClear503(r);
  }, 30_000);

  it("cluster nodes that were never reached: a 503 within seconds", async () => {
    const ports = [await closedPort(), await closedPort(), await closedPort()];
    await useRedis({ REDIS_CLUSTER_NODES: ports.map((p) => `127.0.0.1:${p}`).join(",") });
    const r = await uploadWhileDown();
    console.info(`cluster never reached: ${r.ms} ms`);
    expectClear503(r);
  }, 30_000);

  it.skipIf(!!missing)("a Redis Cluster whose masters were all killed: a 503 within seconds; back up, the upload is queued once", async () => {
    cluster = await startRedisCluster({ ports: PORTS });
    await useRedis({ REDIS_CLUSTER_NODES: cluster.nodes });
    // Connected and working first, as a web process that was serving when Redis went down.
    await queue(QUEUES.imports).getJobCounts();
    for (const p of PORTS) await cluster.kill(p);
    const r = await uploadWhileDown();
    console.info(`cluster masters killed: ${r.ms} ms`);
    expectClear503(r);
    // A second upload in the same outage is as quick (nothing queued up behind the first).
    const again = await uploadWhileDown();
    expectClear503(again);

    // All at once: each restart waits for cluster_state:ok, which needs the others up too.
    await Promise.all(PORTS.map((p) => cluster!.restart(p)));
    let ok: { importId: string } | undefined;
    for (let i = 0; i < 50 && !ok; i++) {
      ok = await upload().catch(async () => {
        await new Promise((res) => setTimeout(res, 200));
        return undefined;
      });
    }
    expect(ok, "uploads work again once Redis is back").toBeDefined();
    const jobs = (await queue(QUEUES.imports).getJobs(["waiting", "delayed", "prioritized"])).filter((j) => j.data.importId === ok!.importId);
    expect(jobs).toHaveLength(1);
    const row = (await imports()).find((m) => m.id === ok!.importId);
    expect(row?.status).toBe("QUEUED");
    // The outage's enqueues may still reach Redis now (ioredis kept them queued): such a job finds
    // its import FAILED and does nothing, so the 503'd uploads never half-run.
    const failed = [...r.made, ...again.made].map((m) => m.id);
    const late = (await queue(QUEUES.imports).getJobs(["waiting", "delayed", "prioritized"])).filter((j) => failed.includes(j.data.importId)).length;
    for (const id of failed) expect((await processImport(a.team.id, id)).status).toBe("FAILED");
    expect((await imports()).filter((m) => failed.includes(m.id)).map((m) => [m.status, m.chunks])).toEqual(failed.map(() => ["FAILED", 0]));
    console.info(`jobs of the 503'd uploads that reached Redis after the outage: ${late} (no-ops)`);
  }, 90_000);
});
