import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSeconds, clockAt } from "../removals/removal.test-util";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv } from "../testing/setup";
import { getWithdrawalPolicy, updateWithdrawalPolicy } from "./policy-service";
import { recordWithdrawal } from "./record";
import { getWithdrawalSession } from "./session";
import { makeWithdrawalWorld, setWithdrawPolicy, type TWithdrawalWorld } from "./withdrawal.test-util";

// The withdrawals lane: order (no message first, then oldest), progress, recent outcomes with
// undo, the end of the day; and the policy's one setting.

const T0 = new Date("2026-12-07T10:00:00.000Z");
let w: TWithdrawalWorld;
let other: TWithdrawalWorld;

beforeAll(async () => {
  await startTestEnv();
  w = await makeWithdrawalWorld({
    label: "WSession",
    invites: [
      { name: "Ada With Message", sentAt: new Date("2026-06-01T00:00:00Z"), message: "Hi Ada" },
      { name: "Bob Newer", sentAt: new Date("2026-08-01T00:00:00Z") },
      { name: "Cy Older", sentAt: new Date("2026-07-01T00:00:00Z"), profileUrl: null },
    ],
  });
  other = await makeWithdrawalWorld({ label: "WSessionOther", count: 1 });
});
afterAll(stopTestEnv);

describe("getWithdrawalSession", () => {
  it("shows the owner the oldest invitation without a message first, with both links and the rule", async () => {
    const s = await getWithdrawalSession(w.ctx.owner, w.account.id, { now: T0 });
    expect(s).toMatchObject({ canRun: true, approved: 3, progress: "0 of 30 today, 0 this week", ended: null, recent: [] });
    expect(s.card?.invitation).toMatchObject({ name: "Cy Older", hasMessage: false, sentAt: "2026-07-01T00:00:00.000Z", ageDays: 159 });
    expect(s.card?.link).toEqual({ kind: "search", url: expect.stringContaining("keywords=Cy%20Older") });
    expect(s.card?.sentInvitationsUrl).toBe("https://www.linkedin.com/mynetwork/invitation-manager/sent/");
    expect(s.card?.why.rules[0]).toMatch(/Sent 2026-07-01 without a personal message/);
    expect(s.upNext.map((u) => [u.name, u.hasMessage])).toEqual([["Bob Newer", false], ["Ada With Message", true]]);
    expect(s.upNext[0]!.sentAt).toBe("2026-08-01T00:00:00.000Z");
  });

  it("after a withdrawal: progress, the next card, the recent row with its undo time", async () => {
    const first = (await getWithdrawalSession(w.ctx.owner, w.account.id, { now: T0 })).card!;
    await recordWithdrawal(w.ctx.owner, first.itemId, { outcome: "withdrawn" }, clockAt(T0));
    const s = await getWithdrawalSession(w.ctx.owner, w.account.id, { now: addSeconds(T0, 5) });
    expect(s.progress).toBe("1 of 30 today, 1 this week");
    expect(s.approved).toBe(2);
    expect(s.card?.invitation.name).toBe("Bob Newer");
    expect(s.budget.blockedBy).toBe("PACE_WAIT");
    expect(s.recent).toEqual([expect.objectContaining({ name: "Cy Older", outcome: "withdrawn", undoUntil: addSeconds(T0, 600).toISOString(), undone: false })]);
  });

  it("a teammate sees the progress but no card; the daily limit ends the lane; another team gets 404", async () => {
    const t = await getWithdrawalSession(w.ctx.teammate, w.account.id, { now: addSeconds(T0, 5) });
    expect(t).toMatchObject({ canRun: false, card: null, approved: 2, upNext: [] });
    await setWithdrawPolicy(w, { withdrawDailyLimit: 1 });
    const s = await getWithdrawalSession(w.ctx.owner, w.account.id, { now: addSeconds(T0, 60) });
    expect(s.ended).toMatchObject({ reason: "DAILY_LIMIT", resetsAt: "2026-12-08T00:00:00.000Z" });
    expect(s.card).toBeNull();
    expect(await rejectionOf(getWithdrawalSession(other.ctx.owner, w.account.id))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("getWithdrawalSession: only invitations still pending", () => {
  it("neither counts nor offers an approved item whose invitation an archive showed accepted or gone", async () => {
    const m = await makeWithdrawalWorld({
      label: "WSessionMoot",
      invites: [{ name: "Acc Accepted", sentAt: new Date("2026-05-01T00:00:00Z") }, { name: "Gus Gone", sentAt: new Date("2026-05-02T00:00:00Z") }, { name: "Pia Pending" }],
    });
    await ownerQuery(`UPDATE "PendingInvitation" SET status = 'ACCEPTED', "statusChangedAt" = now() WHERE id = $1`, [m.invitations[0]]);
    await ownerQuery(`UPDATE "PendingInvitation" SET status = 'GONE', "statusChangedAt" = now() WHERE id = $1`, [m.invitations[1]]);
    const s = await getWithdrawalSession(m.ctx.owner, m.account.id, { now: T0 });
    expect({ approved: s.approved, card: s.card?.invitation.name, upNext: s.upNext }).toEqual({ approved: 1, card: "Pia Pending", upNext: [] });
    await ownerQuery(`UPDATE "PendingInvitation" SET status = 'ACCEPTED' WHERE id = $1`, [m.invitations[2]]);
    const none = await getWithdrawalSession(m.ctx.owner, m.account.id, { now: T0 });
    expect({ approved: none.approved, card: none.card, ended: none.ended?.reason }).toEqual({ approved: 0, card: null, ended: "EMPTY" });
  });
});

describe("withdrawal policy", () => {
  it("everyone reads it; only the owner changes it; above 30 needs the acknowledgement; bounds 1–60", async () => {
    const p = await getWithdrawalPolicy(other.ctx.teammate, other.account.id);
    expect(p).toMatchObject({ dailyLimit: 30, defaultDailyLimit: 30, hardCap: 60, canEdit: false, warning: null, weeklyLimit: 150 });
    expect(await rejectionOf(updateWithdrawalPolicy(other.ctx.teammate, other.account.id, { withdrawDailyLimit: 10 }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await rejectionOf(updateWithdrawalPolicy(other.ctx.owner, other.account.id, { withdrawDailyLimit: 61 }))).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/at most 60/) });
    expect(await rejectionOf(updateWithdrawalPolicy(other.ctx.owner, other.account.id, { withdrawDailyLimit: 40 }))).toMatchObject({ code: "CONFLICT" });
    const saved = await updateWithdrawalPolicy(other.ctx.owner, other.account.id, { withdrawDailyLimit: 40, acknowledgeRisk: true });
    expect(saved).toMatchObject({ dailyLimit: 40, dailyLimitOverridden: true, weeklyLimit: 200, warning: expect.stringMatching(/More than 30/) });
    const back = await updateWithdrawalPolicy(other.ctx.owner, other.account.id, { withdrawDailyLimit: null });
    expect(back).toMatchObject({ dailyLimit: 30, dailyLimitOverridden: false });
    expect(await rejectionOf(updateWithdrawalPolicy(w.ctx.owner, other.account.id, { withdrawDailyLimit: 5 }))).toMatchObject({ code: "NOT_FOUND" });
  });
});
