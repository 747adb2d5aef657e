import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, addConnections, addItems, addVote, makeReviewWorld, setQueueRules, type TReviewWorld } from "../review/review.test-util";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv, uniqueSuffix } from "../testing/setup";
import { getRemovalSession } from "./session-view";
import { addIcp, addOutcome, addScore, addTag, planItems, setBudgetRow, setDay } from "./session.test-util";

// The session page's read (design "Session view"): the owner's card (link, why, loses), what
// teammates see, the ended states, recent outcomes with their undo window, the owner's lazy plan,
// and another team's account. State is seeded directly; the clock is injected.

const NOW = new Date("2026-12-05T12:00:00.000Z");
const TODAY = "2026-12-05";
const MIN = 60_000;

let w: TReviewWorld;
let other: TReviewWorld;
let teamId: string;

beforeAll(async () => {
  await startTestEnv();
  [w, other] = [await makeReviewWorld("Sess"), await makeReviewWorld("SessOther")];
  teamId = w.owner.team.id;
});
afterAll(stopTestEnv);

const clock = { now: NOW };

async function newAccount(ownerUserId: string, timeZone = "UTC"): Promise<string> {
  const id = await addAccount(teamId, ownerUserId, `Session ${uniqueSuffix()}`);
  if (timeZone !== "UTC") await ownerQuery(`UPDATE "LinkedInAccount" SET "timeZone" = $2 WHERE id = $1`, [id, timeZone]);
  return id;
}

describe("getRemovalSession: the owner's card", () => {
  it("shows the lowest-ranked planned person with a profile link, why (decision, rules, current votes, scores) and what removing them loses", async () => {
    const accountId = w.accounts.a.id;
    const [ada, bo] = await addConnections(w, accountId, [
      {
        firstName: "Ada",
        lastName: "Lovelace",
        company: "Engines",
        position: "Analyst",
        identityKey: `li:ada-${uniqueSuffix()}`,
        profileUrl: "https://www.linkedin.com/in/ada-lovelace",
        endorsedMe: true,
        endorsementCount: 3,
        recommendedMe: true,
        messageCount: 12,
        lastInteractionAt: new Date("2025-03-02T10:00:00Z"),
        score: 12,
      },
      { firstName: "Bo", lastName: "Ng", company: "Acme Corp", profileUrl: "javascript:alert(1)" },
    ]);
    // The teammate is connected to Ada through their own account.
    const adaKey = (await ownerQuery<{ identityKey: string }>(`SELECT "identityKey" FROM "Connection" WHERE id = $1`, [ada]))[0]!.identityKey;
    await addConnections(w, w.accounts.b.id, [{ firstName: "Ada", lastName: "Lovelace", identityKey: adaKey }]);
    const vip = await addTag(teamId, ada!, "VIP");
    await setQueueRules(teamId, { protectedTagIds: [vip] });
    const icp2 = await addIcp(teamId, "Partners", new Date(Date.now() + 60_000));
    await addScore(teamId, icp2, ada!, 31, "none", [{ criterion: "title", points: -20, text: "−20 title: Analyst" }, { criterion: "company", points: 5, text: "+5 company size" }]);

    const [i1, i2] = await addItems(teamId, [
      { connectionId: ada!, accountId, state: "APPROVED", decision: "REMOVE", decidedById: w.owner.userId, rules: ["no_icp_fit", "stale"], ruleDetail: { stale: "No message since 2025-03" } },
      { connectionId: bo!, accountId, state: "APPROVED", decision: "REMOVE", decidedById: w.owner.userId, origin: "manual", rules: ["manual"] },
    ]);
    await ownerQuery(`UPDATE "ReviewItem" SET "protectedLoss" = ARRAY['Endorsed you'], "decisionReason" = 'Never talked', "addedById" = $2, reason = 'Sells to us' WHERE id = ANY($1)`, [
      [i1, i2],
      w.teammate.userId,
    ]);
    // A vote of an earlier round must not show; this round's do, with names.
    await ownerQuery(`INSERT INTO "ReviewVote" (id, "teamId", "itemId", round, "userId", choice, "updatedAt") VALUES (gen_random_uuid()::text, $1, $2, 0, $3, 'KEEP', now())`, [
      teamId,
      i1,
      w.admin.userId,
    ]);
    await addVote(teamId, i1!, w.teammate.userId, "REMOVE", "spam");
    await addVote(teamId, i1!, w.admin.userId, "REMOVE");
    await planItems([i1!, i2!], TODAY);
    await setDay(teamId, accountId, TODAY, { planned: 2 });

    const s = await getRemovalSession(w.ctx.owner, accountId, clock);
    expect(s.canRun).toBe(true);
    expect(s.account).toMatchObject({ id: accountId, label: w.accounts.a.label, timeZone: "UTC", owner: { id: w.owner.userId, name: w.owner.name } });
    expect(s).toMatchObject({ plannedToday: 2, leftToday: 2, backlog: 0, ended: null, recent: [] });
    expect(s.budget).toMatchObject({ accountId, used: 0, localDate: TODAY });
    const card = s.card!;
    expect(card.itemId).toBe(i1);
    expect(card.planRank).toBe(1);
    expect(card.person).toMatchObject({ connectionId: ada, name: "Ada Lovelace", company: "Engines", position: "Analyst", messageCount: 12, lastInteractionAt: "2025-03-02T10:00:00.000Z" });
    expect(card.link).toEqual({ kind: "profile", url: "https://www.linkedin.com/in/ada-lovelace" });
    expect(card.why.decidedBy).toEqual({ id: w.owner.userId, name: w.owner.name });
    expect(card.why.decisionReason).toBe("Never talked");
    expect(card.why.decidedAt).not.toBeNull();
    expect(card.why.rules).toEqual(["Fits none of the team's ICPs", "Stale: no message, connected long ago: No message since 2025-03"]);
    expect(card.why.votes).toEqual([
      { user: { id: w.teammate.userId, name: w.teammate.name }, choice: "remove", reason: "spam" },
      { user: { id: w.admin.userId, name: w.admin.name }, choice: "remove", reason: null },
    ]);
    expect(card.why.scores).toEqual([
      { icpName: "Buyers", score: 12, band: "none", reasons: ["Seeded"] },
      { icpName: "Partners", score: 31, band: "none", reasons: ["−20 title: Analyst", "+5 company size"] },
    ]);
    expect(card.loses).toEqual([
      "Endorsed you (3 endorsements)",
      "Recommended you",
      "Tagged “VIP” (protected)",
      "12 messages, last on 2025-03-02",
    ]);
    expect(card.reach).toBe(`Still reachable through ${w.teammate.name}'s network`);
    expect(card.retryNote).toBeNull();

    // Ada removed a minute ago: the next card is Bo, whose URL is not LinkedIn's (a search instead).
    await ownerQuery(`UPDATE "ReviewItem" SET state = 'DONE', "executedAt" = $2 WHERE id = $1`, [i1, new Date(NOW.getTime() - MIN)]);
    await ownerQuery(`UPDATE "Connection" SET status = 'REMOVAL_PENDING' WHERE id = $1`, [ada]);
    const removed = await addOutcome(teamId, { accountId, itemId: i1!, connectionId: ada!, localDate: TODAY, createdAt: new Date(NOW.getTime() - MIN), recordedById: w.owner.userId });
    await setDay(teamId, accountId, TODAY, { planned: 2, used: 1 });
    await setBudgetRow(teamId, accountId, { nextAllowedAt: new Date(NOW.getTime() + 30_000) });
    await ownerQuery(`UPDATE "ReviewItem" SET "retryNote" = 'Try again: still connected in your export of 2026-12-01' WHERE id = $1`, [i2]);

    const next = await getRemovalSession(w.ctx.owner, accountId, clock);
    expect(next).toMatchObject({ plannedToday: 2, leftToday: 1, backlog: 0, ended: null });
    expect(next.budget).toMatchObject({ used: 1, blockedBy: "PACE_WAIT", nextAllowedAt: new Date(NOW.getTime() + 30_000).toISOString() });
    expect(next.card!.itemId).toBe(i2);
    expect(next.card!.link).toEqual({ kind: "search", url: "https://www.linkedin.com/search/results/people/?keywords=Bo%20Ng%20Acme%20Corp" });
    expect(next.card!.why.rules).toEqual([`Proposed by ${w.teammate.name}: Sells to us`]);
    expect(next.card!.why.votes).toEqual([]);
    expect(next.card!.why.scores).toEqual([]);
    expect(next.card!.loses).toEqual([]);
    expect(next.card!.reach).toBe("Nobody else on the team is connected to them");
    expect(next.card!.retryNote).toBe("Try again: still connected in your export of 2026-12-01");
    expect(next.recent).toEqual([
      {
        outcomeId: removed,
        itemId: i1,
        name: "Ada Lovelace",
        outcome: "removed",
        createdAt: new Date(NOW.getTime() - MIN).toISOString(),
        undoUntil: new Date(NOW.getTime() + 9 * MIN).toISOString(),
        budgetReturned: false,
        undone: false,
      },
    ]);

    // A teammate sees the same progress, never the card, and cannot run it.
    const theirs = await getRemovalSession(w.ctx.teammate, accountId, clock);
    expect(theirs).toMatchObject({ canRun: false, card: null, plannedToday: 2, leftToday: 1, backlog: 0, ended: null });
    expect(theirs.budget).toEqual(next.budget);
    expect(theirs.recent).toEqual(next.recent);
  });
});

describe("getRemovalSession: recent outcomes", () => {
  it("lists today's outcomes newest first (at most 20), undoable for 10 minutes while live", async () => {
    const accountId = await newAccount(w.owner.userId);
    const people = await addConnections(w, accountId, Array.from({ length: 25 }, (_, i) => ({ firstName: "R", lastName: `${i}` })));
    const items = await addItems(teamId, people.map((connectionId) => ({ connectionId, accountId, state: "DONE" as const, decision: "REMOVE" as const })));
    const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * MIN);
    const fresh = await addOutcome(teamId, { accountId, itemId: items[0]!, connectionId: people[0]!, localDate: TODAY, createdAt: at(3) });
    const old = await addOutcome(teamId, { accountId, itemId: items[1]!, connectionId: people[1]!, localDate: TODAY, createdAt: at(15) });
    const undone = await addOutcome(teamId, { accountId, itemId: items[2]!, connectionId: people[2]!, localDate: TODAY, createdAt: at(4), undoneAt: at(2), counted: false, budgetReturned: true });
    const notFound = await addOutcome(teamId, { accountId, itemId: items[3]!, connectionId: people[3]!, outcome: "NOT_FOUND", localDate: TODAY, createdAt: at(5) });
    // Yesterday's (in the account's zone) are not today's.
    await addOutcome(teamId, { accountId, itemId: items[4]!, connectionId: people[4]!, outcome: "KEPT", localDate: "2026-12-04", createdAt: at(12 * 60 + 5) });
    await Promise.all(
      items.slice(5).map((itemId, k) => addOutcome(teamId, { accountId, itemId, connectionId: people[k + 5]!, outcome: "KEPT", localDate: TODAY, createdAt: at(25 + k) })),
    );
    const s = await getRemovalSession(w.ctx.teammate, accountId, clock);
    expect(s.recent).toHaveLength(20);
    expect(s.recent.slice(0, 5).map((r) => [r.outcomeId, r.outcome, r.undoUntil, r.undone, r.budgetReturned])).toEqual([
      [fresh, "removed", new Date(at(3).getTime() + 10 * MIN).toISOString(), false, false],
      [undone, "removed", null, true, true],
      [notFound, "not_found", new Date(at(5).getTime() + 10 * MIN).toISOString(), false, false],
      [old, "removed", null, false, false],
      [expect.any(String), "kept", null, false, false],
    ]);
    const times = s.recent.map((r) => r.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(s.recent.some((r) => r.createdAt === at(12 * 60 + 5).toISOString())).toBe(false);
  });
});

describe("getRemovalSession: ended", () => {
  it("ends at the daily limit with the next local day's start in the account's zone, even with people left", async () => {
    const accountId = await newAccount(w.owner.userId, "Europe/Berlin");
    const people = await addConnections(w, accountId, [{ firstName: "Left", lastName: "Over" }]);
    const [item] = await addItems(teamId, [{ connectionId: people[0]!, accountId, state: "APPROVED", decision: "REMOVE" }]);
    await planItems([item!], TODAY);
    await setBudgetRow(teamId, accountId, { dailyLimit: 3 });
    await setDay(teamId, accountId, TODAY, { used: 3, planned: 4 });
    const s = await getRemovalSession(w.ctx.owner, accountId, clock);
    expect(s.canRun).toBe(true);
    expect(s.card).toBeNull();
    expect(s.leftToday).toBe(1);
    expect(s.budget).toMatchObject({ limit: 3, used: 3, remaining: 0, blockedBy: "DAILY_LIMIT", resetsAt: "2026-12-05T23:00:00.000Z" });
    expect(s.ended).toEqual({ reason: "DAILY_LIMIT", resetsAt: "2026-12-05T23:00:00.000Z", message: expect.stringContaining("come back tomorrow") });
    expect(s.ended!.message).toContain("00:00 (Europe/Berlin)");
  });

  it("ends as EMPTY when nothing is planned or approved, without planning", async () => {
    const accountId = await newAccount(w.owner.userId);
    const s = await getRemovalSession(w.ctx.owner, accountId, clock);
    expect(s).toMatchObject({ card: null, plannedToday: 0, leftToday: 0, backlog: 0 });
    expect(s.ended).toEqual({ reason: "EMPTY", resetsAt: "2026-12-06T00:00:00.000Z", message: "Nothing left to remove today." });
    const [day] = await ownerQuery(`SELECT 1 FROM "RemovalDay" WHERE "accountId" = $1`, [accountId]);
    expect(day).toBeUndefined();
  });
});

describe("getRemovalSession: the owner's visit plans lazily", () => {
  it("a teammate's visit only reads; the owner's plans the approved backlog, lowest fit first", async () => {
    const accountId = await newAccount(w.owner.userId);
    const [hi, lo, mid] = await addConnections(w, accountId, [
      { firstName: "High", lastName: "Fit", score: 60 },
      { firstName: "Low", lastName: "Fit", score: 5 },
      { firstName: "Mid", lastName: "Fit", score: 30 },
    ]);
    const items = await addItems(teamId, [hi!, lo!, mid!].map((connectionId) => ({ connectionId, accountId, state: "APPROVED" as const, decision: "REMOVE" as const, decidedById: w.owner.userId })));

    const seen = await getRemovalSession(w.ctx.teammate, accountId, clock);
    expect(seen).toMatchObject({ canRun: false, card: null, leftToday: 0, backlog: 3, ended: null });
    expect(await ownerQuery(`SELECT 1 FROM "ReviewItem" WHERE id = ANY($1) AND "plannedOn" IS NOT NULL`, [items])).toHaveLength(0);

    const s = await getRemovalSession(w.ctx.owner, accountId, clock);
    expect(s).toMatchObject({ canRun: true, leftToday: 3, plannedToday: 3, backlog: 0, ended: null });
    expect(s.card!.itemId).toBe(items[1]);
    expect(s.card!.person.name).toBe("Low Fit");
  });

  it("after a top-up that finds nothing plannable (a protected person approved without the warning), the session says it is empty", async () => {
    const accountId = await newAccount(w.owner.userId);
    const [p] = await addConnections(w, accountId, [{ firstName: "Kind", lastName: "Endorser", endorsedMe: true, endorsementCount: 1 }]);
    await addItems(teamId, [{ connectionId: p!, accountId, state: "APPROVED", decision: "REMOVE", decidedById: w.owner.userId }]);
    const s = await getRemovalSession(w.ctx.owner, accountId, clock);
    expect(s).toMatchObject({ card: null, leftToday: 0, backlog: 1 });
    expect(s.ended).toMatchObject({ reason: "EMPTY", message: "Nothing left to remove today." });
  });
});

describe("getRemovalSession: tenancy", () => {
  it("another team's account, or a malformed id, is a 404", async () => {
    for (const id of [w.accounts.a.id, "not an id!", ""]) {
      const e = await rejectionOf(getRemovalSession(other.ctx.owner, id, clock));
      expect(e.code, id).toBe("NOT_FOUND");
      expect(e.message).toContain("This LinkedIn account");
    }
  });
});
