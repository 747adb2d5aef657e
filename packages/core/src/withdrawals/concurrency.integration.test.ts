import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { warmPool } from "../removals/concurrency.replica";
import { recordOutcome } from "../removals/record-outcome";
import { isBudgetRefused } from "../removals/refusal";
import { addSeconds, countedRemovals, dayUsed } from "../removals/removal.test-util";
import { ownerQuery, startTestEnv, stopTestEnv } from "../testing/setup";
import { recordWithdrawal } from "./record";
import { countedWithdrawals, makeWithdrawalWorld, setWithdrawPolicy, withdrawUsed, type TWithdrawalWorld } from "./withdrawal.test-util";

// Many "Withdrawn" at once on different items of one account: the account's lock and the
// conditional withdrawUsed let exactly what the allowance allows through, whatever the
// interleaving; removals fired at the same time wait on the same lock and keep their own count.

const T0 = new Date("2026-12-09T08:00:00.000Z");
const GAP_STEP = 55; // seconds: past the longest jittered gap (45 s × 1.2)
const POOL = "15";

beforeAll(async () => {
  process.env.DATABASE_POOL_SIZE = POOL;
  await startTestEnv();
  await warmPool(Number(POOL));
});
afterAll(stopTestEnv);

type TFired = { ok: number; refused: Record<string, number>; errors: string[] };

async function approved(w: TWithdrawalWorld): Promise<string[]> {
  const rows = await ownerQuery<{ id: string }>(`SELECT id FROM "ReviewItem" WHERE id = ANY($1::text[]) AND state = 'APPROVED' ORDER BY id LIMIT 50`, [w.withdrawItems]);
  return rows.map((r) => r.id);
}

async function fire(w: TWithdrawalWorld, at: Date): Promise<TFired> {
  const ids = await approved(w);
  const settled = await Promise.allSettled(ids.map((id) => recordWithdrawal(w.ctx.owner, id, { outcome: "withdrawn" }, { now: at, random: Math.random })));
  const r: TFired = { ok: 0, refused: {}, errors: [] };
  for (const s of settled) {
    if (s.status === "fulfilled") r.ok++;
    else if (isBudgetRefused(s.reason)) r.refused[s.reason.limit] = (r.refused[s.reason.limit] ?? 0) + 1;
    else r.errors.push(String(s.reason));
  }
  expect(r.errors).toEqual([]);
  return r;
}

describe("concurrent withdrawals against one account", () => {
  it("at the same instant: exactly one succeeds, the rest wait for the gap", async () => {
    const w = await makeWithdrawalWorld({ label: "WBurst", count: 30 });
    const r = await fire(w, T0);
    expect(r.ok).toBe(1);
    expect(r.refused).toEqual({ PACE_WAIT: 29 });
    expect(await withdrawUsed(w, "2026-12-09")).toBe(1);
  });

  it("stepping past the gap each time: the daily limit is never exceeded", async () => {
    const w = await makeWithdrawalWorld({ label: "WDaily", count: 30 });
    await setWithdrawPolicy(w, { withdrawDailyLimit: 3 });
    const oks: number[] = [];
    for (let k = 0; k < 5; k++) oks.push((await fire(w, addSeconds(T0, k * GAP_STEP))).ok);
    expect(oks).toEqual([1, 1, 1, 0, 0]);
    expect(await withdrawUsed(w, "2026-12-09")).toBe(3);
    expect(await countedWithdrawals(w)).toBe(3);
  });

  it("removals and withdrawals fired together each stay within their own limits", async () => {
    const w = await makeWithdrawalWorld({ label: "WMixed", count: 20, removals: 20 });
    const both = await Promise.allSettled([
      ...w.withdrawItems.map((id) => recordWithdrawal(w.ctx.owner, id, { outcome: "withdrawn" }, { now: T0 })),
      ...w.items.map((id) => recordOutcome(w.ctx.owner, id, { outcome: "removed" }, { now: T0 })),
    ]);
    const unexpected = both.filter((s) => s.status === "rejected" && !isBudgetRefused(s.reason));
    expect(unexpected).toEqual([]);
    expect(await countedWithdrawals(w)).toBe(1);
    expect(await countedRemovals(w)).toBe(1);
    expect(await withdrawUsed(w, "2026-12-09")).toBe(1);
    expect(await dayUsed(w, "2026-12-09")).toBe(1);
  });
});
