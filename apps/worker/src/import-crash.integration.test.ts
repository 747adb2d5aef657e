import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { createLinkedInAccount, getImport, processImport, receiveUpload, signUp, type TImportSummary, type TTeamContext } from "@crm/core";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { disconnectDb, withTeam } from "@crm/db";
import { prepareTestDatabase } from "@crm/db/testing";
import { closeProducerRedis, closeQueues } from "@crm/jobs";

// At-least-once, for real: a worker process is SIGKILLed while it is saving an import; a second
// worker picks the job up once the lock lapses, and the result must be exactly what an
// uninterrupted import of the same file gives, with no duplicate connections.

let ctx: TTeamContext;
const children: ChildProcess[] = [];

beforeAll(async () => {
  process.env.QUEUE_PREFIX = `{crm-test-${randomUUID()}}`;
  resetServerEnvForTests();
  await prepareTestDatabase();
  const email = `crash-${randomUUID()}@example.test`;
  const { team, userId } = await signUp({ name: "Crash", email, password: "crash test passphrase 2026", teamName: "Crash" });
  ctx = { teamId: team.id, slug: team.slug, teamName: team.name, userId, role: "OWNER" };
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await Promise.all([disconnectDb(), closeQueues(), closeProducerRedis()]);
});

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "main.ts")], {
    env: { ...process.env, WORKER_HEALTH_PORT: "0", NODE_ENV: "test", IMPORT_LOCK_MS: "1500" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  children.push(child);
  return child;
}

async function until<T>(fn: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

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

describe("a worker killed mid-import", () => {
  it("is retried by another worker and ends exactly like an uninterrupted import", async () => {
    const csv = Buffer.from(generateConnectionsCsv({ rows: 30_000, hidden: 7 }));
    const body = () => Readable.from([csv]);

    const reference = await account("reference");
    const ref = await receiveUpload(ctx, { accountId: reference, fileName: "Connections.csv", body: body() }, { queue: false });
    const refSummary = await processImport(ctx.teamId, ref.importId);
    expect(refSummary.status).toBe("COMPLETED");

    const crashed = await account("crashed");
    const first = startWorker();
    const { importId } = await receiveUpload(ctx, { accountId: crashed, fileName: "Connections.csv", body: body() });
    const atKill = await until(
      async () => {
        const s = await getImport(ctx, importId);
        return s.phase === "saving" || s.status === "COMPLETED" ? s.status : undefined;
      },
      60_000,
      "the first worker to reach the saving phase",
    );
    first.kill("SIGKILL");
    expect(atKill).toBe("PROCESSING"); // killed inside the import, before it committed
    await new Promise((r) => first.once("exit", r));

    startWorker();
    const done = await until(
      async () => {
        const s = await getImport(ctx, importId);
        return s.status === "COMPLETED" || s.status === "FAILED" ? s : undefined;
      },
      60_000,
      "the second worker to finish the import",
    );
    expect(done.status).toBe("COMPLETED");
    const pick = (s: TImportSummary) => ({ new: s.new, updated: s.updated, unchanged: s.unchanged, gone: s.gone, rejected: s.rejected, rows: s.rows });
    expect(pick(done)).toEqual(pick(refSummary));

    const [got, want] = await Promise.all([snapshot(crashed), snapshot(reference)]);
    expect(got.rows).toHaveLength(30_000);
    expect(new Set(got.rows.map((r) => r.identityKey)).size).toBe(30_000);
    expect(got.rows).toEqual(want.rows);
    expect(got.events).toEqual(want.events);
  }, 150_000);
});
