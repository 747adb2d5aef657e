import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv } from "../testing/setup";
import { bulkReview } from "./bulk-review";
import { addComment } from "./comment-item";
import { decideItem } from "./decide-item";
import { listNotifications, markNotificationsRead, unreadNotificationCount } from "./notifications";
import { proposeForReview } from "./propose-item";
import { addConnections, addItems, makeReviewWorld, setQueueRules, type TReviewWorld } from "./review.test-util";
import { undoReview } from "./undo-review";
import { castVote } from "./cast-vote";
import { COMMENT_MAX } from "./types";

// Bulk votes and decisions with one undo, comments with @mentions, the bell, and proposing by hand.

let w: TReviewWorld;
let other: TReviewWorld;

beforeAll(async () => {
  await startTestEnv();
  [w, other] = [await makeReviewWorld("Bulk"), await makeReviewWorld("BulkOther")];
});
afterAll(stopTestEnv);

async function items(world: TReviewWorld, accountId: string, n: number) {
  const conns = await addConnections(world, accountId, Array.from({ length: n }, (_, i) => ({ firstName: "Kim", lastName: `Bulk${i}` })));
  return addItems(world.owner.team.id, conns.map((connectionId) => ({ connectionId, accountId })));
}
const rows = async (ids: string[]) => {
  const r = await ownerQuery(`SELECT * FROM "ReviewItem" WHERE id = ANY($1) ORDER BY id`, [ids]);
  return r.map(({ version: _v, updatedAt: _u, lastChange: _l, ...rest }) => rest);
};

describe("bulkReview", () => {
  it("decides a selection set-based, skips what the caller may not decide, and one undo restores it exactly", async () => {
    const mine = await items(w, w.accounts.a.id, 5);
    const theirs = await items(w, w.accounts.b.id, 2);
    const [foreign] = await items(other, other.accounts.a.id, 1);
    await castVote(w.ctx.teammate, mine[0]!, { choice: "keep" });
    const before = await rows([...mine, ...theirs]);
    const r = await bulkReview(w.ctx.owner, { target: { ids: [...mine, ...theirs, foreign!] }, action: "decide", choice: "follow_up", reason: "quarterly" });
    expect(r.count).toBe(5);
    expect(r.skipped).toEqual(
      expect.arrayContaining([
        { id: foreign!, why: "not found in this team" },
        ...theirs.map((id) => ({ id, why: expect.stringContaining(`only ${w.teammate.name}, who owns ${w.accounts.b.label}, decides`) })),
      ]),
    );
    expect(await ownerQuery(`SELECT 1 FROM "Reminder" WHERE "sourceItemId" = ANY($1)`, [mine])).toHaveLength(5);
    expect(await ownerQuery(`SELECT 1 FROM "ReviewChange" WHERE "batchId" = $1`, [r.batchId])).toHaveLength(5);
    const audit = await ownerQuery(`SELECT action, metadata FROM "AuditLog" WHERE "targetId" = $1`, [r.batchId]);
    expect(audit).toEqual([{ action: "review.decide", metadata: expect.objectContaining({ count: 5, choice: "follow_up", scope: "selection" }) }]);
    expect((await ownerQuery(`SELECT count(*)::int AS n FROM "Notification" WHERE kind = 'decided' AND "itemId" = $1`, [mine[0]!]))[0]!.n).toBe(1);
    // The other team's item is untouched.
    expect((await ownerQuery(`SELECT version FROM "ReviewItem" WHERE id = $1`, [foreign!]))[0]!.version).toBe(1);

    expect(await rejectionOf(undoReview(w.ctx.teammate, { batchId: r.batchId }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await rejectionOf(undoReview(other.ctx.owner, { batchId: r.batchId }))).toMatchObject({ code: "NOT_FOUND" });
    const undone = await undoReview(w.ctx.owner, { batchId: r.batchId });
    expect(undone).toEqual({ restored: 5, skipped: [] });
    expect(await rows([...mine, ...theirs])).toEqual(before);
    expect(await ownerQuery(`SELECT 1 FROM "Reminder" WHERE "sourceItemId" = ANY($1)`, [mine])).toHaveLength(0);
    expect(await rejectionOf(undoReview(w.ctx.owner, { batchId: r.batchId }))).toMatchObject({ code: "CONFLICT" });
  });

  it("a batch undo skips items changed since, naming who", async () => {
    const ids = await items(w, w.accounts.a.id, 3);
    const r = await bulkReview(w.ctx.owner, { target: { ids }, action: "decide", choice: "remove" });
    expect(r.count).toBe(3);
    const one = await undoReview(w.ctx.owner, { itemId: ids[0]! });
    expect(one.restored).toBe(1);
    await decideItem(w.ctx.owner, ids[0]!, { choice: "keep", version: one.item!.version });
    const undone = await undoReview(w.ctx.owner, { batchId: r.batchId });
    expect(undone.restored).toBe(2);
    expect(undone.skipped).toEqual([]); // the single undo already marked that change undone
    const [state] = await ownerQuery(`SELECT state::text FROM "ReviewItem" WHERE id = $1`, [ids[0]!]);
    expect(state!.state).toBe("DONE");

    const more = await items(w, w.accounts.a.id, 2);
    const r2 = await bulkReview(w.ctx.owner, { target: { ids: more }, action: "decide", choice: "remove" });
    await ownerQuery(`UPDATE "ReviewItem" SET version = version + 1, "lastChange" = $2 WHERE id = $1`, [more[0]!, JSON.stringify({ actorId: "x", actorName: "Ana", action: "decided", choice: "keep", at: new Date().toISOString() })]);
    const partial = await undoReview(w.ctx.owner, { batchId: r2.batchId });
    expect(partial).toEqual({ restored: 1, skipped: [{ id: more[0]!, why: "changed since by Ana" }] });
  });

  it("votes on all matching the list's filters, checks the expected count, and undoes the batch", async () => {
    const acc = (await ownerQuery<{ id: string }>(`SELECT id FROM "LinkedInAccount" WHERE id = $1`, [w.accounts.b.id]))[0]!.id;
    const open = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "ReviewItem" WHERE "accountId" = $1 AND state = 'OPEN'`, [acc]);
    const n = open[0]!.n;
    expect(n).toBeGreaterThan(0);
    const wrong = await rejectionOf(bulkReview(w.ctx.admin, { target: { all: { accountId: acc, view: "needs_my_vote" }, expectedCount: n + 5 }, action: "vote", choice: "remove" }));
    expect(wrong).toMatchObject({ code: "CONFLICT", message: expect.stringContaining(`the list changed: ${n} now match`.replace("the", "The")) });
    const r = await bulkReview(w.ctx.admin, { target: { all: { accountId: acc, view: "needs_my_vote" }, expectedCount: n }, action: "vote", choice: "remove", reason: "cleanup" });
    expect(r.count).toBe(n);
    expect((await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "ReviewVote" WHERE "userId" = $1 AND choice = 'REMOVE'`, [w.admin.userId]))[0]!.n).toBe(n);
    expect(await ownerQuery(`SELECT 1 FROM "Notification" WHERE "userId" = $1 AND kind = 'awaiting_decision'`, [w.teammate.userId])).toHaveLength(1);
    const undone = await undoReview(w.ctx.admin, { batchId: r.batchId });
    expect(undone.restored).toBe(n);
    expect(await ownerQuery(`SELECT 1 FROM "ReviewVote" WHERE "userId" = $1`, [w.admin.userId])).toHaveLength(0);
    expect(await ownerQuery(`SELECT 1 FROM "ReviewItem" WHERE "accountId" = $1 AND state = 'OPEN' AND "voteCount" <> (SELECT count(*) FROM "ReviewVote" v WHERE v."itemId" = "ReviewItem".id)`, [acc])).toHaveLength(0);
  });

  it("refuses bad input with the field", async () => {
    expect(await rejectionOf(bulkReview(w.ctx.owner, { target: { ids: [] }, action: "vote", choice: "keep" }))).toMatchObject({ code: "VALIDATION", details: { field: "ids" } });
    expect(await rejectionOf(bulkReview(w.ctx.owner, { target: { ids: ["a"] }, action: "nuke" as never, choice: "keep" }))).toMatchObject({ code: "VALIDATION", details: { field: "action" } });
    expect(await rejectionOf(bulkReview(w.ctx.owner, { target: { ids: ["a"] }, action: "decide", choice: "maybe" }))).toMatchObject({ code: "VALIDATION", details: { field: "choice" } });
    expect(await rejectionOf(bulkReview(w.ctx.owner, { target: { all: { view: "mine" as never } }, action: "vote", choice: "keep" }))).toMatchObject({ code: "VALIDATION", details: { field: "view" } });
    // Another team's account in the filters is not found; its items are never in "all matching".
    expect(await rejectionOf(bulkReview(w.ctx.owner, { target: { all: { accountId: other.accounts.a.id } }, action: "vote", choice: "keep" }))).toMatchObject({ code: "NOT_FOUND" });
    const [theirs] = await items(other, other.accounts.a.id, 1);
    const r = await bulkReview(w.ctx.owner, { target: { ids: [theirs!] }, action: "vote", choice: "keep" });
    expect(r).toMatchObject({ count: 0, skipped: [{ id: theirs!, why: "not found in this team" }] });
    const n = await ownerQuery<{ id: string }>(`SELECT id FROM "Notification" WHERE "teamId" = $1 LIMIT 1`, [other.owner.team.id]);
    if (n[0]) expect(await markNotificationsRead(w.ctx.owner, { ids: [n[0].id] })).toEqual({ count: 0 });
  });
});

describe("comments and notifications", () => {
  it("mentions notify the teammates named (not the author, not an ambiguous first name) and link to the card", async () => {
    const [id] = await items(w, w.accounts.a.id, 1);
    const name = (await ownerQuery<{ n: string }>(`SELECT "firstName" || ' ' || "lastName" AS n FROM "Connection" c JOIN "ReviewItem" i ON i."connectionId" = c.id WHERE i.id = $1`, [id!]))[0]!.n;
    // Everyone's first name is "Bulk": "@bulk" is ambiguous and mentions nobody.
    const c = await addComment(w.ctx.teammate, id!, { body: `@${w.owner.name.toLowerCase()} please decide. @bulk anyone? @${w.teammate.name}` });
    expect(c.mentions.map((m) => m.id)).toEqual([w.owner.userId, w.teammate.userId]);
    expect(c.author).toEqual({ id: w.teammate.userId, name: w.teammate.name });
    expect(await ownerQuery(`SELECT 1 FROM "Notification" WHERE "userId" = $1 AND kind = 'mention'`, [w.teammate.userId])).toHaveLength(0);
    const before = await unreadNotificationCount(w.ctx.owner);
    const list = await listNotifications(w.ctx.owner, { unreadOnly: true });
    const mention = list.items.find((n) => n.kind === "mention")!;
    expect(mention).toMatchObject({ text: `${w.teammate.name} mentioned you on ${name}`, href: `/t/${w.owner.team.slug}/queue/items/${id}`, actor: { id: w.teammate.userId }, readAt: null });
    const awaiting = list.items.find((n) => n.kind === "awaiting_decision");
    expect(awaiting?.href).toBe(`/t/${w.owner.team.slug}/queue?account=${w.accounts.a.id}&view=waiting_for_owner`);
    expect(awaiting?.text).toMatch(new RegExp(`^\\d+ items? waits? for your decision on ${w.accounts.a.label}$`));
    expect(await markNotificationsRead(w.ctx.teammate, { ids: [mention.id] })).toEqual({ count: 0 }); // not theirs
    expect(await markNotificationsRead(w.ctx.owner, { ids: [mention.id] })).toEqual({ count: 1 });
    expect(await unreadNotificationCount(w.ctx.owner)).toBe(before - 1);
    await markNotificationsRead(w.ctx.owner, { all: true });
    expect(await unreadNotificationCount(w.ctx.owner)).toBe(0);
    expect(await ownerQuery(`SELECT action FROM "AuditLog" WHERE "targetId" = $1 AND action = 'review.comment'`, [id!])).toHaveLength(1);
  });

  it("pages newest first with a cursor, and says who decided what against your vote", async () => {
    const ids = await items(w, w.accounts.a.id, 3);
    for (const id of ids) await castVote(w.ctx.teammate, id, { choice: "keep" });
    for (const id of ids) await decideItem(w.ctx.owner, id, { choice: "remove", version: 2 });
    const first = await listNotifications(w.ctx.teammate, { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.items[0]!.text).toMatch(new RegExp(`^${w.owner.name} decided Remove on Kim Bulk\\d — you voted Keep$`));
    const second = await listNotifications(w.ctx.teammate, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((n) => n.id)).not.toContain(first.items[0]!.id);
    expect(await rejectionOf(listNotifications(w.ctx.teammate, { limit: 500 }))).toMatchObject({ code: "VALIDATION", details: { field: "limit" } });
    expect(await rejectionOf(listNotifications(w.ctx.teammate, { cursor: "garbage" }))).toMatchObject({ code: "VALIDATION", details: { field: "cursor" } });
    expect((await listNotifications(other.ctx.owner, {})).items.some((n) => ids.includes(n.href.split("/").pop()!))).toBe(false);
  });

  it("refuses an empty or oversized comment naming the field, and another team's item as NOT_FOUND", async () => {
    const [id] = await items(w, w.accounts.a.id, 1);
    expect(await rejectionOf(addComment(w.ctx.teammate, id!, { body: "   " }))).toMatchObject({ code: "VALIDATION", details: { field: "body" } });
    expect(await rejectionOf(addComment(w.ctx.teammate, id!, { body: "x".repeat(COMMENT_MAX + 1) }))).toMatchObject({ code: "VALIDATION", details: { field: "body" } });
    expect(await rejectionOf(addComment(other.ctx.owner, id!, { body: "hi" }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("proposeForReview", () => {
  it("warns before proposing protected people for removal, naming them and the loss; stores the loss once acknowledged", async () => {
    const tagId = `tag_${Date.now()}`;
    await ownerQuery(`INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "updatedAt") VALUES ($1, $2, 'VIP', $3, 'red', now())`, [tagId, w.owner.team.id, `vip-${tagId}`]);
    await setQueueRules(w.owner.team.id, { protectedTagIds: [tagId] });
    const people = await addConnections(w, w.accounts.a.id, [
      { firstName: "Eda", lastName: "Endorser", endorsedMe: true, endorsementCount: 12 },
      { firstName: "Rob", lastName: "Recommender", recommendedMe: true },
      { firstName: "Vic", lastName: "Vip" },
      { firstName: "Ned", lastName: "Nobody" },
      { firstName: "Gus", lastName: "Gone", status: "GONE" },
    ]);
    await ownerQuery(`INSERT INTO "ConnectionTag" ("teamId", "tagId", "connectionId") VALUES ($1, $2, $3)`, [w.owner.team.id, tagId, people[2]!]);
    const warned = await rejectionOf(proposeForReview(w.ctx.teammate, { kind: "remove", target: { ids: people }, reason: "cleanup" }));
    expect(warned).toMatchObject({ code: "CONFLICT" });
    expect(warned.message).toContain("Eda Endorser — Endorsed you (12 endorsements)");
    expect(warned.message).toContain("Rob Recommender — Recommended you");
    expect(warned.message).toContain("Vic Vip — Tagged “VIP” (protected)");
    expect(await ownerQuery(`SELECT 1 FROM "ReviewItem" WHERE "connectionId" = ANY($1)`, [people])).toHaveLength(0);
    // Follow-up loses nothing: no warning.
    expect((await proposeForReview(w.ctx.teammate, { kind: "follow_up", target: { ids: [people[0]!] } })).count).toBe(1);
    const ok = await proposeForReview(w.ctx.teammate, { kind: "remove", target: { ids: people }, reason: "cleanup", acknowledgeProtected: true });
    expect(ok.count).toBe(4); // not the one who is gone
    expect(ok.protected.map((p) => p.name).sort()).toEqual(["Eda Endorser", "Rob Recommender", "Vic Vip"]);
    const stored = await ownerQuery<{ connectionId: string; protectedLoss: string[]; origin: string; rules: string[]; reason: string; addedById: string }>(
      `SELECT "connectionId", "protectedLoss", origin, rules, reason, "addedById" FROM "ReviewItem" WHERE kind = 'REMOVE' AND "connectionId" = ANY($1)`, [people]);
    expect(stored.find((s) => s.connectionId === people[0])).toMatchObject({ protectedLoss: ["Endorsed you (12 endorsements)"], origin: "manual", rules: ["manual"], reason: "cleanup", addedById: w.teammate.userId });
    expect(stored.find((s) => s.connectionId === people[3])!.protectedLoss).toEqual([]);
    const proposedAudit = await ownerQuery<{ metadata: Record<string, unknown> }>(
      `SELECT a.metadata FROM "AuditLog" a JOIN "ReviewItem" i ON i.id = a."targetId" WHERE a.action = 'review.proposed' AND i.kind = 'REMOVE' AND i."connectionId" = ANY($1)`, [people]);
    expect(proposedAudit).toHaveLength(4);
    expect(proposedAudit[0]!.metadata).toMatchObject({ after: "open", reason: "cleanup", kind: "remove", acknowledgedProtected: true });
    await setQueueRules(w.owner.team.id, {});
  });

  it("reopens a settled item with a new round when it had votes", async () => {
    const [conn] = await addConnections(w, w.accounts.a.id, [{ firstName: "Ria", lastName: "Reopen" }]);
    const [id] = await addItems(w.owner.team.id, [{ connectionId: conn!, accountId: w.accounts.a.id }]);
    await castVote(w.ctx.teammate, id!, { choice: "keep" });
    await decideItem(w.ctx.owner, id!, { choice: "keep", version: 2 });
    // The Keep is in force: reopening it is asked for (propose-item.integration.test.ts has the rest).
    expect(await rejectionOf(proposeForReview(w.ctx.admin, { kind: "remove", target: { ids: [conn!] } }))).toMatchObject({ code: "CONFLICT" });
    expect((await proposeForReview(w.ctx.admin, { kind: "remove", target: { ids: [conn!] }, reopenDecided: true })).count).toBe(1);
    const [r] = await ownerQuery(`SELECT state::text, round, "voteCount", decision, version, "keepUntil" FROM "ReviewItem" WHERE id = $1`, [id!]);
    expect(r).toMatchObject({ state: "OPEN", round: 2, voteCount: 0, decision: null, version: 4, keepUntil: null });
    expect((await proposeForReview(w.ctx.admin, { kind: "remove", target: { ids: [conn!] } })).count).toBe(0); // already waiting
    expect(await ownerQuery(`SELECT 1 FROM "AuditLog" WHERE action = 'review.proposed' AND "targetId" = $1`, [id!])).toHaveLength(1);
  });
});
