import { expect, test, type APIRequestContext, type APIResponse, type PlaywrightWorkerArgs } from "@playwright/test";
import { dropTeams, seedTeam, withDb, type TSeedTeam } from "./review-api-seed";

// Guided removals through the REST API (issue 11) as a script uses them: the removal budget, an
// outcome recorded with the account owner's key (and refused by the pace), retries, undo, and
// every route with a teammate's, a read-only and another team's key. Items are seeded approved
// (review-api-seed.ts); the accounts are small (10 a day) and in UTC.

test.describe.configure({ mode: "serial", timeout: 120_000 });

type TBudget = { limit: number; used: number; remaining: number; hourUsed: number; weekUsed: number; nextAllowedAt: string | null; resetsAt: string; timeZone: string; blockedBy: string | null };
type TOutcome = { outcome: { id: string; itemId: string; outcome: string; counted: boolean; undoUntil: string | null }; duplicate: boolean; budget: TBudget };
type TError = { code: string; message: string; field?: string; nextAllowedAt?: string };

let a: TSeedTeam;
let b: TSeedTeam;
let baseURL: string;
/** The outcome recorded for a.items.r1 ("removed"), for the undo and cross-tenant tests. */
let removedId = "";

async function client(playwright: PlaywrightWorkerArgs["playwright"], key: string): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${key}` } });
}
const errorOf = async (res: APIResponse) => ((await res.json()) as { error: TError }).error;
const budgetUrl = (accountId: string | undefined) => `/api/v1/accounts/${accountId}/removal-budget`;
const outcomeUrl = (itemId: string | undefined) => `/api/v1/review-items/${itemId}/outcome`;
const undoUrl = (outcomeId: string) => `/api/v1/removal-outcomes/${outcomeId}/undo`;

test.beforeAll(async ({}, testInfo) => {
  baseURL = testInfo.project.use.baseURL!;
  a = await seedTeam({
    name: "Removals Api A",
    users: [
      { key: "ada", name: "Ada Owner", role: "OWNER" },
      { key: "tom", name: "Tom Member", role: "MEMBER" },
    ],
    accounts: [{ key: "ada", label: "Ada’s LinkedIn", owner: "ada" }],
    people: ["p1", "p2", "p3", "p4", "p5"].map((key, i) => ({ key, first: `Person${i + 1}`, last: "Remove", account: "ada", url: `https://www.linkedin.com/in/${key}-remove` })),
    items: [
      { key: "r1", person: "p1", kind: "REMOVE", state: "APPROVED", rules: ["no_icp_fit"], decidedBy: "ada", minutesAgo: 5 },
      { key: "r2", person: "p2", kind: "REMOVE", state: "APPROVED", rules: ["no_icp_fit"], decidedBy: "ada", minutesAgo: 4 },
      { key: "r3", person: "p3", kind: "REMOVE", state: "APPROVED", rules: ["no_icp_fit"], decidedBy: "ada", minutesAgo: 3 },
      { key: "r4", person: "p4", kind: "REMOVE", state: "APPROVED", rules: ["no_icp_fit"], decidedBy: "ada", minutesAgo: 2 },
      { key: "open", person: "p5", kind: "REMOVE", rules: ["no_icp_fit"], minutesAgo: 1 },
    ],
    keys: [
      { key: "adaRo", user: "ada", scope: "READ" },
      { key: "adaRw", user: "ada", scope: "READ_WRITE" },
      { key: "adaBad", user: "ada", scope: "READ_WRITE" },
      { key: "tomRw", user: "tom", scope: "READ_WRITE" },
    ],
  });
  b = await seedTeam({
    name: "Removals Api B",
    users: [{ key: "bo", name: "Bo Other", role: "OWNER" }],
    accounts: [{ key: "bo", label: "Bo’s LinkedIn", owner: "bo" }],
    people: [{ key: "q1", first: "Bea", last: "Bside", account: "bo" }],
    items: [{ key: "mine", person: "q1", kind: "REMOVE", state: "APPROVED", rules: ["no_icp_fit"], decidedBy: "bo", minutesAgo: 1 }],
    keys: [{ key: "boRw", user: "bo", scope: "READ_WRITE" }],
  });
});

test.afterAll(async () => {
  await dropTeams([a, b].filter(Boolean));
});

test("any member reads an account's budget: the issue's fields, in the account's zone", async ({ playwright }) => {
  const api = await client(playwright, a.keys.adaRo!);
  const res = await api.get(budgetUrl(a.accounts.ada));
  expect(res.status()).toBe(200);
  expect(res.headers()["x-ratelimit-limit"]).toBeDefined();
  const budget = (await res.json()) as TBudget & Record<string, unknown>;
  expect(Object.keys(budget)).toEqual(expect.arrayContaining(["limit", "used", "remaining", "hourUsed", "weekUsed", "nextAllowedAt", "resetsAt", "timeZone"]));
  expect(budget).not.toHaveProperty("accountId");
  expect(budget).toMatchObject({ limit: 10, used: 0, remaining: 10, hourUsed: 0, weekUsed: 0, nextAllowedAt: null, blockedBy: null, timeZone: "UTC" });
  // The next local day starts at a UTC midnight after now.
  expect(budget.resetsAt).toMatch(/T00:00:00(\.000)?Z$/);
  expect(new Date(budget.resetsAt).getTime()).toBeGreaterThan(Date.now());

  const tom = await client(playwright, a.keys.tomRw!);
  expect((await tom.get(budgetUrl(a.accounts.ada))).status()).toBe(200);
  for (const id of ["no-such-account", "%ff", "a".repeat(65)]) {
    const missing = await api.get(budgetUrl(id));
    expect([missing.status(), (await errorOf(missing)).code], id).toEqual([404, "NOT_FOUND"]);
  }
  await Promise.all([api.dispose(), tom.dispose()]);
});

test("the owner records “removed”; a retry counts once; the next one waits for the pace (429 PACE_WAIT)", async ({ playwright }) => {
  const api = await client(playwright, a.keys.adaRw!);
  const first = await api.post(outcomeUrl(a.items.r1), { data: { outcome: "removed" } });
  expect(first.status(), await first.text()).toBe(200);
  const r1 = (await first.json()) as TOutcome;
  expect(Object.keys(r1).sort()).toEqual(["budget", "duplicate", "outcome"]);
  expect(r1).toMatchObject({ duplicate: false, outcome: { itemId: a.items.r1, outcome: "removed", counted: true }, budget: { used: 1, remaining: 9, hourUsed: 1, weekUsed: 1, blockedBy: "PACE_WAIT" } });
  expect(new Date(r1.outcome.undoUntil!).getTime()).toBeGreaterThan(Date.now());
  removedId = r1.outcome.id;
  // About 90 s ± 20 %, never below 30 s.
  const gapMs = new Date(r1.budget.nextAllowedAt!).getTime() - Date.now();
  expect(gapMs).toBeGreaterThan(30_000 - 5_000);
  expect(gapMs).toBeLessThanOrEqual(108_000);

  // A double click / a retry: the same outcome back, nothing counted twice.
  const [again1, again2] = await Promise.all([api.post(outcomeUrl(a.items.r1), { data: { outcome: "removed" } }), api.post(outcomeUrl(a.items.r1), { data: { outcome: "removed" } })]);
  for (const again of [again1, again2]) {
    expect(again.status()).toBe(200);
    expect((await again.json()) as TOutcome).toMatchObject({ duplicate: true, outcome: { id: removedId }, budget: { used: 1 } });
  }

  const refused = await api.post(outcomeUrl(a.items.r2), { data: { outcome: "removed" } });
  expect(refused.status()).toBe(429);
  const e = await errorOf(refused);
  expect(e.code).toBe("PACE_WAIT");
  expect(e.message).toMatch(/Wait .* before the next removal/);
  expect(e.nextAllowedAt).toBe(r1.budget.nextAllowedAt);
  const retryAfter = Number(refused.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(Math.ceil(gapMs / 1000) + 1);
  expect(refused.headers()["x-ratelimit-limit"]).toBeDefined();

  // "Couldn't find them" costs nothing, so the pace does not stop it; a retry of it is a duplicate.
  const notFound = await api.post(outcomeUrl(a.items.r2), { data: { outcome: "not_found" } });
  expect(notFound.status()).toBe(200);
  expect((await notFound.json()) as TOutcome).toMatchObject({ duplicate: false, outcome: { outcome: "not_found", counted: false }, budget: { used: 1 } });
  expect(((await (await api.post(outcomeUrl(a.items.r2), { data: { outcome: "not_found" } })).json()) as TOutcome).duplicate).toBe(true);

  const budget = (await (await api.get(budgetUrl(a.accounts.ada))).json()) as TBudget;
  expect(budget).toMatchObject({ used: 1, remaining: 9, hourUsed: 1, blockedBy: "PACE_WAIT", nextAllowedAt: r1.budget.nextAllowedAt });
  await api.dispose();
});

test("a teammate's key is 403, a read-only key 403 INSUFFICIENT_SCOPE; nothing is recorded", async ({ playwright }) => {
  const tom = await client(playwright, a.keys.tomRw!);
  const member = await tom.post(outcomeUrl(a.items.r3), { data: { outcome: "kept" } });
  expect(member.status()).toBe(403);
  const me = await errorOf(member);
  expect(me.code).toBe("FORBIDDEN");
  expect(me.message).toContain("Ada Owner");
  const memberUndo = await tom.post(undoUrl(removedId), { data: { linkedInTouched: false } });
  expect([memberUndo.status(), (await errorOf(memberUndo)).code]).toEqual([403, "FORBIDDEN"]);

  const ro = await client(playwright, a.keys.adaRo!);
  for (const [url, data] of [[outcomeUrl(a.items.r3), { outcome: "kept" }], [undoUrl(removedId), { linkedInTouched: false }]] as const) {
    const res = await ro.post(url, { data });
    expect([res.status(), (await errorOf(res)).code], url).toEqual([403, "INSUFFICIENT_SCOPE"]);
  }
  const live = await withDb((c) => c.query(`SELECT count(*)::int AS n FROM "RemovalOutcome" WHERE "itemId" = $1`, [a.items.r3]));
  expect(live.rows[0].n).toBe(0);
  await Promise.all([tom.dispose(), ro.dispose()]);
});

test("bad bodies are 400s naming the field; an item that is not an approved removal is a 409", async ({ playwright }) => {
  const bad = await client(playwright, a.keys.adaBad!);
  const url = outcomeUrl(a.items.r3);
  for (const [data, field, message] of [
    [{}, "outcome", /Give an outcome/],
    [{ outcome: "deleted" }, "outcome", /Unknown outcome “deleted”.*removed, not_found, kept/],
    [{ outcome: 1 }, "outcome", /removed, not_found, kept/],
    [{ outcome: "kept", reason: "x" }, "reason", /Unknown field “reason”/],
  ] as const) {
    const res = await bad.post(url, { data });
    expect(res.status(), JSON.stringify(data)).toBe(400);
    const e = await errorOf(res);
    expect([e.code, e.field], JSON.stringify(data)).toEqual(["VALIDATION", field]);
    expect(e.message).toMatch(message);
  }
  const notJson = await bad.post(url, { data: Buffer.from("{outcome: kept"), headers: { "Content-Type": "application/json" } });
  expect([notJson.status(), (await errorOf(notJson)).message]).toEqual([400, "The body is not valid JSON."]);
  const badUndo = await bad.post(undoUrl(removedId), { data: { linkedInTouched: "no" } });
  expect(badUndo.status()).toBe(400);
  expect((await errorOf(badUndo)).field).toBe("linkedInTouched");
  // Undoing a "removed" must say whether LinkedIn was touched: the budget depends on it.
  const noAnswer = await bad.post(undoUrl(removedId));
  expect(noAnswer.status()).toBe(400);
  expect((await errorOf(noAnswer)).field).toBe("linkedInTouched");

  const open = await bad.post(outcomeUrl(a.items.open), { data: { outcome: "removed" } });
  expect([open.status(), (await errorOf(open)).code]).toEqual([409, "CONFLICT"]);
  for (const id of ["no-such-item", "%ff"]) {
    const res = await bad.post(outcomeUrl(id), { data: { outcome: "kept" } });
    expect([res.status(), (await errorOf(res)).code], id).toEqual([404, "NOT_FOUND"]);
    const undo = await bad.post(undoUrl(id), { data: { linkedInTouched: false } });
    expect([undo.status(), (await errorOf(undo)).code], id).toEqual([404, "NOT_FOUND"]);
  }
  const rows = await withDb((c) => c.query(`SELECT count(*)::int AS n FROM "RemovalOutcome" WHERE "itemId" = ANY($1)`, [[a.items.r3, a.items.open]]));
  expect(rows.rows[0].n).toBe(0);
  await bad.dispose();
});

test("another team's key gets 404 on team A's account, item and outcome, and changes nothing", async ({ playwright }) => {
  const bo = await client(playwright, b.keys.boRw!);
  // Its own account works: the 404s below are the tenant boundary, not a broken route.
  expect((await bo.get(budgetUrl(b.accounts.bo))).status()).toBe(200);
  for (const [method, url, data] of [
    ["GET", budgetUrl(a.accounts.ada), undefined],
    ["POST", outcomeUrl(a.items.r4), { outcome: "removed" }],
    ["POST", outcomeUrl(a.items.r1), { outcome: "removed" }],
    ["POST", undoUrl(removedId), { linkedInTouched: false }],
  ] as const) {
    const res = method === "GET" ? await bo.get(url) : await bo.post(url, { data });
    expect(res.status(), `${method} ${url}`).toBe(404);
    expect((await errorOf(res)).code).toBe("NOT_FOUND");
  }
  const ada = await client(playwright, a.keys.adaRw!);
  expect(((await (await ada.get(budgetUrl(a.accounts.ada))).json()) as TBudget).used).toBe(1);
  const r4 = await withDb((c) => c.query(`SELECT count(*)::int AS n FROM "RemovalOutcome" WHERE "itemId" = $1`, [a.items.r4]));
  expect(r4.rows[0].n).toBe(0);
  // And the other way round: Ada's key cannot see B's account or item.
  expect((await ada.get(budgetUrl(b.accounts.bo))).status()).toBe(404);
  expect((await ada.post(outcomeUrl(b.items.mine), { data: { outcome: "kept" } })).status()).toBe(404);
  await Promise.all([bo.dispose(), ada.dispose()]);
});

test("the owner undoes a mistaken “removed”: the budget comes back and the item can be recorded again", async ({ playwright }) => {
  const api = await client(playwright, a.keys.adaRw!);
  const res = await api.post(undoUrl(removedId), { data: { linkedInTouched: false } });
  expect(res.status(), await res.text()).toBe(200);
  const undone = (await res.json()) as { outcome: { id: string; undoUntil: string | null; counted: boolean }; budgetReturned: boolean; budget: TBudget };
  expect(undone).toMatchObject({ budgetReturned: true, outcome: { id: removedId, undoUntil: null, counted: false }, budget: { used: 0, remaining: 10, nextAllowedAt: null } });
  const twice = await api.post(undoUrl(removedId), { data: { linkedInTouched: false } });
  expect([twice.status(), (await errorOf(twice)).code]).toEqual([409, "CONFLICT"]);

  const again = await api.post(outcomeUrl(a.items.r1), { data: { outcome: "removed" } });
  expect(again.status(), await again.text()).toBe(200);
  expect((await again.json()) as TOutcome).toMatchObject({ duplicate: false, budget: { used: 1 } });
  await api.dispose();
});
