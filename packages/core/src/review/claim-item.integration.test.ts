import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeamRaw } from "@crm/db";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv } from "../testing/setup";
import { claimNextItem, releaseClaim } from "./claim-item";
import { addMembers, addVote, fillQueue, makeReviewWorld, type TMember, type TReviewWorld } from "./review.test-util";

let w: TReviewWorld;
let other: TReviewWorld;

beforeAll(async () => {
  // Enough connections that many of the 50 claims really run at once (the default pool is 10).
  // Claims run on the lean pg pool (raw-tx.ts); Prisma's pool stays cold, so 25 + a few.
  process.env.DATABASE_POOL_SIZE = "25";
  await startTestEnv();
  [w, other] = [await makeReviewWorld("Claim"), await makeReviewWorld("ClaimOther")];
});
afterAll(stopTestEnv);

describe("claimNextItem", () => {
  it("50 concurrent reviewers never get the same card, and held cards stay theirs", async () => {
    const members: TMember[] = await addMembers(w.owner, 50, "MEMBER", "Concurrent");
    const items = new Set(await fillQueue(w, w.accounts.a.id, 500));
    // Open the pool's connections first, so the claims meet each other, not the connects.
    await Promise.all(members.map(() => withTeamRaw(w.owner.team.id, (tx) => tx.$queryRaw`SELECT 1 AS one FROM pg_sleep(0.05)`)));
    const first = await Promise.all(members.map((m) => claimNextItem(m.ctx, { accountId: w.accounts.a.id })));
    const ids = first.map((c) => c?.id);
    expect(ids.every((id) => id && items.has(id))).toBe(true);
    expect(new Set(ids).size).toBe(50);
    expect(first[0]!.claim).toMatchObject({ user: { id: members[0]!.userId } });

    // Each asks for the next card, skipping the one they hold: 50 cards, one per reviewer, and
    // the skipped ones are given back.
    const second = await Promise.all(members.map((m, i) => claimNextItem(m.ctx, { accountId: w.accounts.a.id, skipIds: [ids[i]!] })));
    const ids2 = second.map((c) => c!.id);
    expect(new Set(ids2).size).toBe(50);
    // (A card given back may go to someone else in this very round, never back to who skipped it.)
    expect(ids2.every((id, i) => id !== ids[i])).toBe(true);
    const held = await ownerQuery<{ id: string; claimedById: string }>(
      `SELECT id, "claimedById" FROM "ReviewItem" WHERE "teamId" = $1 AND "accountId" = $2 AND "claimExpiresAt" > now() AT TIME ZONE 'UTC'`,
      [w.owner.team.id, w.accounts.a.id],
    );
    expect(new Map(held.map((h) => [h.id, h.claimedById]))).toEqual(new Map(members.map((m, i) => [ids2[i]!, m.userId])));

    // Claiming again without skipping never takes a card someone else holds, and extends the lease.
    const again = await claimNextItem(members[0]!.ctx, { accountId: w.accounts.a.id });
    expect(ids2.slice(1)).not.toContain(again!.id);
    expect(again!.claim!.user.id).toBe(members[0]!.userId);
  });

  it("hands out an expired lease again, and skips items I voted on", async () => {
    const acc = w.accounts.b.id;
    const [x, y] = await fillQueue(w, acc, 2, { kind: "FOLLOW_UP", rules: ["follow_up"] });
    // Claims go oldest first; the two were inserted in one statement, so set their order.
    await ownerQuery(`UPDATE "ReviewItem" SET "createdAt" = "createdAt" + interval '1 second' WHERE id = $1`, [y]);
    const a = await claimNextItem(w.ctx.owner, { accountId: acc, kind: "follow_up" });
    expect(a!.id).toBe(x);
    const b = await claimNextItem(w.ctx.admin, { accountId: acc, kind: "follow_up" });
    expect(b!.id).toBe(y);
    expect(await claimNextItem(w.ctx.teammate, { accountId: acc, kind: "follow_up" })).toBeNull();

    await ownerQuery(`UPDATE "ReviewItem" SET "claimExpiresAt" = (now() AT TIME ZONE 'UTC') - interval '1 second' WHERE id = $1`, [x]);
    const c = await claimNextItem(w.ctx.teammate, { accountId: acc, kind: "follow_up" });
    expect(c).toMatchObject({ id: x, claim: { user: { id: w.teammate.userId } } });

    // The teammate votes on x and releases it: nothing left for them, but the admin still sees x.
    await addVote(w.owner.team.id, x!, w.teammate.userId, "KEEP");
    await releaseClaim(w.ctx.teammate, x!);
    expect(await claimNextItem(w.ctx.teammate, { accountId: acc, kind: "follow_up" })).toBeNull();
    expect((await claimNextItem(w.ctx.admin, { accountId: acc, kind: "follow_up", skipIds: [y!] }))!.id).toBe(x);

    // Releasing someone else's lease is a no-op.
    await releaseClaim(w.ctx.owner, x!);
    const [row] = await ownerQuery<{ claimedById: string }>(`SELECT "claimedById" FROM "ReviewItem" WHERE id = $1`, [x]);
    expect(row!.claimedById).toBe(w.admin.userId);
  });

  it("claims in other views and validates input", async () => {
    const [done] = await fillQueue(w, w.accounts.b.id, 1, { kind: "JOB_CHANGE", state: "DONE", decision: "KEEP", rules: ["job_change"] });
    const card = await claimNextItem(w.ctx.owner, { accountId: w.accounts.b.id, view: "done", kind: "job_change" });
    expect(card).toMatchObject({ id: done, state: "done" });
    // A snooze whose date passed wakes up and is handed out at once.
    const [sn] = await fillQueue(w, w.accounts.b.id, 1, { state: "SNOOZED", decision: "SNOOZE", snoozedUntil: new Date(Date.now() - 1000) });
    expect(await claimNextItem(w.ctx.owner, { accountId: w.accounts.b.id, kind: "remove" })).toMatchObject({ id: sn, state: "open" });
    expect(await rejectionOf(claimNextItem(w.ctx.owner, { view: "nope" as never }))).toMatchObject({ code: "VALIDATION", details: { field: "view" } });
    expect(await rejectionOf(claimNextItem(w.ctx.owner, { kind: "nope" as never }))).toMatchObject({ details: { field: "kind" } });
    expect(await rejectionOf(claimNextItem(w.ctx.owner, { skipIds: Array.from({ length: 201 }, (_, i) => `id${i}`) }))).toMatchObject({ details: { field: "skipIds" } });
  });

  it("is team-scoped: another team's account and items are 404 / invisible", async () => {
    const [foreign] = await fillQueue(other, other.accounts.a.id, 3);
    expect(await rejectionOf(claimNextItem(w.ctx.owner, { accountId: other.accounts.a.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(releaseClaim(w.ctx.owner, foreign!))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(releaseClaim(w.ctx.owner, "not an id!"))).toMatchObject({ code: "NOT_FOUND" });
    // Team A's claims never reach team B's items.
    for (let i = 0; i < 5; i++) {
      const c = await claimNextItem(w.ctx.teammate, { view: "needs_my_vote", skipIds: [] });
      if (!c) break;
      expect(c.account.id).not.toBe(other.accounts.a.id);
    }
  });
});
