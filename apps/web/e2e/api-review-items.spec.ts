import { expect, test, type APIRequestContext, type APIResponse, type PlaywrightWorkerArgs } from "@playwright/test";
import { dropTeams, seedReviewApiTeams, setAdminsDecide, type TSeedTeam } from "./review-api-seed";

// The review queue's REST API (issue 10) as a script uses it: team keys of an owner, a member and an
// admin of team A, a key of team B, and review items seeded in known states (review-api-seed.ts).
// Each key may make 100 requests a minute here (playwright.config.ts): the tests spread their calls.

test.describe.configure({ mode: "serial", timeout: 120_000 });

type TItem = {
  id: string;
  kind: string;
  state: string;
  version: number;
  rules: Array<{ code: string; label: string; detail: string | null }>;
  connection: { id: string; name: string; profileUrl: string | null; score: number | null; flags: unknown[] };
  votes: Array<{ user: { name: string }; choice: string; reason: string | null }>;
  tally: { remove: number; keep: number; text: string; disagreement: boolean };
  myVote: string | null;
  canDecide: boolean;
  canUndo: boolean;
  decision: string | null;
  decidedBy: { name: string } | null;
};

let a: TSeedTeam;
let b: TSeedTeam;
let baseURL: string;

async function client(playwright: PlaywrightWorkerArgs["playwright"], key: string): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${key}` } });
}
async function errorOf(res: APIResponse): Promise<{ code: string; message: string; field?: string }> {
  return ((await res.json()) as { error: { code: string; message: string; field?: string } }).error;
}
const item = async (api: APIRequestContext, id: string | undefined) => (await (await api.get(`/api/v1/review-items/${id}`)).json()) as TItem;

test.beforeAll(async ({}, testInfo) => {
  baseURL = testInfo.project.use.baseURL!;
  ({ a, b } = await seedReviewApiTeams());
});

test.afterAll(async () => {
  await dropTeams([a, b].filter(Boolean));
});

test("lists the queue with its filters and walks every page with the cursor", async ({ playwright }) => {
  const api = await client(playwright, a.keys.adaRo!);
  const res = await api.get("/api/v1/review-items");
  expect(res.status()).toBe(200);
  expect(res.headers()["x-ratelimit-limit"]).toBeDefined();
  const all = (await res.json()) as { data: TItem[]; nextCursor: string | null };
  expect(all.data.map((i) => i.id).sort()).toEqual(Object.values(a.items).sort());
  expect(all.nextCursor).toBeNull();
  const first = all.data.find((i) => i.id === a.items.remove1)!;
  expect(first).toMatchObject({
    kind: "remove",
    state: "open",
    version: 1,
    connection: { id: a.connections.p1, name: "Maria García", profileUrl: "https://www.linkedin.com/in/maria-garcia", score: null, flags: [] },
    votes: [],
    tally: { remove: 0, keep: 0, text: "", disagreement: false },
    myVote: null,
    canDecide: true,
  });
  expect(first.rules.map((r) => r.code)).toEqual(["no_icp_fit", "stale"]);
  expect(first.rules.find((r) => r.code === "stale")).toMatchObject({ label: expect.any(String), detail: "No message since 2019-03" });

  const ids = async (query: string) => ((await (await api.get(`/api/v1/review-items?${query}`)).json()) as { data: TItem[] }).data.map((i) => i.id).sort();
  expect(await ids("kind=follow_up")).toEqual([a.items.follow]);
  expect(await ids("kind=job_change&state=open")).toEqual([a.items.job]);
  expect(await ids("state=approved")).toEqual([a.items.approved]);
  expect(await ids(`account=${a.accounts.tom}`)).toEqual([a.items.toms]);
  expect(await ids(`account=${a.accounts.ada}&kind=remove&state=open`)).toEqual([a.items.remove1, a.items.remove2, a.items.stale].sort());
  expect(await ids("state=closed")).toEqual([]);

  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = (await (await api.get("/api/v1/review-items", { params: { limit: 3, ...(cursor ? { cursor } : {}) } })).json()) as { data: TItem[]; nextCursor: string | null };
    seen.push(...page.data.map((i) => i.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  expect(pages).toBe(3);
  expect([...seen].sort()).toEqual(Object.values(a.items).sort());
  await api.dispose();
});

test("a bad filter, page size, cursor or unknown parameter is a 400 naming it; another team's account is a 404", async ({ playwright }) => {
  const api = await client(playwright, a.keys.adaRo!);
  for (const [query, field, message] of [
    ["kind=stale", "kind", /remove, follow_up, job_change/],
    ["state=pending", "state", /open, snoozed/],
    ["limit=0", "limit", /1 to 200/],
    ["limit=201", "limit", /1 to 200/],
    ["cursor=not-a-cursor!", "cursor", /./],
    ["status=open", "status", /Unknown parameter/],
    ["kind=remove&kind=job_change", "kind", /once/],
  ] as const) {
    const res = await api.get(`/api/v1/review-items?${query}`);
    expect(res.status(), query).toBe(400);
    expect(await errorOf(res), query).toMatchObject({ code: "VALIDATION", field, message: expect.stringMatching(message) });
  }
  for (const account of [b.accounts.bo, "no-such-account"]) {
    const res = await api.get(`/api/v1/review-items?account=${account}`);
    expect(res.status(), account).toBe(404);
    expect(await errorOf(res), account).toMatchObject({ code: "NOT_FOUND", field: "account" });
  }
  await api.dispose();
});

test("one item carries its card: rules, connection, votes, comments and history", async ({ playwright }) => {
  const api = await client(playwright, a.keys.adaRo!);
  const res = await api.get(`/api/v1/review-items/${a.items.remove1}`);
  expect(res.status()).toBe(200);
  const card = (await res.json()) as TItem & { comments: unknown[]; history: unknown[]; teammatesConnected: unknown[]; protectedLoss: string[]; detail?: unknown };
  expect(card).toMatchObject({ id: a.items.remove1, kind: "remove", comments: [], teammatesConnected: [], protectedLoss: [] });
  expect(Array.isArray(card.history)).toBe(true);
  expect(card.detail).toBeUndefined();
  for (const bad of ["no-such-item", "%ff", "%00", "a".repeat(65)]) {
    const r = await api.get(`/api/v1/review-items/${bad}`);
    expect(r.status(), bad).toBe(404);
    expect((await errorOf(r)).code, bad).toBe("NOT_FOUND");
  }
  const rw = await client(playwright, a.keys.adaBad!);
  for (const bad of ["no-such-item", "%ff"]) {
    const r = await rw.post(`/api/v1/review-items/${bad}/decision`, { data: { choice: "keep", version: 1 } });
    expect([r.status(), (await errorOf(r)).code], bad).toEqual([404, "NOT_FOUND"]);
  }
  await Promise.all([api.dispose(), rw.dispose()]);
});

test("votes: any member votes, the tally shows it; bad votes are 400s naming the field", async ({ playwright }) => {
  const tom = await client(playwright, a.keys.tomRw!);
  const voted = await tom.post(`/api/v1/review-items/${a.items.remove1}/votes`, { data: { choice: "remove", reason: "Only sends spam" } });
  expect(voted.status()).toBe(200);
  const after = (await voted.json()) as TItem;
  expect(after).toMatchObject({ myVote: "remove", canDecide: false, version: 2, tally: { remove: 1, text: "1 says remove" } });
  expect(after.votes).toEqual([expect.objectContaining({ user: expect.objectContaining({ name: "Tom Member" }), choice: "remove", reason: "Only sends spam" })]);
  // A second vote of the same member replaces the first.
  const again = (await (await tom.post(`/api/v1/review-items/${a.items.remove2}/votes`, { data: { choice: "keep" } })).json()) as TItem;
  const changed = (await (await tom.post(`/api/v1/review-items/${a.items.remove2}/votes`, { data: { choice: "remove", version: again.version } })).json()) as TItem;
  expect(changed.votes.map((v) => v.choice)).toEqual(["remove"]);
  const ada = await client(playwright, a.keys.adaRw!);
  const disagree = (await (await ada.post(`/api/v1/review-items/${a.items.remove2}/votes`, { data: { choice: "keep" } })).json()) as TItem;
  expect(disagree.tally).toMatchObject({ remove: 1, keep: 1, disagreement: true });
  expect((await item(ada, a.items.remove1)).tally.remove).toBe(1);

  const bad = await client(playwright, a.keys.adaBad!);
  const url = `/api/v1/review-items/${a.items.follow}/votes`;
  const past = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  for (const [data, field, message] of [
    [{ choice: "maybe" }, "choice", /maybe/],
    [{ choice: "snooze" }, "snoozeUntil", /date/],
    [{ choice: "snooze", snoozeUntil: past }, "snoozeUntil", /future/],
    [{ choice: "snooze", snoozeUntil: "tomorrow" }, "snoozeUntil", /YYYY-MM-DD/],
    [{ choice: "keep", reason: "x".repeat(501) }, "reason", /500/],
    [{ choice: "keep", version: 99 }, "version", /version 99 has not happened yet/],
    [{ choice: "keep", reasn: "typo" }, "reasn", /Unknown field/],
  ] as const) {
    const res = await bad.post(url, { data });
    const e = await errorOf(res);
    expect([res.status(), e.field], JSON.stringify(data)).toEqual(["version" in data ? 409 : 400, field]);
    expect(e.message, JSON.stringify(data)).toMatch(message);
  }
  const notJson = await bad.post(url, { data: Buffer.from("{choice: keep"), headers: { "Content-Type": "application/json" } });
  expect([notJson.status(), (await errorOf(notJson)).message]).toEqual([400, "The body is not valid JSON."]);
  const notObject = await bad.post(url, { data: ["keep"] });
  expect([notObject.status(), (await errorOf(notObject)).message]).toEqual([400, expect.stringMatching(/Send a JSON object/)]);
  const form = await bad.post(url, { data: "choice=keep", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  expect(form.status()).toBe(415);
  const huge = await bad.post(url, { data: { choice: "keep", reason: "x".repeat(300 * 1024) } });
  expect([huge.status(), (await errorOf(huge)).code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
  expect((await item(bad, a.items.follow)).votes).toEqual([]);
  await Promise.all([tom.dispose(), ada.dispose(), bad.dispose()]);
});

test("decisions: the owner decides; a member's key is 403, a read key 403, a stale version 409 saying what changed", async ({ playwright }) => {
  const ro = await client(playwright, a.keys.adaRo!);
  const tom = await client(playwright, a.keys.tomRw!);
  const ada = await client(playwright, a.keys.adaRw!);
  const url = `/api/v1/review-items/${a.items.remove1}/decision`;
  const current = await item(ada, a.items.remove1);

  const readOnly = await ro.post(url, { data: { choice: "remove", version: current.version } });
  expect([readOnly.status(), (await errorOf(readOnly)).code]).toEqual([403, "INSUFFICIENT_SCOPE"]);
  const member = await tom.post(url, { data: { choice: "remove", version: current.version } });
  expect(member.status()).toBe(403);
  expect(await errorOf(member)).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("Ada Owner") });
  const noVersion = await ada.post(url, { data: { choice: "remove" } });
  expect([noVersion.status(), (await errorOf(noVersion)).field]).toEqual([400, "version"]);

  // Tom votes on the "stale" item after Ada read it: Ada's decision on the old version is refused.
  const seen = await item(ada, a.items.stale);
  await tom.post(`/api/v1/review-items/${a.items.stale}/votes`, { data: { choice: "keep" } });
  const stale = await ada.post(`/api/v1/review-items/${a.items.stale}/decision`, { data: { choice: "remove", version: seen.version } });
  expect(stale.status()).toBe(409);
  expect(await errorOf(stale)).toMatchObject({ code: "CONFLICT", field: "version", message: expect.stringMatching(/Tom Member voted Keep/) });

  const decided = await ada.post(url, { data: { choice: "remove", reason: "Agreed with Tom", version: current.version } });
  expect(decided.status()).toBe(200);
  const approved = (await decided.json()) as TItem;
  expect(approved).toMatchObject({ state: "approved", decision: "remove", decidedBy: { name: "Ada Owner" }, canUndo: true, version: current.version + 1 });
  const twice = await ada.post(url, { data: { choice: "keep", version: approved.version } });
  expect([twice.status(), (await errorOf(twice)).message]).toEqual([409, expect.stringMatching(/already decided/)]);
  const listed = ((await (await ro.get("/api/v1/review-items?state=approved")).json()) as { data: TItem[] }).data.map((i) => i.id);
  expect(listed).toContain(a.items.remove1);

  const snoozed = await ada.post(`/api/v1/review-items/${a.items.follow}/decision`, { data: { choice: "snooze", snoozeUntil: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), version: (await item(ada, a.items.follow)).version } });
  expect(((await snoozed.json()) as TItem).state).toBe("snoozed");
  await Promise.all([ro.dispose(), tom.dispose(), ada.dispose()]);
});

test("undo: the owner takes back the decision exactly; a member cannot undo it but can undo their own vote", async ({ playwright }) => {
  const tom = await client(playwright, a.keys.tomRw!);
  const ada = await client(playwright, a.keys.adaRw!);
  const notTom = await tom.post(`/api/v1/review-items/${a.items.remove1}/undo`);
  expect([notTom.status(), (await errorOf(notTom)).code]).toEqual([409, "CONFLICT"]);
  const undone = await ada.post(`/api/v1/review-items/${a.items.remove1}/undo`);
  expect(undone.status()).toBe(200);
  const r = (await undone.json()) as { restored: number; item: TItem };
  expect(r).toMatchObject({ restored: 1, item: { id: a.items.remove1, state: "open", decision: null, decidedBy: null } });
  expect(r.item.tally.remove).toBe(1); // Tom's vote is still there
  const nothing = await ada.post(`/api/v1/review-items/${a.items.remove1}/undo`);
  expect([nothing.status(), (await errorOf(nothing)).message]).toEqual([409, expect.stringMatching(/Nothing to undo/)]);

  const own = await tom.post(`/api/v1/review-items/${a.items.remove1}/undo`);
  expect(own.status()).toBe(200);
  expect(((await own.json()) as { item: TItem }).item).toMatchObject({ votes: [], myVote: null });
  await Promise.all([tom.dispose(), ada.dispose()]);
});

test("an admin's key decides for another member's account only where the team lets admins decide", async ({ playwright }) => {
  const ana = await client(playwright, a.keys.anaRw!);
  const url = `/api/v1/review-items/${a.items.toms}/decision`;
  const before = await item(ana, a.items.toms);
  expect(before.canDecide).toBe(false);
  const refused = await ana.post(url, { data: { choice: "keep", version: before.version } });
  expect([refused.status(), (await errorOf(refused)).code]).toEqual([403, "FORBIDDEN"]);

  await setAdminsDecide(a.teamId, true);
  expect((await item(ana, a.items.toms)).canDecide).toBe(true);
  const allowed = await ana.post(url, { data: { choice: "keep", reason: "Tom knows her", version: before.version } });
  expect(allowed.status()).toBe(200);
  expect(await allowed.json()).toMatchObject({ state: "done", decision: "keep", decidedBy: { name: "Ana Admin" } });
  // A plain member's key still cannot.
  const tom = await client(playwright, a.keys.tomRw!);
  const member = await tom.post(`/api/v1/review-items/${a.items.job}/decision`, { data: { choice: "keep", version: 1 } });
  expect(member.status()).toBe(403);
  await setAdminsDecide(a.teamId, false);
  await Promise.all([ana.dispose(), tom.dispose()]);
});

test("another team's key gets 404 for every item of team A, and changes nothing", async ({ playwright }) => {
  const bo = await client(playwright, b.keys.boRw!);
  const own = ((await (await bo.get("/api/v1/review-items")).json()) as { data: TItem[] }).data.map((i) => i.id);
  expect(own).toEqual([b.items.mine]);
  const id = a.items.remove2!;
  const ada = await client(playwright, a.keys.adaRw!);
  const before = await item(ada, id);
  for (const [method, path, data] of [
    ["GET", `/api/v1/review-items/${id}`, undefined],
    ["POST", `/api/v1/review-items/${id}/votes`, { choice: "keep" }],
    ["POST", `/api/v1/review-items/${id}/decision`, { choice: "keep", version: before.version }],
    ["POST", `/api/v1/review-items/${id}/undo`, undefined],
    ["GET", `/api/v1/review-items?account=${a.accounts.ada}`, undefined],
  ] as const) {
    const res = await bo.fetch(path, { method, ...(data ? { data } : {}) });
    expect(res.status(), `${method} ${path}`).toBe(404);
    const text = await res.text();
    for (const secret of ["Ada", "Spam", "Networker", "Review Api A"]) expect(text, `${method} ${path}`).not.toContain(secret);
  }
  const after = await item(ada, id);
  expect([after.version, after.tally]).toEqual([before.version, before.tally]);
  await Promise.all([bo.dispose(), ada.dispose()]);
});

test("wrong methods are a JSON 405 with Allow; unknown sub-paths a JSON 404; the document lists the paths", async ({ playwright }) => {
  const api = await client(playwright, a.keys.adaBad!);
  for (const [method, path, allow] of [
    ["POST", "/api/v1/review-items", "GET, HEAD, OPTIONS"],
    ["DELETE", `/api/v1/review-items/${a.items.job}`, "GET, HEAD, OPTIONS"],
    ["GET", `/api/v1/review-items/${a.items.job}/votes`, "POST, OPTIONS"],
    ["PUT", `/api/v1/review-items/${a.items.job}/decision`, "POST, OPTIONS"],
    ["GET", `/api/v1/review-items/${a.items.job}/undo`, "POST, OPTIONS"],
  ] as const) {
    const res = await api.fetch(path, { method });
    expect([res.status(), res.headers()["allow"]], `${method} ${path}`).toEqual([405, allow]);
    expect((await errorOf(res)).code).toBe("METHOD_NOT_ALLOWED");
  }
  const unknown = await api.post(`/api/v1/review-items/${a.items.job}/comments`, { data: { body: "hi" } });
  expect([unknown.status(), (await errorOf(unknown)).code]).toEqual([404, "NOT_FOUND"]);
  const doc = (await (await api.get("/api/v1/openapi.json")).json()) as { paths: Record<string, unknown> };
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/review-items", "/review-items/{id}", "/review-items/{id}/votes", "/review-items/{id}/decision", "/review-items/{id}/undo"]));
  await api.dispose();
});
