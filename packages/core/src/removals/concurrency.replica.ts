// A second "web replica" for concurrency.integration.test.ts: its own Node process and its own
// connection pool, recording "Removed" for the items it is sent, all at once, at the instant it is
// sent. Reads one JSON job per stdin line ({ctx, itemIds, now}) and answers one JSON line per job
// ({ok, refused: {code: count}, nextAllowedAt: [...], errors}). Prints "ready" once connected.
// Run: node --import tsx concurrency.replica.ts (env: DATABASE_URL / APP_DATABASE_URL of the test database).
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { disconnectDb, withTeamRaw } from "@crm/db";
import type { TTeamContext } from "../teams/membership";
import { recordOutcome } from "./record-outcome";
import { isBudgetRefused } from "./refusal";

export type TReplicaJob = { ctx: TTeamContext; itemIds: string[]; now: string };
export type TReplicaResult = { ok: number; okItems: string[]; refused: Record<string, number>; nextAllowedAt: string[]; errors: string[] };

/** Fires one confirmation per item concurrently at `now`; shared with the in-process test. */
export async function fireRemovals(job: TReplicaJob): Promise<TReplicaResult> {
  const clock = { now: new Date(job.now), random: () => 0.5 };
  const t0 = performance.now();
  const settled = await Promise.allSettled(
    job.itemIds.map((id) =>
      recordOutcome(job.ctx, id, { outcome: "removed" }, clock).catch((e: unknown) => {
        if (e instanceof Error) e.message += ` after ${Math.round(performance.now() - t0)} ms`;
        throw e;
      }),
    ),
  );
  const r: TReplicaResult = { ok: 0, okItems: [], refused: {}, nextAllowedAt: [], errors: [] };
  settled.forEach((s, i) => {
    if (s.status === "fulfilled") {
      r.ok++;
      r.okItems.push(job.itemIds[i]!);
    } else if (isBudgetRefused(s.reason)) {
      r.refused[s.reason.limit] = (r.refused[s.reason.limit] ?? 0) + 1;
      r.nextAllowedAt.push(s.reason.nextAllowedAt.toISOString());
    } else {
      r.errors.push(s.reason instanceof Error ? s.reason.message : String(s.reason));
    }
  });
  return r;
}

/** Opens the pool's connections first: a cold pool's connects would be timed as lock waits. */
export async function warmPool(connections = 10): Promise<void> {
  await Promise.all(Array.from({ length: connections }, () => withTeamRaw("warm-up", (tx) => tx.$queryRaw`SELECT 1 AS one FROM pg_sleep(0.05)`)));
}

async function main(): Promise<void> {
  await warmPool(Number(process.env.DATABASE_POOL_SIZE ?? 10));
  process.stdout.write("ready\n");
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    process.stdout.write(`${JSON.stringify(await fireRemovals(JSON.parse(line) as TReplicaJob))}\n`);
  }
  await disconnectDb();
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
