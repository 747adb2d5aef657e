import { expect, test, type APIRequestContext, type APIResponse, type PlaywrightWorkerArgs } from "@playwright/test";
import { dropTeams, seedTeam, withDb, type TSeedTeam } from "./review-api-seed";

// An account's invitations through the REST API (issue 17): the list's filters and summary with a
// read-only key, strict parameters, and another team's key on this team's account (404, no data).
// Invitation rows are written directly (the import that fills them is tested on its own).

test.describe.configure({ mode: "serial", timeout: 120_000 });

type TRow = { id: string; name: string; ageDays: number | null; hasMessage: boolean; messageExcerpt: string | null; fit: { band: string } | null };
type TList = { data: TRow[]; total: number; nextCursor: string | null; summary: Record<string, number> };
type TError = { code: string; message: string; field?: string };

let a: TSeedTeam;
let b: TSeedTeam;
let baseURL: string;

async function client(playwright: PlaywrightWorkerArgs["playwright"], key: string): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${key}` } });
}
const errorOf = async (res: APIResponse) => ((await res.json()) as { error: TError }).error;
const url = (accountId: string | undefined, q = "") => `/api/v1/accounts/${accountId}/invitations${q}`;

test.beforeAll(async ({}, testInfo) => {
  baseURL = testInfo.project.use.baseURL!;
  a = await seedTeam({
    name: "Invitations Api A",
    users: [{ key: "ada", name: "Ada Owner", role: "OWNER" }],
    accounts: [{ key: "ada", label: "Ada’s LinkedIn", owner: "ada" }],
    people: [],
    items: [],
    keys: [{ key: "adaRo", user: "ada", scope: "READ" }],
  });
  b = await seedTeam({
    name: "Invitations Api B",
    users: [{ key: "bo", name: "Bo Other", role: "OWNER" }],
    accounts: [{ key: "bo", label: "Bo’s LinkedIn", owner: "bo" }],
    people: [],
    items: [],
    keys: [{ key: "boRw", user: "bo", scope: "READ_WRITE" }],
  });
  await withDb((c) =>
    c.query(
      `INSERT INTO "PendingInvitation" (id, "teamId", "accountId", "importId", direction, name, "personKey", "sentAt", message)
       VALUES (gen_random_uuid()::text, $1, $2, 'seed', 'OUTGOING', 'Old Olga', 'name:old olga', now() - interval '90 days', NULL),
              (gen_random_uuid()::text, $1, $2, 'seed', 'OUTGOING', 'New Nina', 'name:new nina', now() - interval '3 days', 'Hi Nina, secret note'),
              (gen_random_uuid()::text, $1, $2, 'seed', 'INCOMING', 'Ivy Inviter', 'name:ivy inviter', now() - interval '2 days', 'Hello, I run sales at Acme')`,
      [a.teamId, a.accounts.ada],
    ),
  );
});

test.afterAll(async () => {
  await dropTeams([a, b].filter(Boolean));
});

test("a read-only key lists open outgoing invitations oldest first, with the page's counts and no outgoing message text", async ({ playwright }) => {
  const api = await client(playwright, a.keys.adaRo!);
  const res = await api.get(url(a.accounts.ada));
  expect(res.status()).toBe(200);
  expect(res.headers()["x-ratelimit-limit"]).toBeDefined();
  const list = (await res.json()) as TList;
  expect(list.data.map((r) => r.name)).toEqual(["Old Olga", "New Nina"]);
  expect(list.data.map((r) => r.messageExcerpt)).toEqual([null, null]);
  expect(JSON.stringify(list)).not.toContain("secret note");
  expect(list.summary).toMatchObject({ openOutgoing: 2, guideline: 200, overGuideline: 0, olderThanThreshold: 1, withoutMessage: 1, incomingWaiting: 1 });

  const old = (await (await api.get(url(a.accounts.ada, "?olderThanDays=30"))).json()) as TList;
  expect(old.data.map((r) => r.name)).toEqual(["Old Olga"]);
  const incoming = (await (await api.get(url(a.accounts.ada, "?direction=incoming"))).json()) as TList;
  expect(incoming.data.map((r) => [r.name, r.messageExcerpt])).toEqual([["Ivy Inviter", "Hello, I run sales at Acme"]]);
  expect(incoming.data[0]!.fit).not.toBeNull();
  const paged = (await (await api.get(url(a.accounts.ada, "?limit=1"))).json()) as TList;
  expect([paged.data.length, paged.total]).toEqual([1, 2]);
  const next = (await (await api.get(url(a.accounts.ada, `?limit=1&cursor=${paged.nextCursor}`))).json()) as TList;
  expect(next.data.map((r) => r.name)).toEqual(["New Nina"]);
});

test("bad parameters are a 400 naming the parameter", async ({ playwright }) => {
  const api = await client(playwright, a.keys.adaRo!);
  for (const [q, field] of [
    ["?olderThanDays=9999", "olderThanDays"],
    ["?direction=up", "direction"],
    ["?fit=strong", "fit"],
    ["?limit=500", "limit"],
    ["?colour=red", "colour"],
    ["?limit=1&limit=2", "limit"],
  ] as const) {
    const res = await api.get(url(a.accounts.ada, q));
    expect(res.status(), q).toBe(400);
    expect((await errorOf(res)).field, q).toBe(field);
  }
});

test("another team's key gets a 404 for this team's account, and never its rows", async ({ playwright }) => {
  const other = await client(playwright, b.keys.boRw!);
  for (const q of ["", "?direction=incoming", "?view=withdrawn"]) {
    const res = await other.get(url(a.accounts.ada, q));
    expect(res.status(), q).toBe(404);
    const body = await res.text();
    expect(body).not.toContain("Olga");
    expect(JSON.parse(body).error.code).toBe("NOT_FOUND");
  }
  const own = (await (await other.get(url(b.accounts.bo))).json()) as TList;
  expect(own.data).toEqual([]);
  expect((await other.post(url(b.accounts.bo))).status()).toBe(405);
});
