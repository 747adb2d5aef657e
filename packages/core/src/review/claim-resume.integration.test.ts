import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerQuery, startTestEnv, stopTestEnv } from "../testing/setup";
import { claimNextItem } from "./claim-item";
import { addVote, fillQueue, makeReviewWorld, type TReviewWorld } from "./review.test-util";

// The claim resumes after the reviewer's last card (the last of skipIds, or the card they last
// voted on) instead of walking the queue from the start past everything they already voted on,
// and wraps around to the start when nothing after it is free. A queue build gives thousands of
// items one createdAt: within it the order is by id.

let w: TReviewWorld;
let other: TReviewWorld;
let order: string[];

beforeAll(async () => {
  await startTestEnv();
  [w, other] = [await makeReviewWorld("Resume"), await makeReviewWorld("ResumeOther")];
  await fillQueue(w, w.accounts.a.id, 30); // one statement: one createdAt for all 30
  order = (await ownerQuery<{ id: string }>(`SELECT id FROM "ReviewItem" WHERE "teamId" = $1 AND "accountId" = $2 ORDER BY "createdAt", id`, [w.owner.team.id, w.accounts.a.id])).map((r) => r.id);
  expect(new Set((await ownerQuery<{ c: string }>(`SELECT "createdAt"::text AS c FROM "ReviewItem" WHERE id = ANY($1)`, [order])).map((r) => r.c)).size).toBe(1);
});
afterAll(stopTestEnv);

/** Claims until nothing is left, as the one-card flow does (skipIds in the order seen). */
async function claimAll(ctx: TReviewWorld["ctx"]["owner"], first: string[] = []): Promise<string[]> {
  const seen = [...first];
  const got: string[] = [];
  for (let i = 0; i < 40; i++) {
    const card = await claimNextItem(ctx, { accountId: w.accounts.a.id, skipIds: seen.slice(-200) });
    if (!card) return got;
    got.push(card.id);
    seen.push(card.id);
  }
  throw new Error("the claims never ran out");
}

describe("claimNextItem resumes after the last card", () => {
  it("walks one createdAt by id, card after card", async () => {
    expect(await claimAll(w.ctx.admin)).toEqual(order);
  });

  it("a new session resumes after the card last voted on, then wraps around to what was left before it", async () => {
    const r = w.ctx.teammate;
    // Voted on the first ten but the fourth (a teammate held it then), the last vote on the tenth.
    for (const [k, id] of order.slice(0, 10).entries()) if (k !== 3) await addVote(w.owner.team.id, id, r.userId, "REMOVE");
    const got = await claimAll(r);
    expect(got).toEqual([...order.slice(10), order[3]]);
  });

  it("resumes after the last skipped card even when it was decided meanwhile, and ignores another team's id", async () => {
    await ownerQuery(`UPDATE "ReviewItem" SET state = 'DONE' WHERE id = $1`, [order[20]]);
    const next = await claimNextItem(w.ctx.owner, { accountId: w.accounts.a.id, skipIds: [order[20]!] });
    expect(next!.id).toBe(order[21]);
    await ownerQuery(`UPDATE "ReviewItem" SET state = 'OPEN' WHERE id = $1`, [order[20]]);

    const [foreign] = await fillQueue(other, other.accounts.a.id, 1);
    const fromStart = await claimNextItem(w.ctx.owner, { accountId: w.accounts.a.id, skipIds: [foreign!] });
    expect(fromStart!.id).toBe(order[0]);
    // The other team's item is neither claimed nor given back by that call.
    expect(await ownerQuery(`SELECT "claimedById" FROM "ReviewItem" WHERE id = $1`, [foreign])).toEqual([{ claimedById: null }]);
  });
});
