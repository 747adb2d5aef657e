import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type APIResponse, type PlaywrightWorkerArgs } from "@playwright/test";
import { dropTeams, seedTeam, withDb, type TSeedTeam } from "./review-api-seed";

// Guided invitation withdrawals through the REST API (issue 17): the withdrawal allowance in the
// budget's answer, "withdrawn" on the shared outcome route (and a removal code refused there),
// the undo route, and another team's key on every one of them (404, nothing changed).

test.describe.configure({ mode: "serial", timeout: 120_000 });

type TError = { code: string; message: string };
let a: TSeedTeam;
let b: TSeedTeam;
let baseURL: string;
let items: string[] = [];
let withdrawnId = "";

async function client(playwright: PlaywrightWorkerArgs["playwright"], key: string): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${key}` } });
}
const errorOf = async (res: APIResponse) => ((await res.json()) as { error: TError }).error;

/** Approved withdraw items of pending outgoing invitations on `accountId` (as the queue build would make them). */
async function addWithdrawItems(team: TSeedTeam, accountId: string, decidedBy: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => ({ inv: randomUUID(), item: randomUUID() }));
  await withDb(async (c) => {
    for (const [i, r] of ids.entries()) {
      await c.query(
        `INSERT INTO "PendingInvitation" (id, "teamId", "accountId", "importId", direction, name, "profileUrl", "sentAt", "personKey", status)
         VALUES ($1, $2, $3, 'e2e', 'OUTGOING', $4, $5, now() - interval '90 days', $6, 'PENDING')`,
        [r.inv, team.teamId, accountId, `Invitee ${i + 1}`, `https://www.linkedin.com/in/invitee-${r.inv.slice(0, 8)}`, `key:${r.inv}`],
      );
      await c.query(
        `INSERT INTO "ReviewItem" (id, "teamId", "accountId", "invitationId", kind, state, rules, decision, "decidedById", "decidedAt", "updatedAt")
         VALUES ($1, $2, $3, $4, 'WITHDRAW_INVITATION', 'APPROVED', ARRAY['stale_invitation'], 'REMOVE', $5, now(), now())`,
        [r.item, team.teamId, accountId, r.inv, decidedBy],
      );
    }
  });
  return ids.map((r) => r.item);
}

test.beforeAll(async ({}, testInfo) => {
  baseURL = testInfo.project.use.baseURL!;
  a = await seedTeam({
    name: "Withdrawals Api A",
    users: [
      { key: "ada", name: "Ada Owner", role: "OWNER" },
      { key: "tom", name: "Tom Member", role: "MEMBER" },
    ],
    accounts: [{ key: "ada", label: "Ada’s LinkedIn", owner: "ada" }],
    people: [{ key: "p1", first: "Person", last: "Remove", account: "ada" }],
    items: [{ key: "r1", person: "p1", kind: "REMOVE", state: "APPROVED", rules: ["no_icp_fit"], decidedBy: "ada", minutesAgo: 5 }],
    keys: [
      { key: "adaRw", user: "ada", scope: "READ_WRITE" },
      { key: "tomRw", user: "tom", scope: "READ_WRITE" },
    ],
  });
  b = await seedTeam({
    name: "Withdrawals Api B",
    users: [{ key: "bo", name: "Bo Other", role: "OWNER" }],
    accounts: [{ key: "bo", label: "Bo’s LinkedIn", owner: "bo" }],
    people: [],
    items: [],
    keys: [{ key: "boRw", user: "bo", scope: "READ_WRITE" }],
  });
  items = await addWithdrawItems(a, a.accounts.ada!, a.users.ada!, 3);
});

test.afterAll(async () => {
  await dropTeams([a, b].filter(Boolean));
});

test("the budget's answer carries the withdrawal allowance; the owner records “withdrawn” once, then waits", async ({ playwright }) => {
  const api = await client(playwright, a.keys.adaRw!);
  const budget = (await (await api.get(`/api/v1/accounts/${a.accounts.ada}/removal-budget`)).json()) as { withdrawals: Record<string, unknown> };
  expect(budget.withdrawals).toMatchObject({ limit: 30, used: 0, hourlyLimit: 20, weeklyLimit: 150, gapSeconds: 45, nextAllowedAt: null });

  const first = await api.post(`/api/v1/review-items/${items[0]}/outcome`, { data: { outcome: "withdrawn" } });
  expect(first.status(), await first.text()).toBe(200);
  const r = (await first.json()) as { outcome: { id: string; invitationId: string; counted: boolean }; duplicate: boolean; budget: { used: number; blockedBy: string } };
  expect(r).toMatchObject({ duplicate: false, outcome: { counted: true }, budget: { used: 1, blockedBy: "PACE_WAIT" } });
  expect(r.outcome.invitationId).toBeTruthy();
  withdrawnId = r.outcome.id;
  const again = await api.post(`/api/v1/review-items/${items[0]}/outcome`, { data: { outcome: "withdrawn" } });
  expect(((await again.json()) as { duplicate: boolean }).duplicate).toBe(true);

  const paced = await api.post(`/api/v1/review-items/${items[1]}/outcome`, { data: { outcome: "withdrawn" } });
  expect(paced.status()).toBe(429);
  expect(Number(paced.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await errorOf(paced)).toMatchObject({ code: "PACE_WAIT" });

  const wrong = await api.post(`/api/v1/review-items/${items[1]}/outcome`, { data: { outcome: "not_found" } });
  expect([wrong.status(), (await errorOf(wrong)).message]).toEqual([400, expect.stringMatching(/"withdrawn", "accepted", "kept"/)]);
  const wrongRemoval = await api.post(`/api/v1/review-items/${a.items.r1}/outcome`, { data: { outcome: "withdrawn" } });
  expect(wrongRemoval.status()).toBe(400);
  await api.dispose();
});

test("a teammate's key is 403; another team's key is 404 on the item and the outcome, and changes nothing", async ({ playwright }) => {
  const tom = await client(playwright, a.keys.tomRw!);
  expect((await tom.post(`/api/v1/review-items/${items[2]}/outcome`, { data: { outcome: "accepted" } })).status()).toBe(403);
  expect((await tom.post(`/api/v1/withdrawal-outcomes/${withdrawnId}/undo`, { data: { linkedInTouched: false } })).status()).toBe(403);
  const bo = await client(playwright, b.keys.boRw!);
  for (const [url, data] of [
    [`/api/v1/review-items/${items[2]}/outcome`, { outcome: "withdrawn" }],
    [`/api/v1/withdrawal-outcomes/${withdrawnId}/undo`, { linkedInTouched: false }],
  ] as const) {
    const res = await bo.post(url, { data });
    expect([res.status(), (await errorOf(res)).code], url).toEqual([404, "NOT_FOUND"]);
  }
  const n = await withDb((c) => c.query(`SELECT count(*)::int AS n FROM "WithdrawalOutcome" WHERE "itemId" = $1`, [items[2]]));
  expect(n.rows[0].n).toBe(0);
  await Promise.all([tom.dispose(), bo.dispose()]);
});

test("the owner undoes a mistaken “withdrawn”: the allowance comes back", async ({ playwright }) => {
  const api = await client(playwright, a.keys.adaRw!);
  const res = await api.post(`/api/v1/withdrawal-outcomes/${withdrawnId}/undo`, { data: { linkedInTouched: false } });
  expect(res.status(), await res.text()).toBe(200);
  expect(await res.json()).toMatchObject({ budgetReturned: true, budget: { used: 0 }, outcome: { counted: false, undoUntil: null } });
  const twice = await api.post(`/api/v1/withdrawal-outcomes/${withdrawnId}/undo`, { data: { linkedInTouched: false } });
  expect(twice.status()).toBe(409);
  await api.dispose();
});
