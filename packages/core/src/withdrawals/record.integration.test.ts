import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordOutcome } from "../removals/record-outcome";
import { isBudgetRefused, type BudgetRefusedError } from "../removals/refusal";
import { addSeconds, clockAt, dayUsed } from "../removals/removal.test-util";
import { setQueueRules } from "../review/review.test-util";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv } from "../testing/setup";
import { getWithdrawalBudget } from "./budget";
import { recordReviewOutcome } from "./dispatch";
import { recordWithdrawal } from "./record";
import { undoWithdrawal } from "./undo";
import {
  addApprovedWithdrawals,
  countedWithdrawals,
  makeWithdrawalWorld,
  seedWithdrawDays,
  setWithdrawPolicy,
  withdrawItemRow,
  withdrawUsed,
  type TWithdrawalWorld,
} from "./withdrawal.test-util";

// Recording withdrawal outcomes against real Postgres: what each costs and writes, the pacing
// refusals (gap, hour, day, week), duplicates and conflicts, undo, rights and tenant walls.

const T0 = new Date("2026-12-07T10:00:00.000Z"); // a Monday
let w: TWithdrawalWorld;
let other: TWithdrawalWorld;

beforeAll(async () => {
  await startTestEnv();
  w = await makeWithdrawalWorld({ label: "WRecord", count: 20 });
  other = await makeWithdrawalWorld({ label: "WRecordOther", count: 2 });
});
afterAll(stopTestEnv);

let next = 0;
/** A fresh approved withdraw item, with a clock a day apart from the others (no gap or hour applies). */
const fresh = () => {
  const i = next++;
  return { id: w.withdrawItems[i]!, invitationId: w.invitations[i]!, clock: clockAt(addSeconds(T0, i * 86_400)) };
};
const day = (d: Date) => d.toISOString().slice(0, 10);

describe("recordWithdrawal", () => {
  it("withdrawn: counts one, sets the 45 s gap, executes the item and stamps the invitation", async () => {
    const { id, invitationId, clock } = fresh();
    const r = await recordWithdrawal(w.ctx.owner, id, { outcome: "withdrawn" }, clock);
    expect(r.duplicate).toBe(false);
    expect(r.outcome).toMatchObject({ itemId: id, invitationId, outcome: "withdrawn", counted: true });
    expect(r.budget).toMatchObject({ limit: 30, used: 1, remaining: 29, hourUsed: 1, hourlyLimit: 20, weeklyLimit: 150, gapSeconds: 45, blockedBy: "PACE_WAIT" });
    expect(r.budget.nextAllowedAt).toBe(addSeconds(clock.now, 45).toISOString());
    const row = await withdrawItemRow(id);
    expect(row).toMatchObject({ state: "DONE", decision: "REMOVE" });
    expect(row.executedAt).toEqual(clock.now);
    expect(row.withdrawnAt).toEqual(clock.now);
    expect(await withdrawUsed(w, day(clock.now))).toBe(1);
    // Its own allowance: the removal count of the day is untouched.
    expect(await dayUsed(w, day(clock.now))).toBe(0);
  });

  it("the gap: the next withdrawal waits (PACE_WAIT with nextAllowedAt), never below 30 s with jitter", async () => {
    const a = fresh();
    const b = fresh();
    await recordWithdrawal(w.ctx.owner, a.id, { outcome: "withdrawn" }, clockAt(a.clock.now, () => 0));
    const e = (await rejectionOf(recordWithdrawal(w.ctx.owner, b.id, { outcome: "withdrawn" }, clockAt(addSeconds(a.clock.now, 20))))) as BudgetRefusedError;
    expect(isBudgetRefused(e)).toBe(true);
    expect(e.limit).toBe("PACE_WAIT");
    // random 0: 45 s × 0.8 = 36 s.
    expect(e.nextAllowedAt).toEqual(addSeconds(a.clock.now, 36));
    expect(e.message).toMatch(/withdrawals are spaced/);
    const ok = await recordWithdrawal(w.ctx.owner, b.id, { outcome: "withdrawn" }, clockAt(addSeconds(a.clock.now, 36)));
    expect(ok.budget.used).toBe(2);
  });

  it("the hourly ceiling: 20 in the hour, then HOURLY_LIMIT until the first leaves the hour", async () => {
    const h = await makeWithdrawalWorld({ label: "WHour", count: 21 });
    for (let k = 0; k < 20; k++) await recordWithdrawal(h.ctx.owner, h.withdrawItems[k]!, { outcome: "withdrawn" }, clockAt(addSeconds(T0, k * 46)));
    const at = addSeconds(T0, 20 * 46);
    const e = (await rejectionOf(recordWithdrawal(h.ctx.owner, h.withdrawItems[20]!, { outcome: "withdrawn" }, clockAt(at)))) as BudgetRefusedError;
    expect(e.limit).toBe("HOURLY_LIMIT");
    expect(e.nextAllowedAt).toEqual(addSeconds(T0, 3600));
    expect(e.budget).toMatchObject({ hourUsed: 20, used: 20 });
  });

  it("the daily limit: refused at the limit until the next local day, and the count never passes it", async () => {
    const d = await makeWithdrawalWorld({ label: "WDay", count: 3 });
    await setWithdrawPolicy(d, { withdrawDailyLimit: 2 });
    await recordWithdrawal(d.ctx.owner, d.withdrawItems[0]!, { outcome: "withdrawn" }, clockAt(T0));
    await recordWithdrawal(d.ctx.owner, d.withdrawItems[1]!, { outcome: "withdrawn" }, clockAt(addSeconds(T0, 60)));
    const e = (await rejectionOf(recordWithdrawal(d.ctx.owner, d.withdrawItems[2]!, { outcome: "withdrawn" }, clockAt(addSeconds(T0, 120))))) as BudgetRefusedError;
    expect(e.limit).toBe("DAILY_LIMIT");
    expect(e.nextAllowedAt).toEqual(new Date("2026-12-08T00:00:00.000Z"));
    expect(e.message).toMatch(/today's safe limit \(2\)/);
    expect(await withdrawUsed(d, "2026-12-07")).toBe(2);
  });

  it("the weekly ceiling: 5 × the daily limit over the last 7 local days", async () => {
    const k = await makeWithdrawalWorld({ label: "WWeek", count: 1 });
    await setWithdrawPolicy(k, { withdrawDailyLimit: 2 }); // weekly 10
    await seedWithdrawDays(k, { "2026-12-02": 2, "2026-12-03": 2, "2026-12-04": 2, "2026-12-05": 2, "2026-12-06": 2 });
    const e = (await rejectionOf(recordWithdrawal(k.ctx.owner, k.withdrawItems[0]!, { outcome: "withdrawn" }, clockAt(T0)))) as BudgetRefusedError;
    expect(e.limit).toBe("WEEKLY_LIMIT");
    expect(e.nextAllowedAt).toEqual(new Date("2026-12-09T00:00:00.000Z"));
    expect(e.message).toMatch(/10 withdrawals in 7 days/);
  });

  it("accepted: free, done, the decision stays, closedReason says they accepted", async () => {
    const { id, clock } = fresh();
    const r = await recordWithdrawal(w.ctx.owner, id, { outcome: "accepted" }, clock);
    expect(r.outcome).toMatchObject({ outcome: "accepted", counted: false });
    expect(r.budget.used).toBe(0);
    expect(await withdrawItemRow(id)).toMatchObject({ state: "DONE", decision: "REMOVE", closedReason: "accepted", executedAt: null, withdrawnAt: null });
  });

  it("kept: free, decided Keep with keepUntil from the queue's keepMonths", async () => {
    await setQueueRules(w.owner.team.id, { keepMonths: 3 });
    const { id, clock } = fresh();
    const r = await recordWithdrawal(w.ctx.owner, id, { outcome: "kept" }, clock);
    expect(r.outcome).toMatchObject({ outcome: "kept", counted: false });
    const row = await withdrawItemRow(id);
    expect(row).toMatchObject({ state: "DONE", decision: "KEEP" });
    expect(row.keepUntil).toEqual(new Date("2027-03-" + day(clock.now).slice(8, 10) + "T10:00:00.000Z"));
  });

  it("a double confirmation counts once; a different outcome while one is live is a 409", async () => {
    const { id, clock } = fresh();
    const first = await recordWithdrawal(w.ctx.owner, id, { outcome: "withdrawn" }, clock);
    const again = await recordWithdrawal(w.ctx.owner, id, { outcome: "withdrawn" }, clockAt(addSeconds(clock.now, 2)));
    expect(again.duplicate).toBe(true);
    expect(again.outcome.id).toBe(first.outcome.id);
    expect(await withdrawUsed(w, day(clock.now))).toBe(1);
    const e = await rejectionOf(recordWithdrawal(w.ctx.owner, id, { outcome: "accepted" }, clockAt(addSeconds(clock.now, 3))));
    expect(e).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Already recorded as “Withdrawn”/) });
  });

  it("an item not approved is a 409; another kind or team is a 404; a stranger's outcome code is a 400", async () => {
    const open = await addApprovedWithdrawals(w, w.account.id, [{}], "OPEN");
    expect(await rejectionOf(recordWithdrawal(w.ctx.owner, open.items[0]!, { outcome: "withdrawn" }, clockAt(T0)))).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/not approved/) });
    // A removal item is not a withdrawal.
    expect(await rejectionOf(recordWithdrawal(w.ctx.owner, w.items[0]!, { outcome: "withdrawn" }, clockAt(T0)))).toMatchObject({ code: "NOT_FOUND" });
    // Team B's owner on team A's item, and team A on team B's.
    expect(await rejectionOf(recordWithdrawal(other.ctx.owner, w.withdrawItems[19]!, { outcome: "withdrawn" }, clockAt(T0)))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(undoWithdrawal(other.ctx.owner, "00000000-0000-0000-0000-000000000000", { linkedInTouched: false }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(getWithdrawalBudget(other.ctx.owner, w.account.id))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(recordWithdrawal(w.ctx.owner, w.withdrawItems[19]!, { outcome: "removed" }))).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/"withdrawn", "accepted", "kept"/) });
  });

  it("only the account's owner records (403), and nothing is written", async () => {
    const id = w.withdrawItems[18]!;
    expect(await rejectionOf(recordWithdrawal(w.ctx.teammate, id, { outcome: "withdrawn" }, clockAt(T0)))).toMatchObject({ code: "FORBIDDEN" });
    expect(await rejectionOf(recordWithdrawal(w.ctx.admin, id, { outcome: "accepted" }, clockAt(T0)))).toMatchObject({ code: "FORBIDDEN" });
    expect((await withdrawItemRow(id)).state).toBe("APPROVED");
  });
});

describe("recordWithdrawal on a settled invitation", () => {
  it("refuses withdrawn (409, nothing counted) once an archive showed them accepted; accepted is still recorded", async () => {
    const { id, invitationId, clock } = fresh();
    await ownerQuery(`UPDATE "PendingInvitation" SET status = 'ACCEPTED', "statusChangedAt" = '2026-12-01' WHERE id = $1`, [invitationId]);
    expect(await rejectionOf(recordWithdrawal(w.ctx.owner, id, { outcome: "withdrawn" }, clock))).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/accepted the invitation in your export of 2026-12-01/) });
    expect(await withdrawUsed(w, day(clock.now))).toBe(0);
    expect((await recordWithdrawal(w.ctx.owner, id, { outcome: "accepted" }, clock)).outcome.outcome).toBe("accepted");
  });
});

describe("recordReviewOutcome (the API's dispatcher)", () => {
  it("sends a withdraw item to the withdrawal and a removal to the removal, and refuses codes of the other kind", async () => {
    const { id, clock } = fresh();
    const r = await recordReviewOutcome(w.ctx.owner, id, { outcome: "accepted" }, clock);
    expect(r.kind).toBe("withdraw_invitation");
    const removal = w.items[1]!;
    expect(await rejectionOf(recordReviewOutcome(w.ctx.owner, removal, { outcome: "withdrawn" }))).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/removal: outcome must be one of "removed", "not_found", "kept"/) });
    expect(await rejectionOf(recordReviewOutcome(w.ctx.owner, w.withdrawItems[17]!, { outcome: "not_found" }))).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/"withdrawn", "accepted", "kept"/) });
    const rr = await recordReviewOutcome(w.ctx.owner, removal, { outcome: "not_found" }, clockAt(T0));
    expect(rr.kind).toBe("remove");
    expect(await rejectionOf(recordReviewOutcome(other.ctx.owner, id, { outcome: "withdrawn" }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("removals and withdrawals keep separate allowances on the same lock", async () => {
    const s = await makeWithdrawalWorld({ label: "WShared", count: 1, removals: 1 });
    await recordOutcome(s.ctx.owner, s.items[0]!, { outcome: "removed" }, clockAt(T0));
    // The removal's 90 s gap does not hold the withdrawal back.
    const r = await recordWithdrawal(s.ctx.owner, s.withdrawItems[0]!, { outcome: "withdrawn" }, clockAt(addSeconds(T0, 1)));
    expect(r.budget.used).toBe(1);
    expect(await dayUsed(s, "2026-12-07")).toBe(1);
    expect(await withdrawUsed(s, "2026-12-07")).toBe(1);
  });
});

describe("undoWithdrawal", () => {
  it("LinkedIn untouched: the allowance, the gap and the invitation come back; the item is approved again", async () => {
    const u = await makeWithdrawalWorld({ label: "WUndo", count: 3 });
    const r = await recordWithdrawal(u.ctx.owner, u.withdrawItems[0]!, { outcome: "withdrawn" }, clockAt(T0));
    const undone = await undoWithdrawal(u.ctx.owner, r.outcome.id, { linkedInTouched: false }, clockAt(addSeconds(T0, 30)));
    expect(undone.budgetReturned).toBe(true);
    expect(undone.outcome).toMatchObject({ counted: false, undoUntil: null });
    expect(undone.budget).toMatchObject({ used: 0, nextAllowedAt: null });
    expect(await withdrawItemRow(u.withdrawItems[0]!)).toMatchObject({ state: "APPROVED", decision: "REMOVE", executedAt: null, withdrawnAt: null });
    expect(await countedWithdrawals(u)).toBe(0);
    // Once undone, a second undo is a conflict.
    expect(await rejectionOf(undoWithdrawal(u.ctx.owner, r.outcome.id, { linkedInTouched: false }, clockAt(addSeconds(T0, 40))))).toMatchObject({ code: "CONFLICT" });
  });

  it("LinkedIn touched: still counted; the item is approved again; after 10 minutes it stands", async () => {
    const u = await makeWithdrawalWorld({ label: "WUndo2", count: 3 });
    const r = await recordWithdrawal(u.ctx.owner, u.withdrawItems[0]!, { outcome: "withdrawn" }, clockAt(T0));
    expect(await rejectionOf(undoWithdrawal(u.ctx.owner, r.outcome.id, {}, clockAt(addSeconds(T0, 5))))).toMatchObject({ code: "VALIDATION" });
    expect(await rejectionOf(undoWithdrawal(u.ctx.teammate, r.outcome.id, { linkedInTouched: true }, clockAt(addSeconds(T0, 5))))).toMatchObject({ code: "FORBIDDEN" });
    const undone = await undoWithdrawal(u.ctx.owner, r.outcome.id, { linkedInTouched: true }, clockAt(addSeconds(T0, 10)));
    expect(undone.budgetReturned).toBe(false);
    expect(undone.budget.used).toBe(1);
    // Another team never reaches the outcome, even with its real id.
    const again = await recordWithdrawal(u.ctx.owner, u.withdrawItems[2]!, { outcome: "kept" }, clockAt(addSeconds(T0, 20)));
    expect(await rejectionOf(undoWithdrawal(other.ctx.owner, again.outcome.id, {}, clockAt(addSeconds(T0, 21))))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(recordReviewOutcome(other.ctx.owner, u.withdrawItems[1]!, { outcome: "withdrawn" }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await withdrawItemRow(u.withdrawItems[0]!)).state).toBe("APPROVED");
    const late = await recordWithdrawal(u.ctx.owner, u.withdrawItems[1]!, { outcome: "accepted" }, clockAt(addSeconds(T0, 60)));
    expect(await rejectionOf(undoWithdrawal(u.ctx.owner, late.outcome.id, {}, clockAt(addSeconds(T0, 60 + 600))))).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/10 minutes/) });
  });

  it("a kept undone restores the approval as it was", async () => {
    const u = await makeWithdrawalWorld({ label: "WUndo3", count: 1 });
    const r = await recordWithdrawal(u.ctx.owner, u.withdrawItems[0]!, { outcome: "kept" }, clockAt(T0));
    await undoWithdrawal(u.ctx.owner, r.outcome.id, {}, clockAt(addSeconds(T0, 5)));
    expect(await withdrawItemRow(u.withdrawItems[0]!)).toMatchObject({ state: "APPROVED", decision: "REMOVE", keepUntil: null, decisionReason: null });
    const [{ n }] = (await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE "targetId" = $1 AND action LIKE 'withdrawal.%'`, [u.withdrawItems[0]!])) as [{ n: number }];
    expect(n).toBe(2);
  });
});
