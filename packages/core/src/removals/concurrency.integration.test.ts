import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@crm/db";
import { ownerQuery, startTestEnv, stopTestEnv } from "../testing/setup";
import { fireRemovals, warmPool, type TReplicaResult } from "./concurrency.replica";
import { addSeconds, countedRemovals, dayUsed, makeRemovalWorld, seedHistory, setRemovalPolicy, type TRemovalWorld } from "./removal.test-util";

// Many "Removed" at once against one account (tabs, devices, the API, web replicas): the account's
// lock and the conditional day count let exactly what the policy allows through, whatever the
// interleaving. The clock is injected; the gap (90 s, jitter fixed at 0.5) is stepped over.

const T0 = new Date("2026-12-09T08:00:00.000Z"); // a Wednesday
const GAP_STEP = 91; // seconds: just past the 90 s gap

// 50 transactions at once wait for one lock, at most a pool's worth at the lock itself and the
// rest for a connection (recordOutcome runs on the lean pg pool, which waits up to 10 s; Prisma's
// gave up after 2 s). 15 per process keeps two replicas well inside Postgres's connection limit
// while still putting many transactions at the lock at once.
const POOL = "15";

beforeAll(async () => {
  process.env.DATABASE_POOL_SIZE = POOL;
  await startTestEnv();
  await warmPool(Number(POOL));
});
afterAll(stopTestEnv);

/** The world's items still approved (not yet removed), up to `n`. */
async function approved(w: TRemovalWorld, n = 50): Promise<string[]> {
  const rows = await ownerQuery<{ id: string }>(`SELECT id FROM "ReviewItem" WHERE id = ANY($1::text[]) AND state = 'APPROVED' ORDER BY id LIMIT $2`, [w.items, n]);
  return rows.map((r) => r.id);
}

async function fire(w: TRemovalWorld, at: Date): Promise<TReplicaResult> {
  const r = await fireRemovals({ ctx: w.ctx.owner, itemIds: await approved(w), now: at.toISOString() });
  expect(r.errors).toEqual([]);
  return r;
}

/** The most counted removals of the account inside any rolling hour. */
async function maxPerHour(w: TRemovalWorld): Promise<number> {
  const [row] = await ownerQuery<{ n: number }>(
    `SELECT coalesce(max((SELECT count(*) FROM "RemovalOutcome" p WHERE p."accountId" = o."accountId" AND p.counted
                           AND p."createdAt" > o."createdAt" - interval '1 hour' AND p."createdAt" <= o."createdAt")), 0)::int AS n
       FROM "RemovalOutcome" o WHERE o."accountId" = $1 AND o.counted`,
    [w.account.id],
  );
  return row!.n;
}

describe("50 concurrent confirmations against one account", () => {
  it("at the same instant: exactly one succeeds, 49 wait for the gap with nextAllowedAt", async () => {
    const w = await makeRemovalWorld({ label: "Burst", count: 50 });
    const r = await fire(w, T0);
    expect(r.ok).toBe(1);
    expect(r.refused).toEqual({ PACE_WAIT: 49 });
    expect(new Set(r.nextAllowedAt)).toEqual(new Set([addSeconds(T0, 90).toISOString()]));
    expect(await dayUsed(w, "2026-12-09")).toBe(1);
    expect(await countedRemovals(w)).toBe(1);
  });

  it("stepping past the gap each time: the daily limit (3) is never exceeded", async () => {
    const w = await makeRemovalWorld({ label: "Daily", count: 55 });
    await setRemovalPolicy(w, { dailyLimit: 3 });
    const oks: number[] = [];
    for (let k = 0; k < 5; k++) {
      const r = await fire(w, addSeconds(T0, k * GAP_STEP));
      oks.push(r.ok);
      if (k >= 3) {
        expect(r.refused).toEqual({ DAILY_LIMIT: 50 });
        expect(new Set(r.nextAllowedAt)).toEqual(new Set(["2026-12-10T00:00:00.000Z"]));
      }
    }
    expect(oks).toEqual([1, 1, 1, 0, 0]);
    expect(await dayUsed(w, "2026-12-09")).toBe(3);
    expect(await countedRemovals(w)).toBe(3);
    // The next local day allows again.
    expect((await fire(w, new Date("2026-12-10T00:00:00.000Z"))).ok).toBe(1);
  });

  it("the hourly ceiling (12) holds with the last hour's removals seeded", async () => {
    const w = await makeRemovalWorld({ label: "Hourly", count: 55 });
    await setRemovalPolicy(w, { dailyLimit: 25, hourlyLimit: 12 });
    // 12 removals between 55 and 11 minutes ago, 4 minutes apart.
    const past = Array.from({ length: 12 }, (_, i) => ({ at: addSeconds(T0, -55 * 60 + i * 240), localDate: "2026-12-09" }));
    await seedHistory(w, { days: { "2026-12-09": 12 }, removedAt: past });
    const blocked = await fire(w, T0);
    expect(blocked.ok).toBe(0);
    expect(blocked.refused).toEqual({ HOURLY_LIMIT: 50 });
    expect(new Set(blocked.nextAllowedAt)).toEqual(new Set([addSeconds(T0, 5 * 60).toISOString()])); // the oldest leaves the hour
    const once = await fire(w, addSeconds(T0, 5 * 60));
    expect(once.ok).toBe(1);
    // The gap has passed, but the hour is full again until the second oldest leaves it.
    const again = await fire(w, addSeconds(T0, 5 * 60 + GAP_STEP));
    expect(again.ok).toBe(0);
    expect(again.refused).toEqual({ HOURLY_LIMIT: 50 });
    expect(new Set(again.nextAllowedAt)).toEqual(new Set([addSeconds(T0, 9 * 60).toISOString()]));
    expect((await fire(w, addSeconds(T0, 9 * 60))).ok).toBe(1);
    expect(await maxPerHour(w)).toBe(12);
    expect(await dayUsed(w, "2026-12-09")).toBe(14);
  });

  it("the weekly ceiling (20) holds with the week's days seeded, and reopens on the right local day", async () => {
    const w = await makeRemovalWorld({ label: "Weekly", count: 55 });
    await setRemovalPolicy(w, { dailyLimit: 10, weeklyLimit: 20 });
    await seedHistory(w, { days: { "2026-12-03": 5, "2026-12-05": 5, "2026-12-07": 5, "2026-12-08": 5 } });
    const blocked = await fire(w, T0);
    expect(blocked.refused).toEqual({ WEEKLY_LIMIT: 50 });
    // 12-10's window (12-04 … 12-10) no longer holds 12-03's five.
    expect(new Set(blocked.nextAllowedAt)).toEqual(new Set(["2026-12-10T00:00:00.000Z"]));
    const start = new Date("2026-12-10T00:00:00.000Z");
    const oks: number[] = [];
    let last: TReplicaResult | undefined;
    for (let k = 0; k < 6; k++) {
      last = await fire(w, addSeconds(start, k * GAP_STEP));
      oks.push(last.ok);
    }
    expect(oks).toEqual([1, 1, 1, 1, 1, 0]);
    expect(last!.refused).toEqual({ WEEKLY_LIMIT: 50 });
    // 12-11's window still sums to 20; 12-12's (12-06 … 12-12) to 15.
    expect(new Set(last!.nextAllowedAt)).toEqual(new Set(["2026-12-12T00:00:00.000Z"]));
    expect(await dayUsed(w, "2026-12-10")).toBe(5);
  });
});

describe("two replicas (two Node processes, 25 confirmations each)", () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  });

  /** A replica process and a function that sends it one job and resolves with its answer. */
  async function startReplica(): Promise<(job: object) => Promise<TReplicaResult>> {
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "concurrency.replica.ts")], {
      env: { ...process.env, NODE_ENV: "test", DATABASE_POOL_SIZE: POOL },
      stdio: ["pipe", "pipe", "pipe"],
    });
    children.push(child);
    let stderr = "";
    child.stderr!.on("data", (b: Buffer) => (stderr += b.toString()));
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const nextLine = async () => {
      const l = await lines.next();
      if (l.done) throw new Error(`replica exited: ${stderr}`);
      return l.value;
    };
    expect(await nextLine()).toBe("ready");
    return async (job) => {
      child.stdin!.write(`${JSON.stringify(job)}\n`);
      return JSON.parse(await nextLine()) as TReplicaResult;
    };
  }

  it("never let more through than one account allows, at the same instant or stepping past the gap", async () => {
    await disconnectDb(); // this process's pool of 25 is not needed any more: leave the connections to the replicas
    const w = await makeRemovalWorld({ label: "Replicas", count: 55 });
    await setRemovalPolicy(w, { dailyLimit: 3 });
    const [a, b] = await Promise.all([startReplica(), startReplica()]);
    const perRound: number[] = [];
    for (let k = 0; k < 5; k++) {
      const items = await approved(w);
      const now = addSeconds(T0, k * GAP_STEP).toISOString();
      const [ra, rb] = await Promise.all([a({ ctx: w.ctx.owner, itemIds: items.slice(0, 25), now }), b({ ctx: w.ctx.owner, itemIds: items.slice(25), now })]);
      expect([...ra.errors, ...rb.errors]).toEqual([]);
      expect(ra.ok + rb.ok + Object.values(ra.refused).concat(Object.values(rb.refused)).reduce((x, y) => x + y, 0)).toBe(50);
      if (k === 0) expect((ra.refused.PACE_WAIT ?? 0) + (rb.refused.PACE_WAIT ?? 0)).toBe(49);
      perRound.push(ra.ok + rb.ok);
    }
    expect(perRound).toEqual([1, 1, 1, 0, 0]);
    expect(await dayUsed(w, "2026-12-09")).toBe(3);
    expect(await countedRemovals(w)).toBe(3);
  }, 120_000);
});
