import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDateOf } from "../removals/local-day";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv } from "../testing/setup";
import { buildQueue } from "./build-queue";
import { bulkReview } from "./bulk-review";
import { castVote } from "./cast-vote";
import { claimNextItem } from "./claim-item";
import { decideItem } from "./decide-item";
import { getReviewItem } from "./get-review-item";
import { listReviewItems } from "./list-review-items";
import { listNotifications } from "./notifications";
import { queueCounts } from "./queue-counts";
import { addConnections, addItems, makeReviewWorld, setQueueRules, type TReviewWorld } from "./review.test-util";
import { undoReview } from "./undo-review";

// WITHDRAW_INVITATION items (issue 17, docs/decisions/0013): the build proposes outgoing invitations
// pending too long, and every read and write of the queue handles an item without a connection.

const DAY = 86_400_000;
let w: TReviewWorld;
let other: TReviewWorld;

beforeAll(async () => {
  await startTestEnv();
  [w, other] = [await makeReviewWorld("Inv"), await makeReviewWorld("InvOther")];
});
afterAll(stopTestEnv);

type TInvSeed = { name: string; daysAgo: number | null; message?: string | null; direction?: "OUTGOING" | "INCOMING"; status?: "PENDING" | "ACCEPTED" | "GONE"; profileUrl?: string | null };

/** Invitation rows written directly (the import that writes them is another engineer's): returns ids in order. */
async function addInvitations(world: TReviewWorld, accountId: string, seeds: TInvSeed[], now = Date.now()): Promise<string[]> {
  const ids: string[] = [];
  for (const s of seeds) {
    const id = randomUUID();
    ids.push(id);
    const key = `li:inv-${id.slice(0, 8)}`;
    await ownerQuery(
      `INSERT INTO "PendingInvitation" (id, "teamId", "accountId", "importId", direction, name, "profileUrl", "identityKey", "sentAt", message, "personKey", status)
       VALUES ($1, $2, $3, 'import-test', $4, $5, $6, $7, $8::timestamptz AT TIME ZONE 'UTC', $9, $7, $10::"InvitationStatus")`,
      [id, world.owner.team.id, accountId, s.direction ?? "OUTGOING", s.name, s.profileUrl === undefined ? `https://www.linkedin.com/in/${key.slice(3)}` : s.profileUrl, key,
        s.daysAgo === null ? null : new Date(now - s.daysAgo * DAY).toISOString(), s.message ?? null, s.status ?? "PENDING"],
    );
  }
  return ids;
}

type TRow = { id: string; kind: string; state: string; connectionId: string | null; invitationId: string | null; accountId: string; rules: string[]; ruleDetail: Record<string, string>; version: number; round: number; closedReason: string | null; decision: string | null; keepUntil: Date | null; voteCount: number };
const itemOf = async (invitationId: string) => (await ownerQuery<TRow>(`SELECT * FROM "ReviewItem" WHERE "invitationId" = $1`, [invitationId]))[0];
const setInvitation = (id: string, sql: string, params: unknown[] = []) => ownerQuery(`UPDATE "PendingInvitation" SET ${sql} WHERE id = $1`, [id, ...params]);
const setItem = (id: string, sql: string, params: unknown[] = []) => ownerQuery(`UPDATE "ReviewItem" SET ${sql} WHERE id = $1`, [id, ...params]);
const ymd = (d: Date) => d.toISOString().slice(0, 10);

describe("the build's withdraw step", () => {
  let inv: string[];
  let now: Date;

  beforeAll(async () => {
    now = new Date();
    inv = await addInvitations(w, w.accounts.a.id, [
      { name: "Old Silent", daysAgo: 90 },
      { name: "Old Chatty", daysAgo: 75, message: "Hi, we met at the fair" },
      { name: "Recent", daysAgo: 30 },
      { name: "Incoming Old", daysAgo: 200, direction: "INCOMING" },
      { name: "Accepted Old", daysAgo: 200, status: "ACCEPTED" },
      { name: "No Date", daysAgo: null },
    ], now.getTime());
  });

  it("proposes outgoing pending invitations older than withdrawAfterDays (60 by default), with absolute sentences", async () => {
    const r = await buildQueue(w.owner.team.id, { now });
    expect(r).toMatchObject({ withdraw_invitation: 2, remove: 0, opened: 2 });
    const silent = await itemOf(inv[0]!);
    expect(silent).toMatchObject({ kind: "WITHDRAW_INVITATION", state: "OPEN", connectionId: null, invitationId: inv[0], accountId: w.accounts.a.id, rules: ["stale_invitation"], round: 1 });
    expect(silent!.ruleDetail).toEqual({ stale_invitation: `Sent ${ymd(new Date(now.getTime() - 90 * DAY))} without a personal message` });
    expect((await itemOf(inv[1]!))!.ruleDetail).toEqual({ stale_invitation: `Sent ${ymd(new Date(now.getTime() - 75 * DAY))} with a personal message` });
    for (const i of inv.slice(2)) expect(await itemOf(i)).toBeUndefined();
  });

  it("a rebuild (even on a later day) changes nothing", async () => {
    const again = await buildQueue(w.owner.team.id, { now: new Date(now.getTime() + 3 * DAY) });
    expect(again).toMatchObject({ withdraw_invitation: 2, opened: 0, updated: 0, closed: 0, reopened: 0 });
  });

  it("follows the threshold: raised, the untouched item closes saying why; lowered again, it reopens", async () => {
    await setQueueRules(w.owner.team.id, { withdrawAfterDays: 80 });
    const r = await buildQueue(w.owner.team.id, { now });
    expect(r).toMatchObject({ withdraw_invitation: 1, closed: 1 });
    expect(await itemOf(inv[1]!)).toMatchObject({ state: "CLOSED", closedReason: `Sent ${ymd(new Date(now.getTime() - 75 * DAY))}: pending for less than 80 days` });
    await setQueueRules(w.owner.team.id, { withdrawAfterDays: 20 });
    const lower = await buildQueue(w.owner.team.id, { now });
    expect(lower).toMatchObject({ withdraw_invitation: 3, opened: 1, reopened: 1 });
    expect(await itemOf(inv[1]!)).toMatchObject({ state: "OPEN", closedReason: null });
    await setQueueRules(w.owner.team.id, { withdrawInvitations: false });
    expect(await buildQueue(w.owner.team.id, { now })).toMatchObject({ withdraw_invitation: 0, closed: 3 });
    expect(await itemOf(inv[0]!)).toMatchObject({ state: "CLOSED", closedReason: "No longer matches any queue rule" });
    await setQueueRules(w.owner.team.id, {});
    // Back to 60 days: the two old ones reopen; the 30-day one stays closed.
    expect(await buildQueue(w.owner.team.id, { now })).toMatchObject({ withdraw_invitation: 2, reopened: 2, closed: 0 });
    expect(await itemOf(inv[2]!)).toMatchObject({ state: "CLOSED" });
  });

  it("refuses a threshold outside 14–365 days, naming the field", async () => {
    const { ZQueueRules } = await import("./queue-rules");
    const r = ZQueueRules.safeParse({ withdrawAfterDays: 7 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe("Withdraw invitations after: at least 14 days.");
    expect(ZQueueRules.safeParse({ withdrawAfterDays: 400 }).error!.issues[0]!.message).toBe("Withdraw invitations after: at most 365 days.");
  });

  it("closes an item whose invitation was accepted or gone even when someone voted (nothing left to withdraw)", async () => {
    const [acc, voted, pendingVoted] = await addInvitations(w, w.accounts.a.id, [
      { name: "Will Accept", daysAgo: 100 },
      { name: "Voted Gone", daysAgo: 100 },
      { name: "Voted Still Pending", daysAgo: 100 },
    ]);
    await buildQueue(w.owner.team.id, { now });
    for (const inv of [voted!, pendingVoted!]) await castVote(w.ctx.teammate, (await itemOf(inv))!.id, { choice: "remove" });
    const changed = new Date("2026-11-20T23:30:00Z");
    await setInvitation(acc!, `status = 'ACCEPTED', "statusChangedAt" = $2::timestamptz AT TIME ZONE 'UTC'`, [changed.toISOString()]);
    await setInvitation(voted!, `status = 'GONE', "statusChangedAt" = $2::timestamptz AT TIME ZONE 'UTC'`, [changed.toISOString()]);
    const r = await buildQueue(w.owner.team.id, { now });
    expect(r.closed).toBe(2);
    const [zone] = await ownerQuery<{ tz: string }>(`SELECT "timeZone" AS tz FROM "LinkedInAccount" WHERE id = $1`, [w.accounts.a.id]);
    expect(await itemOf(acc!)).toMatchObject({ state: "CLOSED", closedReason: "They accepted the invitation" });
    expect(await itemOf(voted!)).toMatchObject({ state: "CLOSED", voteCount: 1, closedReason: `No longer pending in your export of ${localDateOf(changed, zone!.tz)}` });
    // Still pending, no longer qualifying: a vote keeps the item open (a raised threshold does not overrule it).
    await setQueueRules(w.owner.team.id, { withdrawAfterDays: 200 });
    await buildQueue(w.owner.team.id, { now });
    expect(await itemOf(pendingVoted!)).toMatchObject({ state: "OPEN", voteCount: 1 });
    await setQueueRules(w.owner.team.id, {});
  });

  it("a voted snoozed item closes too once its invitation is gone", async () => {
    const [snz] = await addInvitations(w, w.accounts.a.id, [{ name: "Voted Snoozed", daysAgo: 100 }]);
    await buildQueue(w.owner.team.id, { now });
    await castVote(w.ctx.teammate, (await itemOf(snz!))!.id, { choice: "keep" });
    await setItem((await itemOf(snz!))!.id, `state = 'SNOOZED', "snoozedUntil" = now() + interval '10 days'`);
    await setInvitation(snz!, `status = 'GONE'`);
    await buildQueue(w.owner.team.id, { now });
    expect(await itemOf(snz!)).toMatchObject({ state: "CLOSED", closedReason: "The invitation is no longer pending (withdrawn, declined or expired)" });
  });

  it("closes a snoozed item nobody voted on once there is nothing left to withdraw; a raised threshold leaves it snoozed", async () => {
    const [snz] = await addInvitations(w, w.accounts.a.id, [{ name: "Snoozed Then Gone", daysAgo: 100 }]);
    await buildQueue(w.owner.team.id, { now });
    const it0 = (await itemOf(snz!))!;
    const until = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
    await decideItem(w.ctx.owner, it0.id, { choice: "snooze", snoozeUntil: until, version: it0.version });
    await setQueueRules(w.owner.team.id, { withdrawAfterDays: 200 });
    await buildQueue(w.owner.team.id, { now });
    expect(await itemOf(snz!)).toMatchObject({ state: "SNOOZED" });
    await setQueueRules(w.owner.team.id, {});
    await setInvitation(snz!, `status = 'GONE'`);
    await buildQueue(w.owner.team.id, { now });
    expect(await itemOf(snz!)).toMatchObject({ state: "CLOSED", closedReason: "The invitation is no longer pending (withdrawn, declined or expired)" });
  });

  it("a Keep waiting lasts keepUntil: not proposed again before, a new round after", async () => {
    const [kept] = await addInvitations(w, w.accounts.a.id, [{ name: "Kept Waiting", daysAgo: 100 }]);
    await buildQueue(w.owner.team.id, { now });
    const it0 = (await itemOf(kept!))!;
    const decided = await decideItem(w.ctx.owner, it0.id, { choice: "keep", version: it0.version });
    expect(decided).toMatchObject({ state: "done", decision: "keep" });
    expect((await itemOf(kept!))!.keepUntil).not.toBeNull();
    expect((await buildQueue(w.owner.team.id, { now })).reopened).toBe(0);
    expect(await itemOf(kept!)).toMatchObject({ state: "DONE", decision: "KEEP" });
    await setItem(it0.id, `"keepUntil" = now() - interval '1 day'`);
    expect((await buildQueue(w.owner.team.id, { now })).reopened).toBe(1);
    expect(await itemOf(kept!)).toMatchObject({ state: "OPEN", round: 2, decision: null, keepUntil: null });
  });

  it("a re-invitation after a done withdrawal comes back as a new round once it is itself stale", async () => {
    const [inv] = await addInvitations(w, w.accounts.a.id, [{ name: "Withdrawn Then Reinvited", daysAgo: 300 }]);
    await buildQueue(w.owner.team.id, { now });
    const it0 = (await itemOf(inv!))!;
    await castVote(w.ctx.teammate, it0.id, { choice: "remove" });
    const executed = new Date(now.getTime() - 200 * DAY).toISOString();
    await setItem(it0.id, `state = 'DONE', decision = 'REMOVE', "decidedAt" = $2::timestamptz AT TIME ZONE 'UTC', "executedAt" = $2::timestamptz AT TIME ZONE 'UTC'`, [executed]);
    const outcome = randomUUID();
    await ownerQuery(
      `INSERT INTO "WithdrawalOutcome" (id, "teamId", "accountId", "itemId", "invitationId", outcome, "localDate", counted, "liveFor", "createdAt", verification, "verifiedAt")
       VALUES ($1, $2, $3, $4, $5, 'WITHDRAWN', $6::date, true, $4, $6::timestamptz AT TIME ZONE 'UTC', 'withdrawn', now())`,
      [outcome, w.owner.team.id, w.accounts.a.id, it0.id, inv!, executed],
    );
    // Invited again 10 days ago: pending, but not stale yet.
    await setInvitation(inv!, `status = 'PENDING', "sentAt" = $2::timestamptz AT TIME ZONE 'UTC'`, [new Date(now.getTime() - 10 * DAY).toISOString()]);
    expect((await buildQueue(w.owner.team.id, { now })).reopened).toBe(0);
    expect(await itemOf(inv!)).toMatchObject({ state: "DONE", round: 1 });
    // The same re-invitation 90 days later (sent 100 days ago, after the withdrawal): a new round.
    const sent = new Date(now.getTime() - 100 * DAY);
    await setInvitation(inv!, `"sentAt" = $2::timestamptz AT TIME ZONE 'UTC'`, [sent.toISOString()]);
    expect((await buildQueue(w.owner.team.id, { now })).reopened).toBe(1);
    const it1 = (await itemOf(inv!))!;
    expect(it1).toMatchObject({ state: "OPEN", round: 2, voteCount: 0, decision: null, closedReason: null });
    expect(it1.ruleDetail).toEqual({ stale_invitation: `Sent ${ymd(sent)} without a personal message` });
    expect((await ownerQuery(`SELECT "executedAt" FROM "ReviewItem" WHERE id = $1`, [it0.id]))[0]).toEqual({ executedAt: null });
    // The old round keeps its vote; its withdrawal still counts (released, not superseded).
    expect(await ownerQuery(`SELECT round FROM "ReviewVote" WHERE "itemId" = $1`, [it0.id])).toEqual([{ round: 1 }]);
    expect((await ownerQuery(`SELECT "liveFor", "supersededAt", "undoneAt" FROM "WithdrawalOutcome" WHERE id = $1`, [outcome]))[0]).toEqual({ liveFor: null, supersededAt: null, undoneAt: null });
    expect((await buildQueue(w.owner.team.id, { now })).reopened).toBe(0);
  });

  it("an invitation accepted (item closed), the person later removed and invited again: a new round once stale", async () => {
    const [inv] = await addInvitations(w, w.accounts.a.id, [{ name: "Accepted Then Reinvited", daysAgo: 300 }]);
    await buildQueue(w.owner.team.id, { now });
    const it0 = (await itemOf(inv!))!;
    await castVote(w.ctx.teammate, it0.id, { choice: "keep" });
    await setInvitation(inv!, `status = 'ACCEPTED'`);
    await buildQueue(w.owner.team.id, { now });
    expect(await itemOf(inv!)).toMatchObject({ state: "CLOSED", closedReason: "They accepted the invitation" });
    // That was 150 days ago; since then the owner removed them and invited them again.
    await setItem(it0.id, `"closedAt" = $2::timestamptz AT TIME ZONE 'UTC'`, [new Date(now.getTime() - 150 * DAY).toISOString()]);
    const sent = new Date(now.getTime() - 80 * DAY);
    await setInvitation(inv!, `status = 'PENDING', "sentAt" = $2::timestamptz AT TIME ZONE 'UTC'`, [sent.toISOString()]);
    expect((await buildQueue(w.owner.team.id, { now })).reopened).toBe(1);
    expect(await itemOf(inv!)).toMatchObject({ state: "OPEN", round: 2, voteCount: 0, closedReason: null });
  });

  it("is scoped to the account when the build is, and leaves the connection rules' items alone", async () => {
    const [onB] = await addInvitations(w, w.accounts.b.id, [{ name: "On B", daysAgo: 100 }]);
    const [conn] = await addConnections(w, w.accounts.a.id, [{ firstName: "Manual", lastName: "Item" }]);
    const [manual] = await addItems(w.owner.team.id, [{ connectionId: conn!, accountId: w.accounts.a.id, origin: "manual", rules: [] }]);
    const scoped = await buildQueue(w.owner.team.id, { accountId: w.accounts.a.id, now });
    expect(scoped.opened).toBe(0);
    expect(await itemOf(onB!)).toBeUndefined();
    const all = await buildQueue(w.owner.team.id, { now });
    expect(all.opened).toBe(1);
    expect(await itemOf(onB!)).toMatchObject({ accountId: w.accounts.b.id, state: "OPEN" });
    expect((await ownerQuery(`SELECT state FROM "ReviewItem" WHERE id = $1`, [manual]))[0]).toEqual({ state: "OPEN" });
  });
});

describe("reading and writing invitation items", () => {
  let itemId: string;
  let invId: string;
  let plainItem: string;

  beforeAll(async () => {
    invId = (await addInvitations(other, other.accounts.a.id, [{ name: "Ines Invitee", daysAgo: 70, profileUrl: null }]))[0]!;
    await buildQueue(other.owner.team.id);
    itemId = (await itemOf(invId))!.id;
    const [c] = await addConnections(other, other.accounts.a.id, [{ firstName: "Carl", lastName: "Connected" }]);
    plainItem = (await addItems(other.owner.team.id, [{ connectionId: c!, accountId: other.accounts.a.id }]))[0]!;
  });

  it("lists by kind with the invitee as `connection` and the invitation's facts", async () => {
    const page = await listReviewItems(other.ctx.teammate, { kind: "withdraw_invitation" });
    expect(page.items.map((i) => i.id)).toEqual([itemId]);
    const s = page.items[0]!;
    expect(s.connection).toEqual({
      id: invId,
      name: "Ines Invitee",
      profileUrl: null,
      linkedInUrl: "https://www.linkedin.com/search/results/people/?keywords=Ines%20Invitee",
      position: null,
      company: null,
      score: null,
      fit: null,
      flags: [],
    });
    expect(s.invitation).toMatchObject({ id: invId, ageDays: 70, hasMessage: false, status: "pending" });
    expect(s.rules).toEqual([{ code: "stale_invitation", label: "Invitation pending for a long time", detail: expect.stringMatching(/^Sent \d{4}-\d{2}-\d{2} without a personal message$/) }]);
    const all = await listReviewItems(other.ctx.teammate, {});
    expect(all.items.find((i) => i.id === plainItem)!.invitation).toBeNull();
    expect(all.items.map((i) => i.id)).toContain(itemId);
    expect((await queueCounts(other.ctx.teammate, {})).needs_my_vote).toBe(2);
  });

  it("shows a card without connection detail, and the one-card flow claims it", async () => {
    const card = await getReviewItem(other.ctx.owner, itemId);
    expect(card).toMatchObject({ id: itemId, kind: "withdraw_invitation", detail: null, teammatesConnected: [], protectedLoss: [], canDecide: true });
    expect(card.invitation!.status).toBe("pending");
    const claimed = await claimNextItem(other.ctx.teammate, { kind: "withdraw_invitation" });
    expect(claimed?.id).toBe(itemId);
    expect(claimed?.connection.name).toBe("Ines Invitee");
  });

  it("refuses follow-up naming the kind, for votes and decisions; bulk skips such items and does the rest", async () => {
    const vote = await rejectionOf(castVote(other.ctx.teammate, itemId, { choice: "follow_up" }));
    expect([vote.code, vote.message]).toEqual(["VALIDATION", "Follow-up is not a choice for an invitation; choose Withdraw, Keep waiting or Snooze."]);
    const decide = await rejectionOf(decideItem(other.ctx.owner, itemId, { choice: "follow_up", version: 1 }));
    expect(decide.code).toBe("VALIDATION");
    const bulk = await bulkReview(other.ctx.teammate, { target: { ids: [itemId, plainItem] }, action: "vote", choice: "follow_up" });
    expect(bulk.count).toBe(1);
    expect(bulk.skipped).toEqual([{ id: itemId, why: "an invitation has no follow-up (choose Withdraw, Keep waiting or Snooze)" }]);
    const bulkDecide = await bulkReview(other.ctx.owner, { target: { ids: [itemId] }, action: "decide", choice: "follow_up" });
    expect(bulkDecide.count).toBe(0);
    expect((await itemOf(invId))).toMatchObject({ state: "OPEN", voteCount: 0 });
  });

  it("is voted, decided (Withdraw → approved) and undone; the voter hears about the invitation by name", async () => {
    const voted = await castVote(other.ctx.teammate, itemId, { choice: "remove", reason: "never answered" });
    expect(voted).toMatchObject({ myVote: "remove", tally: expect.objectContaining({ remove: 1 }) });
    const decided = await decideItem(other.ctx.owner, itemId, { choice: "remove", version: voted.version });
    expect(decided).toMatchObject({ state: "approved", decision: "remove", canUndo: true });
    const notes = await listNotifications(other.ctx.teammate, {});
    expect(notes.items.map((n) => n.text)).toContain(`${other.owner.name} decided Withdraw on the invitation to Ines Invitee — you voted Withdraw`);
    expect((await getReviewItem(other.ctx.owner, itemId)).history[0]!.text).toBe("Decided Withdraw");
    const undone = await undoReview(other.ctx.owner, { itemId });
    expect(undone.item).toMatchObject({ state: "open", decision: null });
    const snoozed = await decideItem(other.ctx.owner, itemId, { choice: "snooze", snoozeUntil: new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10), version: undone.item!.version });
    expect(snoozed.state).toBe("snoozed");
    const kept = await decideItem(other.ctx.owner, itemId, { choice: "keep", version: snoozed.version });
    expect(kept).toMatchObject({ state: "done", decision: "keep" });
    expect((await itemOf(invId))!.keepUntil).not.toBeNull();
  });

  it("is another team's: not listed, not readable, not votable (404, never data)", async () => {
    expect((await listReviewItems(w.ctx.owner, { kind: "withdraw_invitation" })).items.map((i) => i.id)).not.toContain(itemId);
    const attempts = [
      () => getReviewItem(w.ctx.owner, itemId),
      () => castVote(w.ctx.owner, itemId, { choice: "remove" }),
      () => decideItem(w.ctx.owner, itemId, { choice: "keep", version: 1 }),
      () => undoReview(w.ctx.owner, { itemId }),
    ];
    for (const attempt of attempts) expect((await rejectionOf(attempt())).code).toBe("NOT_FOUND");
    const bulk = await bulkReview(w.ctx.owner, { target: { ids: [itemId] }, action: "vote", choice: "remove" });
    expect(bulk).toMatchObject({ count: 0, skipped: [{ id: itemId, why: "not found in this team" }] });
  });
});
