import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, addConnections, addItems, makeReviewWorld, type TPersonSeed, type TReviewWorld } from "../review/review.test-util";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv, uniqueSuffix } from "../testing/setup";
import { listRemovalAccounts } from "./overview";
import { listRemovedPeople, removedPeopleCsv } from "./removed-people";
import { addOutcome, planItems, setDay, type TOutcomeSeed } from "./session.test-util";

// The Removed people list (keyset pages, pending vs verified, reconnect links), its CSV read back
// with csv-parse, the Removals overview's counts, and another team's account.

const NOW = new Date("2026-12-05T12:00:00.000Z");
const TODAY = "2026-12-05";
const MIN = 60_000;

let w: TReviewWorld;
let other: TReviewWorld;
let teamId: string;

beforeAll(async () => {
  await startTestEnv();
  [w, other] = [await makeReviewWorld("Removed"), await makeReviewWorld("RemovedOther")];
  teamId = w.owner.team.id;
});
afterAll(stopTestEnv);

type TRemovedSeed = TPersonSeed & { at: Date; outcome?: Partial<Omit<TOutcomeSeed, "accountId" | "itemId" | "connectionId" | "createdAt">> };

/** People with an executed removal item and its outcome; returns the connection and outcome ids in order. */
async function seedRemoved(accountId: string, people: TRemovedSeed[]): Promise<Array<{ connectionId: string; outcomeId: string }>> {
  const ids = await addConnections(w, accountId, people);
  const items = await addItems(teamId, ids.map((connectionId, i) => ({ connectionId, accountId, state: "DONE" as const, decision: "REMOVE" as const, executedAt: people[i]!.at })));
  const out: Array<{ connectionId: string; outcomeId: string }> = [];
  for (const [i, p] of people.entries()) {
    const outcomeId = await addOutcome(teamId, { accountId, itemId: items[i]!, connectionId: ids[i]!, localDate: TODAY, createdAt: p.at, recordedById: w.owner.userId, ...p.outcome });
    out.push({ connectionId: ids[i]!, outcomeId });
  }
  return out;
}

describe("listRemovedPeople", () => {
  it("lists standing removals newest first, pending vs verified, with reconnect links, in keyset pages", async () => {
    const accountId = await addAccount(teamId, w.owner.userId, `Removed list ${uniqueSuffix()}`);
    const t = (m: number) => new Date(NOW.getTime() - m * MIN);
    const seeded = await seedRemoved(accountId, [
      { firstName: "Pen", lastName: "Ding", company: "Acme", position: "CTO", status: "REMOVAL_PENDING", profileUrl: "https://www.linkedin.com/in/pen", at: t(1) },
      { firstName: "Vera", lastName: "Fied", status: "REMOVED", profileUrl: "javascript:alert(1)", company: "Corp", at: t(60 * 24 * 3) },
      // Two on the same millisecond: the id settles their order across pages.
      { firstName: "Tie", lastName: "One", status: "REMOVAL_PENDING", at: t(10) },
      { firstName: "Tie", lastName: "Two", status: "REMOVAL_PENDING", at: t(10) },
      { firstName: "Old", lastName: "Timer", status: "REMOVED", at: t(60 * 24 * 10) },
      { firstName: "Fifth", lastName: "Person", status: "REMOVAL_PENDING", at: t(30) },
      // Not listed: superseded (an import found them still connected), undone, "not found", reconnected since.
      { firstName: "Still", lastName: "Connected", status: "CONNECTED", at: t(2), outcome: { supersededAt: t(1) } },
      { firstName: "Un", lastName: "Done", status: "CONNECTED", at: t(3), outcome: { undoneAt: t(2), counted: false, budgetReturned: true } },
      { firstName: "Not", lastName: "Found", status: "CONNECTED", at: t(4), outcome: { outcome: "NOT_FOUND" } },
      { firstName: "Came", lastName: "Back", status: "CONNECTED", at: t(5) },
    ]);
    await ownerQuery(`UPDATE "Connection" SET "goneAt" = $2 WHERE id = $1`, [seeded[1]!.connectionId, t(60 * 24)]);
    // Removed before, that removal undone (or found still connected), then removed again: listed once, by the standing removal.
    const [again] = await addItems(teamId, [{ connectionId: seeded[5]!.connectionId, accountId, kind: "FOLLOW_UP", state: "DONE" }]);
    const base = { accountId, connectionId: seeded[5]!.connectionId, localDate: TODAY };
    await addOutcome(teamId, { ...base, itemId: again!, createdAt: t(50), undoneAt: t(45), counted: true });
    await addOutcome(teamId, { ...base, itemId: again!, createdAt: t(40), supersededAt: t(35) });
    const tie = [seeded[2]!, seeded[3]!].sort((a, b) => (a.outcomeId < b.outcomeId ? 1 : -1));
    const expected = [seeded[0]!, ...tie, seeded[5]!, seeded[1]!, seeded[4]!].map((s) => s.connectionId);

    const first = await listRemovedPeople(w.ctx.teammate, accountId);
    expect(first.total).toBe(6);
    expect(first.nextCursor).toBeNull();
    expect(first.account.id).toBe(accountId);
    expect(first.items.map((p) => p.connectionId)).toEqual(expected);
    expect(first.items[0]).toEqual({
      connectionId: seeded[0]!.connectionId,
      name: "Pen Ding",
      position: "CTO",
      company: "Acme",
      reconnect: { kind: "profile", url: "https://www.linkedin.com/in/pen" },
      status: "pending",
      removedAt: t(1).toISOString(),
      removedBy: { id: w.owner.userId, name: w.owner.name },
      verifiedAt: null,
    });
    const vera = first.items.find((p) => p.name === "Vera Fied")!;
    expect(vera).toMatchObject({ status: "verified", verifiedAt: t(60 * 24).toISOString(), reconnect: { kind: "search", url: "https://www.linkedin.com/search/results/people/?keywords=Vera%20Fied%20Corp" } });

    const paged: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listRemovedPeople>> = await listRemovedPeople(w.ctx.owner, accountId, { cursor, limit: 2 });
      expect(page.total).toBe(6);
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((p) => p.connectionId));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(paged).toEqual(expected);
  });

  it("refuses a cursor it did not write (400, field cursor) and a limit outside 1–200", async () => {
    const accountId = w.accounts.a.id;
    const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64url");
    for (const cursor of ["not a cursor!", b64("2026-02-30T00:00:00.000Z|abc"), b64("2026-12-05T00:00:00.000Z"), b64("2026-12-05T00:00:00.000Z|a|b"), b64("1|abc"), b64("2026-12-05T00:00:00.000Z|ab c"), "A".repeat(500)]) {
      const e = await rejectionOf(listRemovedPeople(w.ctx.owner, accountId, { cursor }));
      expect(e.code, cursor).toBe("VALIDATION");
      expect((e as unknown as { details: { field: string } }).details.field).toBe("cursor");
    }
    for (const limit of [0, 201, 1.5]) {
      const e = await rejectionOf(listRemovedPeople(w.ctx.owner, accountId, { limit }));
      expect(e.code).toBe("VALIDATION");
      expect((e as unknown as { details: { field: string } }).details.field).toBe("limit");
    }
    const ok = await listRemovedPeople(w.ctx.owner, accountId, { cursor: b64("2026-12-05T00:00:00.000Z|abc"), limit: 200 });
    expect(ok.items).toEqual([]);
  });
});

describe("removedPeopleCsv", () => {
  it("writes every standing removal with formula cells neutralised, readable by csv-parse", async () => {
    const label = `CSV Net ${uniqueSuffix()}`;
    const accountId = await addAccount(teamId, w.owner.userId, label);
    const t = (m: number) => new Date(NOW.getTime() - m * MIN);
    await seedRemoved(accountId, [
      { firstName: "=HYPERLINK(\"http://evil\")", lastName: "X", company: "+cmd|' /C calc'!A0", position: "@SUM(1)", status: "REMOVAL_PENDING", profileUrl: "https://www.linkedin.com/in/x", at: t(1) },
      { firstName: "Plain", lastName: "Person", company: "Acme, Inc.", position: "Line\nbreak", status: "REMOVED", at: t(2) },
      { firstName: "Gone", lastName: "Back", status: "CONNECTED", at: t(3), outcome: { undoneAt: t(1), counted: false } },
    ]);
    await ownerQuery(`UPDATE "Connection" SET "goneAt" = $2 WHERE "accountId" = $1 AND status = 'REMOVED'`, [accountId, t(0)]);
    const { fileName, csv } = await removedPeopleCsv(w.ctx.teammate, accountId);
    expect(fileName).toMatch(new RegExp(`^removed-${label.toLowerCase().replace(/ /g, "-")}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual(["name", "position", "company", "profile_url", "status", "removed_at", "removed_by", "verified_at"]);
    expect(rows).toEqual([
      {
        name: "'=HYPERLINK(\"http://evil\") X",
        position: "'@SUM(1)",
        company: "'+cmd|' /C calc'!A0",
        profile_url: "https://www.linkedin.com/in/x",
        status: "pending",
        removed_at: t(1).toISOString(),
        removed_by: w.owner.name,
        verified_at: "",
      },
      {
        name: "Plain Person",
        position: "Line\nbreak",
        company: "Acme, Inc.",
        profile_url: "",
        status: "verified",
        removed_at: t(2).toISOString(),
        removed_by: w.owner.name,
        verified_at: t(0).toISOString(),
      },
    ]);
  });
});

describe("listRemovalAccounts", () => {
  it("lists every account of the team with its backlog, today's plan, budget and removed counts", async () => {
    const w2 = await makeReviewWorld("Overview");
    const t2 = w2.owner.team.id;
    const a = w2.accounts.a.id;
    const ids = await addConnections(w2, a, [{}, {}, {}, { status: "REMOVAL_PENDING" }, { status: "REMOVED" }, { status: "REMOVED" }]);
    const items = await addItems(t2, [
      ...ids.slice(0, 3).map((connectionId) => ({ connectionId, accountId: a, state: "APPROVED" as const, decision: "REMOVE" as const })),
      ...ids.slice(3).map((connectionId) => ({ connectionId, accountId: a, state: "DONE" as const, decision: "REMOVE" as const })),
    ]);
    await planItems(items.slice(0, 2), TODAY);
    await setDay(t2, a, TODAY, { used: 3, planned: 5 });
    for (const i of [3, 4, 5]) await addOutcome(t2, { accountId: a, itemId: items[i]!, connectionId: ids[i]!, localDate: TODAY, createdAt: new Date(NOW.getTime() - i * MIN) });

    const list = await listRemovalAccounts(w2.ctx.owner, { now: NOW });
    expect(list.map((x) => x.accountId).sort()).toEqual([a, w2.accounts.b.id].sort());
    const mine = list.find((x) => x.accountId === a)!;
    expect(mine).toMatchObject({ label: w2.accounts.a.label, owner: { id: w2.owner.userId, name: w2.owner.name }, canRun: true, approved: 3, plannedToday: 5, leftToday: 2, removedPending: 1, removedVerified: 2 });
    expect(mine.budget).toMatchObject({ accountId: a, used: 3, localDate: TODAY });
    const theirs = list.find((x) => x.accountId === w2.accounts.b.id)!;
    expect(theirs).toMatchObject({ owner: { id: w2.teammate.userId }, canRun: false, approved: 0, plannedToday: 0, leftToday: 0, removedPending: 0, removedVerified: 0 });
    expect(theirs.budget.used).toBe(0);

    const asTeammate = await listRemovalAccounts(w2.ctx.teammate, { now: NOW });
    expect(asTeammate.find((x) => x.accountId === a)!.canRun).toBe(false);
    expect(asTeammate.find((x) => x.accountId === w2.accounts.b.id)!.canRun).toBe(true);
  });
});

describe("tenancy", () => {
  it("another team's account is a 404 for the list and the CSV, and never in its overview", async () => {
    for (const id of [w.accounts.a.id, "bad id!"]) {
      for (const read of [() => listRemovedPeople(other.ctx.owner, id), () => removedPeopleCsv(other.ctx.owner, id)]) {
        const e = await rejectionOf(read());
        expect(e.code, id).toBe("NOT_FOUND");
        expect(e.message).toContain("This LinkedIn account");
      }
    }
    const theirs = await listRemovalAccounts(other.ctx.owner, { now: NOW });
    expect(theirs.map((x) => x.accountId).sort()).toEqual([other.accounts.a.id, other.accounts.b.id].sort());
  });
});
