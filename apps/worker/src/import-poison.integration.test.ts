import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { createLinkedInAccount, getImport, receiveUpload, signUp, type TTeamContext } from "@crm/core";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { disconnectDb, withTeam } from "@crm/db";
import { prepareTestDatabase } from "@crm/db/testing";
import { closeProducerRedis, closeQueues } from "@crm/jobs";

// Issue 15 item 1, through a real worker process with the production heap flags
// (apps/worker/node-flags.json: 384 MB old space): a hostile upload must end as a FAILED import
// with a clear message while the worker stays up, and an import that keeps killing its worker
// is failed for good after two crashes instead of being retried forever.

const FLAGS: string[] = JSON.parse(readFileSync(join(import.meta.dirname, "../node-flags.json"), "utf8"));
let ctx: TTeamContext;
const children: ChildProcess[] = [];
/** Each worker's output, printed when a test fails. */
const logs = new Map<ChildProcess, string[]>();

beforeAll(async () => {
  process.env.QUEUE_PREFIX = `{crm-test-${randomUUID()}}`;
  resetServerEnvForTests();
  await prepareTestDatabase();
  const email = `poison-${randomUUID()}@example.test`;
  const { team, userId } = await signUp({ name: "Poison", email, password: "poison test passphrase 2026", teamName: "Poison" });
  ctx = { teamId: team.id, slug: team.slug, teamName: team.name, userId, role: "OWNER" };
});
afterEach(async (t) => {
  if (t.task.result?.state === "fail") for (const [c, log] of logs) console.log(`worker ${c.pid}:\n${log.join("").slice(-4000)}`);
  logs.clear();
  // Each test has its own workers: one left running would take the next test's jobs.
  for (const c of children.splice(0)) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    c.kill("SIGKILL");
    await new Promise((r) => c.once("exit", r));
  }
});
afterAll(async () => {
  await Promise.all([disconnectDb(), closeQueues(), closeProducerRedis()]);
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

function startWorker(healthPort: number): ChildProcess {
  const child = spawn(process.execPath, [...FLAGS, "--import", "tsx", join(import.meta.dirname, "main.ts")], {
    env: { ...process.env, WORKER_HEALTH_PORT: String(healthPort), NODE_ENV: "test", IMPORT_LOCK_MS: "1500" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  child.stdout?.on("data", (d: Buffer) => log.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => log.push(d.toString()));
  logs.set(child, log);
  children.push(child);
  return child;
}

/** Peak resident memory of a live process (Linux: VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Math.round(Number(kb) / 1024);
}

async function until<T>(fn: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const finished = (importId: string) =>
  until(
    async () => {
      const s = await getImport(ctx, importId);
      return s.status === "COMPLETED" || s.status === "FAILED" ? s : undefined;
    },
    90_000,
    `import ${importId} to finish`,
  );

const healthy = async (port: number) => (await fetch(`http://127.0.0.1:${port}/health`)).status;

const account = async (label: string) => (await createLinkedInAccount(ctx, { label, ownerUserId: ctx.userId, timeZone: "UTC" })).id;
const upload = async (accountId: string, bytes: Buffer) =>
  (await receiveUpload(ctx, { accountId, fileName: "Connections.csv", body: Readable.from([bytes]) })).importId;

describe("a hostile upload and a worker that keeps dying", () => {
  it("refuses a 5 MB file of 2.5M one-character lines as a failed import; the worker stays up and imports the next file", async () => {
    const port = await freePort();
    const worker = startWorker(port);
    const hostile = Buffer.from("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + "a\n".repeat(2_500_000));
    expect(hostile.length).toBeGreaterThan(5_000_000);
    const poisonId = await upload(await account("hostile"), hostile);
    const done = await finished(poisonId);
    expect(done.status).toBe("FAILED");
    expect(done.errorCode).toBe("too_many_rows");
    expect(done.error).toBe("Connections.csv has more than 60,000 rows; at most 60,000 can be imported at once. Split the file and import the parts.");

    expect(worker.exitCode).toBeNull();
    expect(await healthy(port)).toBe(200);
    const peak = peakRssMb(worker.pid!);
    console.log(`worker peak RSS after the hostile file: ${peak} MB`);
    expect(peak).toBeLessThan(400);

    // Same worker, next upload: a normal file still imports.
    const normalId = await upload(await account("normal"), Buffer.from(generateConnectionsCsv({ rows: 500, hidden: 3 })));
    const normal = await finished(normalId);
    expect([normal.status, normal.new, normal.hidden]).toEqual(["COMPLETED", 500, 3]);
    expect(worker.exitCode).toBeNull();
  }, 150_000);

  it("fails an import for good, with a message, after it killed its worker twice", async () => {
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    const csv = Buffer.from(generateConnectionsCsv({ rows: 30_000, hidden: 0 }));
    const importId = await upload(await account("crashing"), csv);
    const runs = () =>
      withTeam(ctx.teamId, (tx) => tx.import.findFirstOrThrow({ where: { id: importId }, select: { unfinishedRuns: true, status: true } }));

    // Two workers die inside the import (as an out-of-memory kill would), each once it started.
    for (const [i, port] of ports.slice(0, 2).entries()) {
      const w = startWorker(port);
      await until(async () => ((await runs()).unfinishedRuns >= i + 1 ? true : undefined), 60_000, `run ${i + 1} to start`);
      w.kill("SIGKILL");
      await new Promise((r) => w.once("exit", r));
      expect(["QUEUED", "PROCESSING"]).toContain((await runs()).status);
    }

    const third = startWorker(ports[2]!);
    const done = await finished(importId);
    expect(done.status).toBe("FAILED");
    expect(done.errorCode).toBe("worker_crashed");
    expect(done.error).toContain("stopped the import twice");
    expect(done.error).toContain("will not be retried");
    // The third worker refused it without reading it, and is still up.
    expect(await healthy(ports[2]!)).toBe(200);
    expect(third.exitCode).toBeNull();
    const connections = await withTeam(ctx.teamId, (tx) => tx.connection.count({ where: { account: { label: "crashing" } } }));
    expect(connections).toBe(0);
  }, 240_000);

  // IMPORT_CONCURRENCY is 2: an out-of-memory crash also kills the good import running beside the
  // bad one. Only the import that crashed its worker while running alone is failed for good.
  it("fails only the import that keeps crashing its worker; a good import that shared the worker completes", async () => {
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    const csv = Buffer.from(generateConnectionsCsv({ rows: 30_000, hidden: 0 }));
    const goodId = await upload(await account("innocent"), csv);
    const poisonId = await upload(await account("poison"), csv);
    const runs = (id: string) =>
      withTeam(ctx.teamId, (tx) => tx.import.findFirstOrThrow({ where: { id }, select: { unfinishedRuns: true } })).then((r) => r.unfinishedRuns);

    // Worker 1 takes both imports and dies while both run; worker 2 dies once the poison runs again
    // (whatever else it runs by then dies with it, as in a real out-of-memory crash).
    for (const [i, port] of ports.slice(0, 2).entries()) {
      const w = startWorker(port);
      if (i === 0) await until(async () => ((await runs(goodId)) >= 1 ? true : undefined), 60_000, "the good import to start");
      await until(async () => ((await runs(poisonId)) >= i + 1 ? true : undefined), 90_000, `poison run ${i + 1} to start`);
      await new Promise((r) => setTimeout(r, 500));
      w.kill("SIGKILL");
      await new Promise((r) => w.once("exit", r));
    }

    const third = startWorker(ports[2]!);
    const [poison, good] = await Promise.all([finished(poisonId), finished(goodId)]);
    expect([poison.status, poison.errorCode]).toEqual(["FAILED", "worker_crashed"]);
    expect([good.status, good.new, good.errorCode]).toEqual(["COMPLETED", 30_000, null]);
    expect(await healthy(ports[2]!)).toBe(200);
    expect(third.exitCode).toBeNull();
  }, 240_000);
});
