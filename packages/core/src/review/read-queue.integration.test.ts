import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv } from "../testing/setup";
import { getConnection } from "../connections/detail";
import { claimNextItem } from "./claim-item";
import { getReviewItem } from "./get-review-item";
import { listReviewItems } from "./list-review-items";
import { queueCounts } from "./queue-counts";
import { addComment, addConnections, addItems, addVote, fillQueue, makeReviewWorld, setQueueRules, type TReviewWorld } from "./review.test-util";
import { getToday } from "./today";
import type { TQueueView, TReviewItemSummary } from "./types";

let w: TReviewWorld;
let other: TReviewWorld;
let ids: Record<string, string>;

const day = 86_400_000;

beforeAll(async () => {
  await startTestEnv();
  [w, other] = [await makeReviewWorld("Read"), await makeReviewWorld("ReadOther")];
  const teamId = w.owner.team.id;
  const a = w.accounts.a.id;
  const b = w.accounts.b.id;
  const [open1, open2, voted, approved, snoozed, woke, done, closed, mate] = await addConnections(w, a, [
    { firstName: "Olga", lastName: "Open", company: "Acme", score: 5 },
    { firstName: "Otto", lastName: "Open", company: "Globex", score: 30 },
    { firstName: "Vera", lastName: "Voted", company: "Acme", score: 10 },
    { firstName: "Abe", lastName: "Approved", score: 3 },
    { firstName: "Sue", lastName: "Snoozed" },
    { firstName: "Wes", lastName: "Woke" },
    { firstName: "Dan", lastName: "Done" },
    { firstName: "Cleo", lastName: "Closed" },
    { firstName: "Mia", lastName: "Mate", identityKey: "li:mia-mate", endorsedMe: true, endorsementCount: 4, recommendedMe: true },
  ]);
  const [mateB] = await addConnections(w, b, [{ firstName: "Mia", lastName: "Mate", identityKey: "li:mia-mate", messageCount: 7, lastInteractionAt: new Date(Date.now() - 3 * day) }]);
  const [jobB] = await addConnections(w, b, [{ firstName: "Jo", lastName: "Jobs", company: "NewCo", position: "CEO", jobChangedAt: new Date(Date.now() - day) }]);
  const t0 = Date.now() - 10 * day;
  const at = (i: number) => new Date(t0 + i * 1000);
  const made = await addItems(teamId, [
    { connectionId: open1!, accountId: a, createdAt: at(1) },
    { connectionId: open2!, accountId: a, kind: "FOLLOW_UP", rules: ["follow_up"], createdAt: at(2) },
    { connectionId: voted!, accountId: a, createdAt: at(3) },
    { connectionId: approved!, accountId: a, state: "APPROVED", decision: "REMOVE", decidedById: w.owner.userId, createdAt: at(4) },
    { connectionId: snoozed!, accountId: a, state: "SNOOZED", decision: "SNOOZE", snoozedUntil: new Date(Date.now() + 5 * day), createdAt: at(5) },
    { connectionId: woke!, accountId: a, state: "SNOOZED", decision: "SNOOZE", snoozedUntil: new Date(Date.now() - day), createdAt: at(6) },
    { connectionId: done!, accountId: a, state: "DONE", decision: "KEEP", decidedById: w.owner.userId, createdAt: at(7) },
    { connectionId: closed!, accountId: a, state: "CLOSED", createdAt: at(8) },
    { connectionId: mate!, accountId: a, origin: "manual", rules: ["manual"], createdAt: at(9) },
    { connectionId: jobB!, accountId: b, kind: "JOB_CHANGE", rules: ["job_change"], createdAt: at(10) },
  ]);
  ids = Object.fromEntries(["open1", "open2", "voted", "approved", "snoozed", "woke", "done", "closed", "mate", "jobB"].map((k, i) => [k, made[i]!]));
  void mateB;
  await addVote(teamId, ids.voted!, w.teammate.userId, "REMOVE", "spam");
  await addVote(teamId, ids.mate!, w.teammate.userId, "REMOVE");
  await addVote(teamId, ids.mate!, w.admin.userId, "KEEP");
  await addComment(teamId, ids.mate!, w.teammate.userId, "@owner she endorsed you, sure?", [w.owner.userId]);
  await ownerQuery(
    `INSERT INTO "AuditLog" (id, "teamId", "actorUserId", action, "targetType", "targetId", metadata, "createdAt")
     VALUES ($1, $2, $3, 'review.vote', 'review_item', $4, '{"choice":"remove","reason":"spam"}', now() - interval '2 minutes'),
            ($5, $2, $6, 'review.decide', 'review_item', $4, '{"choice":"KEEP","reason":"old friend"}', now() - interval '1 minute')`,
    [`a1-${ids.mate}`, teamId, w.teammate.userId, ids.mate, `a2-${ids.mate}`, w.owner.userId],
  );
  // A bulk vote is audited once per batch; the card finds it through the item's ReviewChange row.
  await ownerQuery(`INSERT INTO "ReviewChange" (id, "teamId", "batchId", "itemId", "userId", before, "afterVersion") VALUES (gen_random_uuid()::text, $1, $2, $3, $4, '{}', 2)`, [
    teamId,
    `batch-${ids.mate}`,
    ids.mate,
    w.admin.userId,
  ]);
  await ownerQuery(
    `INSERT INTO "AuditLog" (id, "teamId", "actorUserId", action, "targetType", "targetId", metadata, "createdAt")
     VALUES ($1, $2, $3, 'review.vote', 'review_batch', $4, jsonb_build_object('batchId', $4::text, 'count', 3, 'choice', 'keep'), now() - interval '30 seconds')`,
    [`a3-${ids.mate}`, teamId, w.admin.userId, `batch-${ids.mate}`],
  );
  const tag = `tag-${ids.mate}`;
  await ownerQuery(`INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "updatedAt") VALUES ($1, $2, 'VIP', 'vip', 'red', now())`, [tag, teamId]);
  await ownerQuery(`INSERT INTO "ConnectionTag" ("teamId", "tagId", "connectionId") VALUES ($1, $2, $3)`, [teamId, tag, mate]);
  await setQueueRules(teamId, { protectedTagIds: [tag], adminsDecide: false });
  await ownerQuery(`INSERT INTO "Note" (id, "teamId", "connectionId", "authorId", body, "updatedAt") VALUES (gen_random_uuid()::text, $1, $2, $3, 'Met at a conference', now())`, [teamId, mate, w.teammate.userId]);
  await ownerQuery(
    `INSERT INTO "ConnectionEvent" (id, "teamId", "connectionId", kind, data, "createdAt") VALUES (gen_random_uuid()::text, $1, $2, 'JOB_CHANGED', '{"from":{"company":"Old"},"to":{"company":"New"}}', now() - interval '3 days')`,
    [teamId, mate],
  );
  await ownerQuery(`INSERT INTO "IcpScore" ("teamId", "icpId", "connectionId", version, score, band, reasons, flags) VALUES ($1, $2, $3, 1, 77, 'strong', '[{"text":"Buyer","points":77}]', '{recruiter}')`, [teamId, w.icpId, mate]);
  await ownerQuery(
    `INSERT INTO "Reminder" (id, "teamId", "connectionId", "accountId", "dueAt", "createdById", "updatedAt")
     VALUES (gen_random_uuid()::text, $1, $2, $3, now() + interval '2 days', NULL, now()),
            (gen_random_uuid()::text, $1, $2, $3, now() + interval '30 days', NULL, now())`,
    [teamId, open2, a],
  );
});
afterAll(stopTestEnv);

async function all(ctx: TReviewWorld["ctx"]["owner"], input: Parameters<typeof listReviewItems>[1] = {}): Promise<TReviewItemSummary[]> {
  const out: TReviewItemSummary[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await listReviewItems(ctx, { ...input, cursor, limit: input.limit ?? 3 });
    out.push(...page.items);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error("cursor never ended");
}

describe("views and counts", () => {
  it("wakes passed snoozes and agrees between counts and lists", async () => {
    const counts = await queueCounts(w.ctx.teammate, {});
    const views: TQueueView[] = ["needs_my_vote", "waiting_for_owner", "approved", "snoozed", "done"];
    for (const view of views) expect((await all(w.ctx.teammate, { view })).length, view).toBe(counts[view]);
    expect(counts).toMatchObject({ needs_my_vote: 4, waiting_for_owner: 2, approved: 1, snoozed: 1, done: 2 });
    const mine = (await all(w.ctx.teammate, { view: "needs_my_vote" })).map((i) => i.id);
    expect(mine).toEqual([ids.open1, ids.open2, ids.woke, ids.jobB]); // oldest first; the woken snooze is open again
    expect(counts.accounts.find((x) => x.id === w.accounts.a.id)).toMatchObject({ open: 5, approved: 1, owner: { id: w.owner.userId } });
    expect(counts.accounts.find((x) => x.id === w.accounts.b.id)).toMatchObject({ open: 1, approved: 0, owner: { id: w.teammate.userId } });

    const onlyB = await queueCounts(w.ctx.owner, { accountId: w.accounts.b.id });
    expect(onlyB).toMatchObject({ needs_my_vote: 1, waiting_for_owner: 0, approved: 0 });
  });

  it("filters by account, kind, state and the workspace filter; bad input names the field", async () => {
    expect((await all(w.ctx.owner, { accountId: w.accounts.b.id })).map((i) => i.id)).toEqual([ids.jobB]);
    expect((await all(w.ctx.owner, { kind: "follow_up" })).map((i) => i.id)).toEqual([ids.open2]);
    expect((await all(w.ctx.owner, { state: "closed" })).map((i) => i.id)).toEqual([ids.closed]);
    expect((await all(w.ctx.owner, { filter: "company=acme" })).map((i) => i.id)).toEqual([ids.open1, ids.voted]);
    expect((await all(w.ctx.owner, { filter: "?q=mia" })).map((i) => i.id)).toEqual([ids.mate]);
    expect(await rejectionOf(listReviewItems(w.ctx.owner, { filter: "scoreMin=abc" }))).toMatchObject({ code: "VALIDATION", details: { field: "filter" } });
    expect(await rejectionOf(listReviewItems(w.ctx.owner, { kind: "nope" as never }))).toMatchObject({ details: { field: "kind" } });
    expect(await rejectionOf(listReviewItems(w.ctx.owner, { state: "nope" as never }))).toMatchObject({ details: { field: "state" } });
    expect(await rejectionOf(listReviewItems(w.ctx.owner, { limit: 0 }))).toMatchObject({ details: { field: "limit" } });
    expect(await rejectionOf(listReviewItems(w.ctx.owner, { limit: 201 }))).toMatchObject({ details: { field: "limit" } });
    expect(await rejectionOf(listReviewItems(w.ctx.owner, { cursor: "garbage!" }))).toMatchObject({ details: { field: "cursor" } });
    const forged = Buffer.from(JSON.stringify({ c: "x", id: "y" })).toString("base64url");
    expect(await rejectionOf(listReviewItems(w.ctx.owner, { cursor: forged }))).toMatchObject({ details: { field: "cursor" } });
  });

  it("pages through a larger queue exactly once", async () => {
    const made = await fillQueue(w, w.accounts.b.id, 120, { kind: "FOLLOW_UP", rules: ["follow_up"], createdAt: new Date(Date.now() - 5 * day) });
    const seen = (await all(w.ctx.owner, { accountId: w.accounts.b.id, kind: "follow_up", limit: 7 })).map((i) => i.id);
    expect(seen.length).toBe(120);
    expect(new Set(seen)).toEqual(new Set(made));
    const page = await listReviewItems(w.ctx.owner, { accountId: w.accounts.b.id, kind: "follow_up" });
    expect(page.items.length).toBe(50);
    await ownerQuery(`DELETE FROM "ReviewItem" WHERE id = ANY($1)`, [made]);
  });
});

describe("getReviewItem", () => {
  it("shows the card: votes, comments, teammates, what removal loses, history", async () => {
    const card = await getReviewItem(w.ctx.owner, ids.mate!);
    expect(card).toMatchObject({ id: ids.mate, origin: "manual", canDecide: true, myVote: null, commentCount: 1 });
    expect(card.tally).toMatchObject({ text: "1 says keep, 1 says remove", disagreement: true });
    expect(card.detail).toMatchObject({ id: card.connection.id, name: "Mia Mate", endorsedMe: true, score: 77, fit: "strong" });
    // The card reads the drawer's content in its own single statement: it must be the same.
    expect(card.detail).toEqual(await getConnection(w.ctx.owner, card.connection.id));
    expect(card.detail!.notes.length).toBe(1);
    expect(card.detail!.events.map((e) => e.text)).toContain("Changed job: Old → New");
    expect(card.comments).toEqual([expect.objectContaining({ author: { id: w.teammate.userId, name: w.teammate.name }, mentions: [{ id: w.owner.userId, name: w.owner.name }] })]);
    expect(card.teammatesConnected).toEqual([expect.objectContaining({ accountId: w.accounts.b.id, owner: { id: w.teammate.userId, name: w.teammate.name }, messageCount: 7 })]);
    expect(card.protectedLoss).toEqual(["Endorsed you (4 endorsements)", "Recommended you", "Tagged “VIP” (protected)"]);
    expect(card.history.map((h) => [h.action, h.text, h.actor?.id])).toEqual([
      ["review.vote", "Voted Keep (bulk, 3 items)", w.admin.userId],
      ["review.decide", "Decided Keep: “old friend”", w.owner.userId],
      ["review.vote", "Voted Remove: “spam”", w.teammate.userId],
    ]);
    expect(card.claim).toBeNull();
    const asMate = await getReviewItem(w.ctx.teammate, ids.mate!);
    expect(asMate).toMatchObject({ canDecide: false, myVote: "remove" });
  });

  it("shows who holds the card", async () => {
    const held = await claimNextItem(w.ctx.admin, { accountId: w.accounts.b.id, kind: "job_change" });
    expect(held!.id).toBe(ids.jobB);
    expect((await getReviewItem(w.ctx.owner, ids.jobB!)).claim).toMatchObject({ user: { id: w.admin.userId } });
  });
});

describe("getToday", () => {
  it("counts what waits for me and lists job changes", async () => {
    const today = await getToday(w.ctx.owner);
    expect(today.hasData).toBe(true);
    expect(today.waiting).toEqual({ needsMyVote: 6, needsMyDecision: 5, followUpsDue: 1 });
    expect(today.nextItems.length).toBe(5);
    expect(today.jobChanges).toEqual([expect.objectContaining({ name: "Jo Jobs", company: "NewCo", itemId: ids.jobB, accountLabel: w.accounts.b.label })]);
    expect(today.accounts.length).toBe(2);
    const mate = await getToday(w.ctx.teammate);
    expect(mate.waiting).toMatchObject({ needsMyVote: 4, needsMyDecision: 1, followUpsDue: 0 });
    const empty = await getToday(other.ctx.owner);
    expect(empty).toMatchObject({ hasData: false, nextItems: [], jobChanges: [] });
  });
});

describe("tenant isolation", () => {
  it("another team's items and accounts are 404 or invisible everywhere", async () => {
    const [c] = await addConnections(other, other.accounts.a.id, [{ firstName: "Secret" }]);
    const [foreign] = await addItems(other.owner.team.id, [{ connectionId: c!, accountId: other.accounts.a.id }]);
    expect(await rejectionOf(getReviewItem(w.ctx.owner, foreign!))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(getReviewItem(w.ctx.owner, "not a valid id"))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(listReviewItems(w.ctx.owner, { accountId: other.accounts.a.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(listReviewItems(w.ctx.owner, { accountId: "missing" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(queueCounts(w.ctx.owner, { accountId: other.accounts.a.id }))).toMatchObject({ code: "NOT_FOUND" });
    const listed = await all(other.ctx.owner, { limit: 200 });
    expect(listed.map((i) => i.id)).toEqual([foreign]);
    expect((await all(w.ctx.owner, { limit: 200 })).map((i) => i.id)).not.toContain(foreign);
    const counts = await queueCounts(other.ctx.owner, {});
    expect(counts.accounts.map((x) => x.id).sort()).toEqual([other.accounts.a.id, other.accounts.b.id].sort());
    expect((await getToday(other.ctx.owner)).nextItems.map((i) => i.id)).toEqual([foreign]);
  });
});
