import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv } from "../testing/setup";
import { castVote } from "./cast-vote";
import { decideItem } from "./decide-item";
import { proposeForReview } from "./propose-item";
import { addConnections, addItems, makeReviewWorld, type TReviewWorld } from "./review.test-util";

// Proposing by hand never silently erases a decision still in force: a Keep before its date, an
// approval not yet executed, a snooze. Reopening one needs `reopenDecided`, starts a new round
// (the old decision and votes stay in history) and writes an audit row; executed items never move.

let w: TReviewWorld;
let ownerName: string;

beforeAll(async () => {
  await startTestEnv();
  w = await makeReviewWorld("Propose");
  [{ name: ownerName }] = (await ownerQuery<{ name: string }>(`SELECT name FROM "User" WHERE id = $1`, [w.owner.userId])) as [{ name: string }];
}, 120_000);
afterAll(stopTestEnv);

const item = async (id: string) =>
  (await ownerQuery<Record<string, unknown>>(`SELECT state::text, round, decision::text, "keepUntil", "voteCount", origin, "executedAt" FROM "ReviewItem" WHERE id = $1`, [id]))[0]!;

describe("proposeForReview and decisions in force", () => {
  it("refuses to erase the owner's Keep, naming who kept it until when; with reopenDecided it starts a new round", async () => {
    const [conn] = await addConnections(w, w.accounts.a.id, [{ firstName: "Kay", lastName: "Kept" }]);
    const [id] = await addItems(w.owner.team.id, [{ connectionId: conn!, accountId: w.accounts.a.id }]);
    await castVote(w.ctx.teammate, id!, { choice: "keep" });
    await decideItem(w.ctx.owner, id!, { choice: "keep", version: 2 });
    const before = await item(id!);
    expect(before).toMatchObject({ state: "DONE", decision: "KEEP", round: 1 });

    const refused = await rejectionOf(proposeForReview(w.ctx.teammate, { kind: "remove", target: { ids: [conn!] }, reason: "changed my mind" }));
    expect(refused).toMatchObject({ code: "CONFLICT", details: { field: "reopenDecided" } });
    const day = (d: unknown) => (d as Date).toISOString().slice(0, 10);
    expect(refused.message).toContain(`Kay Kept — Kept by ${ownerName} on ${new Date().toISOString().slice(0, 10)} until ${day(before.keepUntil)}`);
    expect(await item(id!)).toEqual(before);

    const ok = await proposeForReview(w.ctx.teammate, { kind: "remove", target: { ids: [conn!] }, reason: "changed my mind", reopenDecided: true });
    expect(ok.count).toBe(1);
    expect(await item(id!)).toMatchObject({ state: "OPEN", round: 2, decision: null, keepUntil: null, voteCount: 0, origin: "manual" });
    // The first round's vote is still there, under its round.
    expect(await ownerQuery(`SELECT round, choice::text FROM "ReviewVote" WHERE "itemId" = $1`, [id!])).toEqual([{ round: 1, choice: "KEEP" }]);
    const [audit] = await ownerQuery<{ metadata: Record<string, unknown> }>(`SELECT metadata FROM "AuditLog" WHERE action = 'review.proposed' AND "targetId" = $1`, [id!]);
    expect(audit!.metadata).toMatchObject({ before: "settled", after: "open", beforeState: "DONE", beforeDecision: "KEEP", round: 2, reopenedDecided: true, reason: "changed my mind" });
  });

  it("names approvals and snoozes too, never touches an executed item, and reopens an expired Keep without asking", async () => {
    const people = await addConnections(w, w.accounts.a.id, [
      { firstName: "Abe", lastName: "Approved" },
      { firstName: "Sam", lastName: "Snoozed" },
      { firstName: "Eve", lastName: "Executed" },
      { firstName: "Old", lastName: "Keep" },
      { firstName: "Ned", lastName: "New" },
    ]);
    const snoozedUntil = new Date(Date.now() + 30 * 86_400_000);
    const [approved, snoozed, executed, oldKeep] = await addItems(w.owner.team.id, [
      { connectionId: people[0]!, accountId: w.accounts.a.id, state: "APPROVED", decision: "REMOVE", decidedById: w.owner.userId },
      { connectionId: people[1]!, accountId: w.accounts.a.id, state: "SNOOZED", decision: "SNOOZE", decidedById: w.owner.userId, snoozedUntil },
      { connectionId: people[2]!, accountId: w.accounts.a.id, state: "APPROVED", decision: "REMOVE", decidedById: w.owner.userId, executedAt: new Date() },
      { connectionId: people[3]!, accountId: w.accounts.a.id, state: "DONE", decision: "KEEP", decidedById: w.owner.userId },
    ]);
    await ownerQuery(`UPDATE "ReviewItem" SET "keepUntil" = now() - interval '1 day' WHERE id = $1`, [oldKeep!]);

    const refused = await rejectionOf(proposeForReview(w.ctx.admin, { kind: "remove", target: { ids: people } }));
    expect(refused).toMatchObject({ code: "CONFLICT", details: { field: "reopenDecided" } });
    expect(refused.message).toContain(`Abe Approved — Approved for removal by ${ownerName}`);
    expect(refused.message).toContain(`Sam Snoozed — Snoozed by ${ownerName} on`);
    expect(refused.message).toContain(`until ${snoozedUntil.toISOString().slice(0, 10)}`);
    expect(refused.message).not.toContain("Executed");
    expect(refused.message).not.toContain("Old Keep");
    expect((await item(approved!)).state).toBe("APPROVED");

    const ok = await proposeForReview(w.ctx.admin, { kind: "remove", target: { ids: people }, reopenDecided: true });
    expect(ok.count).toBe(4); // approved, snoozed, the expired Keep and the new one; not the executed one
    expect(await item(approved!)).toMatchObject({ state: "OPEN", round: 2, decision: null });
    expect(await item(snoozed!)).toMatchObject({ state: "OPEN", round: 2, decision: null });
    expect(await item(oldKeep!)).toMatchObject({ state: "OPEN", round: 2, decision: null });
    expect(await item(executed!)).toMatchObject({ state: "APPROVED", round: 1, decision: "REMOVE" });
    const audits = await ownerQuery<{ metadata: Record<string, unknown> }>(
      `SELECT metadata FROM "AuditLog" WHERE action = 'review.proposed' AND "targetId" = ANY($1) ORDER BY metadata->>'beforeState'`, [[approved!, snoozed!, oldKeep!]]);
    expect(audits.map((a) => [a.metadata.beforeState, a.metadata.reopenedDecided])).toEqual([["APPROVED", true], ["DONE", false], ["SNOOZED", true]]);

    // Proposed again while waiting: nothing to do, and nothing to ask.
    expect((await proposeForReview(w.ctx.admin, { kind: "remove", target: { ids: people } })).count).toBe(0);
  });
});
