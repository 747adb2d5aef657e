import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv } from "../testing/setup";
import { castVote, retractVote } from "./cast-vote";
import { decideItem } from "./decide-item";
import { undoReview } from "./undo-review";
import { addConnections, addItems, makeReviewWorld, setQueueRules, type TReviewWorld } from "./review.test-util";

// Votes, decisions and undo against real Postgres: versions, rights, tenant walls, audit rows.

let w: TReviewWorld;
let other: TReviewWorld;

beforeAll(async () => {
  await startTestEnv();
  [w, other] = [await makeReviewWorld("Write"), await makeReviewWorld("WriteOther")];
});
afterAll(stopTestEnv);

async function items(world: TReviewWorld, accountId: string, n: number, people: Parameters<typeof addConnections>[2] = []) {
  const conns = await addConnections(world, accountId, Array.from({ length: n }, (_, i) => people[i] ?? { firstName: "Pat", lastName: `Item${i}` }));
  return addItems(world.owner.team.id, conns.map((connectionId) => ({ connectionId, accountId })));
}
const row = async (id: string) => (await ownerQuery(`SELECT * FROM "ReviewItem" WHERE id = $1`, [id]))[0]!;
const comparable = (r: Record<string, unknown>) => {
  const { version: _v, updatedAt: _u, lastChange: _l, ...rest } = r;
  return rest;
};
const audits = (teamId: string, targetId: string) =>
  ownerQuery<{ action: string; metadata: Record<string, unknown>; actorUserId: string }>(`SELECT action, metadata, "actorUserId" FROM "AuditLog" WHERE "teamId" = $1 AND "targetId" = $2 ORDER BY "createdAt", id`, [teamId, targetId]);

describe("castVote", () => {
  it("records the vote, bumps the version, audits, and tells the owner once a day", async () => {
    const [id] = await items(w, w.accounts.a.id, 1);
    const s = await castVote(w.ctx.teammate, id!, { choice: "remove", reason: "spam" });
    expect(s).toMatchObject({ id, version: 2, myVote: "remove", state: "open" });
    expect(s.votes).toHaveLength(1);
    const again = await castVote(w.ctx.teammate, id!, { choice: "keep", version: 2 });
    expect(again).toMatchObject({ version: 3, myVote: "keep" });
    expect((await row(id!)).voteCount).toBe(1);
    await castVote(w.ctx.admin, id!, { choice: "remove" });
    expect((await row(id!)).voteCount).toBe(2);
    const a = await audits(w.owner.team.id, id!);
    expect(a.map((x) => x.action)).toEqual(["review.vote", "review.vote", "review.vote"]);
    expect(a[1]!.metadata).toMatchObject({ before: "remove", after: "keep", choice: "keep" });
    const awaiting = await ownerQuery(`SELECT "dedupeKey" FROM "Notification" WHERE "teamId" = $1 AND "userId" = $2 AND kind = 'awaiting_decision'`, [w.owner.team.id, w.owner.userId]);
    expect(awaiting).toHaveLength(1);
    expect(awaiting[0]!.dedupeKey).toMatch(new RegExp(`^awaiting:${w.accounts.a.id}:\\d{4}-\\d{2}-\\d{2}$`));
    const retracted = await retractVote(w.ctx.admin, id!);
    expect(retracted.votes.map((v) => v.user.id)).toEqual([w.teammate.userId]);
    expect((await row(id!)).voteCount).toBe(1);
    expect(await rejectionOf(retractVote(w.ctx.admin, id!))).toMatchObject({ code: "CONFLICT" });
    expect(await rejectionOf(undoReview(w.ctx.admin, { itemId: id! }))).toMatchObject({ code: "CONFLICT" }); // the retracted vote left nothing to undo
  });

  it("the owner voting on their own account is not told about it", async () => {
    const [id] = await items(w, w.accounts.b.id, 1);
    await castVote(w.ctx.teammate, id!, { choice: "keep" }); // the teammate owns account b
    expect(await ownerQuery(`SELECT 1 FROM "Notification" WHERE "userId" = $1 AND kind = 'awaiting_decision'`, [w.teammate.userId])).toHaveLength(0);
  });

  it("refuses bad input with the field, a stale version with what changed, and a decided item", async () => {
    const [id] = await items(w, w.accounts.a.id, 1);
    expect(await rejectionOf(castVote(w.ctx.teammate, id!, { choice: "delete" }))).toMatchObject({ code: "VALIDATION", details: { field: "choice" } });
    expect(await rejectionOf(castVote(w.ctx.teammate, id!, { choice: "snooze", snoozeUntil: "2020-01-01" }))).toMatchObject({ code: "VALIDATION", details: { field: "snoozeUntil" } });
    expect(await rejectionOf(castVote(w.ctx.teammate, id!, { choice: "keep", reason: "x".repeat(600) }))).toMatchObject({ code: "VALIDATION", details: { field: "reason" } });
    await castVote(w.ctx.teammate, id!, { choice: "remove", version: 1 });
    const stale = await rejectionOf(castVote(w.ctx.admin, id!, { choice: "keep", version: 1 }));
    expect(stale).toMatchObject({ code: "CONFLICT" });
    expect(stale.message).toMatch(new RegExp(`${w.teammate.name} voted Remove (\\d+ s ago|just now)`));
    await decideItem(w.ctx.owner, id!, { choice: "remove", version: 2 });
    const decided = await rejectionOf(castVote(w.ctx.admin, id!, { choice: "keep" }));
    expect(decided).toMatchObject({ code: "CONFLICT" });
    expect(decided.message).toContain(`already decided: Approved for removal by ${w.owner.name}`);
  });

  it("another team's item is NOT_FOUND, never FORBIDDEN", async () => {
    const [theirs] = await items(other, other.accounts.a.id, 1);
    expect(await rejectionOf(castVote(w.ctx.teammate, theirs!, { choice: "keep" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(decideItem(w.ctx.owner, theirs!, { choice: "keep", version: 1 }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(undoReview(w.ctx.owner, { itemId: theirs! }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(castVote(w.ctx.teammate, "not a real id!", { choice: "keep" }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await row(theirs!)).version).toBe(1);
  });
});

describe("decideItem", () => {
  it("only the account's owner decides; admins only where the team allows it", async () => {
    const [id] = await items(w, w.accounts.a.id, 1);
    const member = await rejectionOf(decideItem(w.ctx.teammate, id!, { choice: "keep", version: 1 }));
    expect(member).toMatchObject({ code: "FORBIDDEN" });
    expect(member.message).toContain(`Only ${w.owner.name}, who owns ${w.accounts.a.label}`);
    expect(await rejectionOf(decideItem(w.ctx.admin, id!, { choice: "keep", version: 1 }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await rejectionOf(decideItem(w.ctx.owner, id!, { choice: "keep" } as never))).toMatchObject({ code: "VALIDATION", details: { field: "version" } });
    await setQueueRules(w.owner.team.id, { adminsDecide: true });
    try {
      expect(await decideItem(w.ctx.admin, id!, { choice: "keep", version: 1 })).toMatchObject({ state: "done", decision: "keep", decidedBy: { id: w.admin.userId } });
      expect(await rejectionOf(decideItem(w.ctx.teammate, id!, { choice: "keep", version: 2 }))).toMatchObject({ code: "FORBIDDEN" });
    } finally {
      await setQueueRules(w.owner.team.id, { adminsDecide: false });
    }
  });

  it("remove approves, keep is done until keepMonths, follow-up makes a reminder, snooze sets the date; voters are told", async () => {
    const [r, k, f, s] = await items(w, w.accounts.a.id, 4, [{ firstName: "Rae", lastName: "Remove" }, {}, {}, {}]);
    await castVote(w.ctx.teammate, r!, { choice: "keep" });
    const removed = await decideItem(w.ctx.owner, r!, { choice: "remove", reason: "not our market", version: 2 });
    expect(removed).toMatchObject({ state: "approved", decision: "remove", decisionReason: "not our market", executedAt: null, canUndo: true });
    const kept = await decideItem(w.ctx.owner, k!, { choice: "keep", version: 1 });
    expect(kept.state).toBe("done");
    const keepUntil = (await row(k!)).keepUntil as Date;
    expect(keepUntil.getTime() - Date.now()).toBeGreaterThan(170 * 86_400_000);
    await decideItem(w.ctx.owner, f!, { choice: "follow_up", reason: "ask about Q3", followUpOn: null, version: 1 });
    const rem = await ownerQuery(`SELECT note, "dueAt", "createdById", "sourceItemId" FROM "Reminder" WHERE "sourceItemId" = $1`, [f!]);
    expect(rem).toHaveLength(1);
    expect(rem[0]).toMatchObject({ note: "ask about Q3", createdById: w.owner.userId });
    expect(Math.round(((rem[0]!.dueAt as Date).getTime() - Date.now()) / 86_400_000)).toBe(7);
    const until = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    expect(await decideItem(w.ctx.owner, s!, { choice: "snooze", snoozeUntil: until, version: 1 })).toMatchObject({ state: "snoozed", snoozedUntil: `${until}T00:00:00.000Z` });
    // A snoozed item can be decided early.
    expect(await decideItem(w.ctx.owner, s!, { choice: "keep", version: 2 })).toMatchObject({ state: "done" });
    const told = await ownerQuery<{ data: Record<string, unknown>; actorId: string }>(`SELECT data, "actorId" FROM "Notification" WHERE "userId" = $1 AND kind = 'decided' AND "itemId" = $2`, [w.teammate.userId, r!]);
    expect(told).toEqual([{ actorId: w.owner.userId, data: { connectionName: "Rae Remove", choice: "remove", voted: "keep" } }]);
    const a = await audits(w.owner.team.id, r!);
    expect(a.at(-1)).toMatchObject({ action: "review.decide", metadata: { before: "open", after: "approved", choice: "remove", reason: "not our market" } });
  });

  it("two decisions with the same version at once: exactly one wins, the other is told what changed", async () => {
    const [id] = await items(w, w.accounts.a.id, 1);
    const results = await Promise.allSettled([
      decideItem(w.ctx.owner, id!, { choice: "keep", version: 1 }),
      decideItem(w.ctx.owner, id!, { choice: "remove", version: 1 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: "CONFLICT" });
    expect(lost.reason.message).toMatch(new RegExp(`${w.owner.name} decided (Keep|Remove)`));
    expect((await row(id!)).version).toBe(2);
    expect(await ownerQuery(`SELECT 1 FROM "ReviewChange" WHERE "itemId" = $1`, [id!])).toHaveLength(1);
  });
});

describe("undoReview on one item", () => {
  it("restores exactly what the decision changed, deletes its reminder, and audits", async () => {
    const [id] = await items(w, w.accounts.a.id, 1);
    await castVote(w.ctx.teammate, id!, { choice: "follow_up" });
    const before = await row(id!);
    await decideItem(w.ctx.owner, id!, { choice: "follow_up", reason: "call", version: 2 });
    expect(await ownerQuery(`SELECT 1 FROM "Reminder" WHERE "sourceItemId" = $1`, [id!])).toHaveLength(1);
    const r = await undoReview(w.ctx.owner, { itemId: id! });
    expect(r).toMatchObject({ restored: 1, item: { state: "open", decision: null, version: 4 } });
    expect(comparable(await row(id!))).toEqual(comparable(before));
    expect(await ownerQuery(`SELECT 1 FROM "Reminder" WHERE "sourceItemId" = $1`, [id!])).toHaveLength(0);
    expect((await ownerQuery(`SELECT "undoneAt" FROM "ReviewChange" WHERE "itemId" = $1 AND before->>'action' = 'decide'`, [id!]))[0]!.undoneAt).toBeInstanceOf(Date);
    expect((await audits(w.owner.team.id, id!)).at(-1)).toMatchObject({ action: "review.undo", actorUserId: w.owner.userId, metadata: { undid: "decide", before: { state: "done" }, after: { state: "open" } } });
    // Nothing left for the owner to undo (no vote of theirs); the teammate undoes their vote.
    expect(await rejectionOf(undoReview(w.ctx.owner, { itemId: id! }))).toMatchObject({ code: "CONFLICT" });
    const mine = await undoReview(w.ctx.teammate, { itemId: id! });
    expect(mine.item).toMatchObject({ myVote: null, votes: [] });
    expect((await row(id!)).voteCount).toBe(0);
  });

  it("a member cannot undo the owner's decision; an executed removal is final; a later change is named", async () => {
    const [id, id2] = await items(w, w.accounts.a.id, 2);
    await decideItem(w.ctx.owner, id!, { choice: "remove", version: 1 });
    expect(await rejectionOf(undoReview(w.ctx.teammate, { itemId: id! }))).toMatchObject({ code: "CONFLICT" });
    await ownerQuery(`UPDATE "ReviewItem" SET "executedAt" = now() WHERE id = $1`, [id!]);
    expect(await rejectionOf(undoReview(w.ctx.owner, { itemId: id! }))).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("carried out") });
    await decideItem(w.ctx.owner, id2!, { choice: "remove", version: 1 });
    await ownerQuery(`UPDATE "ReviewItem" SET version = version + 1, "lastChange" = $2 WHERE id = $1`, [id2!, JSON.stringify({ actorId: "x", actorName: "Ana", action: "decided", choice: "keep", at: new Date().toISOString() })]);
    expect(await rejectionOf(undoReview(w.ctx.owner, { itemId: id2! }))).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Ana decided Keep") });
  });
});
