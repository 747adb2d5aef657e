import { queue, QUEUES } from "@crm/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTag, deleteTag, mergeTags } from "../connections/tags";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv } from "../testing/setup";
import { bulkReview } from "./bulk-review";
import { castVote } from "./cast-vote";
import { decideItem } from "./decide-item";
import { listReviewItems } from "./list-review-items";
import { listNotifications } from "./notifications";
import { queueCounts } from "./queue-counts";
import { addConnections, addItems, addVote, makeReviewWorld, setQueueRules, type TReviewWorld } from "./review.test-util";

// Leases after a vote, list and bulk agreeing, grouped bulk notifications, self-closed and woken
// items refusing stale writes in words, and protected tags that are deleted or merged away.

let w: TReviewWorld;

beforeAll(async () => {
  await startTestEnv();
  w = await makeReviewWorld("Fixes");
});
afterAll(stopTestEnv);

async function items(accountId: string, people: Parameters<typeof addConnections>[2]) {
  const conns = await addConnections(w, accountId, people);
  return addItems(w.owner.team.id, conns.map((connectionId) => ({ connectionId, accountId })));
}
const row = async (id: string) => (await ownerQuery(`SELECT * FROM "ReviewItem" WHERE id = $1`, [id]))[0]!;

describe("castVote", () => {
  it("gives up the voter's own lease, never someone else's", async () => {
    const [mine, theirs] = await items(w.accounts.a.id, [{ lastName: "LeaseA" }, { lastName: "LeaseB" }]);
    await ownerQuery(`UPDATE "ReviewItem" SET "claimedById" = $2, "claimExpiresAt" = now() + interval '2 minutes' WHERE id = $1`, [mine, w.teammate.userId]);
    await ownerQuery(`UPDATE "ReviewItem" SET "claimedById" = $2, "claimExpiresAt" = now() + interval '2 minutes' WHERE id = $1`, [theirs, w.admin.userId]);
    await castVote(w.ctx.teammate, mine!, { choice: "remove" });
    await castVote(w.ctx.teammate, theirs!, { choice: "keep" });
    expect(await row(mine!)).toMatchObject({ claimedById: null, claimExpiresAt: null });
    expect((await row(theirs!)).claimedById).toBe(w.admin.userId);
  });
});

describe("stale writes the queue made", () => {
  it("an item that closed itself says so, with its reason", async () => {
    const [id] = await items(w.accounts.a.id, [{ lastName: "Closed" }]);
    await ownerQuery(`UPDATE "ReviewItem" SET state = 'CLOSED', "closedReason" = 'Now fits Enterprise buyers (partial)', "closedAt" = now() AT TIME ZONE 'UTC', version = 2 WHERE id = $1`, [id]);
    const vote = await rejectionOf(castVote(w.ctx.teammate, id!, { choice: "remove", version: 1 }));
    expect(vote).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("This item closed itself: Now fits Enterprise buyers (partial).") });
    const decide = await rejectionOf(decideItem(w.ctx.owner, id!, { choice: "keep", version: 1 }));
    expect(decide.message).toContain("This item closed itself: Now fits Enterprise buyers (partial).");
    // Without a version (a vote may omit it) the closed item still says why.
    expect((await rejectionOf(castVote(w.ctx.teammate, id!, { choice: "remove" }))).message).toContain("This item closed itself");
  });

  it("a snooze that ended says the item is open again", async () => {
    const [id] = await items(w.accounts.a.id, [{ lastName: "Woke" }]);
    const snoozedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const lastChange = { actorId: w.owner.userId, actorName: "Owner", action: "decided", choice: "snooze", at: snoozedAt };
    await ownerQuery(
      `UPDATE "ReviewItem" SET state = 'SNOOZED', decision = 'SNOOZE', "snoozedUntil" = (now() - interval '1 day') AT TIME ZONE 'UTC', "lastChange" = $2::jsonb, version = 3 WHERE id = $1`,
      [id, JSON.stringify(lastChange)],
    );
    const r = await rejectionOf(decideItem(w.ctx.owner, id!, { choice: "keep", version: 2 }));
    expect(r).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^This item's snooze ended on \d{4}-\d{2}-\d{2}: it is open again\./) });
    expect(await decideItem(w.ctx.owner, id!, { choice: "keep", version: 3 })).toMatchObject({ state: "done" });
  });
});

describe("list and bulk", () => {
  it("'all N matching' acts on exactly the N the list shows (every connection status by default)", async () => {
    await items(w.accounts.a.id, [
      { firstName: "Zephyrine", lastName: "One" },
      { firstName: "Zephyrine", lastName: "Two", status: "REMOVAL_PENDING" },
      { firstName: "Zephyrine", lastName: "Three" },
    ]);
    const filter = "?q=zephyrine";
    const listed = await listReviewItems(w.ctx.teammate, { filter, view: "needs_my_vote", limit: 200 });
    expect(listed.items).toHaveLength(3);
    const r = await bulkReview(w.ctx.teammate, { target: { all: { filter, view: "needs_my_vote" }, expectedCount: 3 }, action: "vote", choice: "keep" });
    expect(r.count).toBe(3);
    expect((await listReviewItems(w.ctx.teammate, { filter, view: "needs_my_vote" })).items).toHaveLength(0);
  });

  it("needs-my-vote counts open items minus my current-round votes, as the list does", async () => {
    const [a, b, c] = await items(w.accounts.b.id, [{ lastName: "CountA" }, { lastName: "CountB" }, { lastName: "CountC" }]);
    await addVote(w.owner.team.id, a!, w.admin.userId, "KEEP");
    // A vote of an earlier round does not count: the item is back for a new round.
    await addVote(w.owner.team.id, b!, w.admin.userId, "REMOVE");
    await ownerQuery(`UPDATE "ReviewItem" SET round = 2 WHERE id = $1`, [b]);
    await ownerQuery(`UPDATE "ReviewItem" SET state = 'APPROVED' WHERE id = $1`, [c]);
    for (const accountId of [undefined, w.accounts.b.id]) {
      const counts = await queueCounts(w.ctx.admin, { accountId });
      const all = [];
      let cursor: string | undefined;
      do {
        const p = await listReviewItems(w.ctx.admin, { accountId, view: "needs_my_vote", limit: 200, cursor });
        all.push(...p.items);
        cursor = p.nextCursor ?? undefined;
      } while (cursor);
      expect(all.length).toBe(counts.needs_my_vote);
      expect(all.some((i) => i.id === b)).toBe(true);
      expect(all.some((i) => i.id === a || i.id === c)).toBe(false);
    }
  });
});

describe("bulk decisions", () => {
  it("tell each voter once per batch; a single decision still names the person", async () => {
    const ids = await items(w.accounts.a.id, [{ lastName: "BulkN1" }, { lastName: "BulkN2" }, { lastName: "BulkN3" }]);
    for (const id of ids) await addVote(w.owner.team.id, id, w.teammate.userId, "REMOVE");
    const before = (await listNotifications(w.teammate.ctx, { limit: 100 })).items.length;
    const r = await bulkReview(w.ctx.owner, { target: { ids }, action: "decide", choice: "keep" });
    expect(r.count).toBe(3);
    const after = (await listNotifications(w.teammate.ctx, { limit: 100 })).items;
    expect(after.length).toBe(before + 1);
    expect(after[0]).toMatchObject({ kind: "decided", text: `${w.owner.name} decided Keep on 3 items you voted on` });
    expect(after[0]!.href).toBe(`/t/${w.owner.team.slug}/queue?account=${w.accounts.a.id}&view=done`);
    const [single] = await items(w.accounts.a.id, [{ lastName: "Single" }]);
    await addVote(w.owner.team.id, single!, w.teammate.userId, "REMOVE");
    await decideItem(w.ctx.owner, single!, { choice: "remove", version: 1 });
    const latest = (await listNotifications(w.teammate.ctx, { limit: 1 })).items[0]!;
    expect(latest.href).toBe(`/t/${w.owner.team.slug}/queue/items/${single}`);
    expect(latest.text).toContain("you voted Remove");
  });
});

describe("protected tags deleted or merged away", () => {
  const buildJobs = async () =>
    (await queue(QUEUES.scoring).getJobs(["delayed", "waiting"])).filter((j) => j?.name === "queue.build" && j.data.teamId === w.owner.team.id);

  it("leave the queue rules (audited) and queue a rebuild", async () => {
    const vip = await createTag(w.ctx.owner, { name: "VIP fix" });
    const gold = await createTag(w.ctx.owner, { name: "Gold fix" });
    const other = await createTag(w.ctx.owner, { name: "Other fix" });
    await setQueueRules(w.owner.team.id, { protectedTagIds: [vip.id, gold.id] });
    for (const j of await buildJobs()) await j.remove();
    await deleteTag(w.ctx.owner, vip.id);
    let [s] = await ownerQuery<{ rules: { protectedTagIds: string[] } }>(`SELECT rules FROM "QueueSettings" WHERE "teamId" = $1`, [w.owner.team.id]);
    expect(s!.rules.protectedTagIds).toEqual([gold.id]);
    const audit = await ownerQuery<{ metadata: { before: { protectedTagIds: string[] }; after: { protectedTagIds: string[] }; reason: string } }>(
      `SELECT metadata FROM "AuditLog" WHERE "teamId" = $1 AND action = 'queue_rules.update' ORDER BY "createdAt" DESC LIMIT 1`,
      [w.owner.team.id],
    );
    expect(audit[0]!.metadata).toMatchObject({ before: { protectedTagIds: [vip.id, gold.id] }, after: { protectedTagIds: [gold.id] }, reason: "Protected tag “VIP fix” was deleted" });
    expect(await buildJobs()).toHaveLength(1);
    for (const j of await buildJobs()) await j.remove();
    await mergeTags(w.ctx.owner, { sourceId: gold.id, targetId: other.id });
    [s] = await ownerQuery<{ rules: { protectedTagIds: string[] } }>(`SELECT rules FROM "QueueSettings" WHERE "teamId" = $1`, [w.owner.team.id]);
    expect(s!.rules.protectedTagIds).toEqual([]);
    expect(await buildJobs()).toHaveLength(1);
    for (const j of await buildJobs()) await j.remove();
    // An unprotected tag deleted: nothing to rebuild.
    await deleteTag(w.ctx.owner, other.id);
    expect(await buildJobs()).toHaveLength(0);
  });
});
