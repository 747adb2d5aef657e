import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test, type APIRequestContext, type APIResponse, type Browser, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { addLinkedInAccount, signUp, uniqueEmail, uploadAndWait } from "./helpers";

// The REST API as a script uses it: keys made in settings (team A) and with the CLI (team B), a
// request context with no cookies, the production build. fixtures/Connections.csv holds 10 people.
// playwright.config.ts sets API_RATE_LIMIT_PER_MINUTE=100 for the e2e server.
const FIXTURE = join(import.meta.dirname, "fixtures", "Connections.csv");
const PEOPLE = 10;
const RATE_LIMIT = 100;

test.describe.configure({ mode: "serial", timeout: 120_000 });

type TState = { page: Page; slug: string; rw: string; ro: string; baseURL: string };
let a: TState;
let keyB: string;

async function createKeyInSettings(page: Page, slug: string, name: string, access: "Read only" | "Read and write"): Promise<string> {
  await page.goto(`/t/${slug}/settings/api-keys`);
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("radio", { name: new RegExp(`^${access}`) }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("heading", { name: `Copy your new key “${name}” now` })).toBeVisible();
  await expect(page.getByText("You won’t see it again")).toBeVisible();
  const secret = await page.getByLabel("New API key").inputValue();
  expect(secret).toMatch(/^crm_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("api-key-row").filter({ hasText: name })).toContainText(`${secret.slice(0, 12)}…`);
  return secret;
}

async function client(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string, key?: string, header: "bearer" | "x-api-key" = "bearer"): Promise<APIRequestContext> {
  const extraHTTPHeaders: Record<string, string> = key ? (header === "bearer" ? { Authorization: `Bearer ${key}` } : { "X-Api-Key": key }) : {};
  return playwright.request.newContext({ baseURL, extraHTTPHeaders });
}

async function errorOf(res: APIResponse): Promise<{ code: string; message: string; field?: string }> {
  const j = (await res.json()) as { error: { code: string; message: string; field?: string } };
  return j.error;
}

async function newTeam(browser: Browser, name: string): Promise<{ page: Page; slug: string }> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const slug = await signUp(page, { name, email: uniqueEmail(name.split(" ")[0]!.toLowerCase()) });
  return { page, slug };
}

test.beforeAll(async ({ browser }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  const { page, slug } = await newTeam(browser, "Ada Api");
  await addLinkedInAccount(page, slug, "Ada’s LinkedIn");
  await uploadAndWait(page, FIXTURE);
  const rw = await createKeyInSettings(page, slug, "Sync script", "Read and write");
  const ro = await createKeyInSettings(page, slug, "Dashboard", "Read only");
  a = { page, slug, rw, ro, baseURL };
});

test("no key, a cookie, or a bad key is 401 with a JSON error", async ({ playwright }) => {
  const anon = await client(playwright, a.baseURL);
  const res = await anon.get("/api/v1/connections");
  expect(res.status()).toBe(401);
  expect(res.headers()["www-authenticate"]).toBe("Bearer");
  expect(await errorOf(res)).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringContaining("Authorization: Bearer") });
  // The signed-in browser's cookies are not a credential here.
  const withCookie = await a.page.request.get("/api/v1/connections");
  expect(withCookie.status()).toBe(401);
  for (const [auth, pattern] of [[`Bearer crm_nope`, /malformed/], [`Bearer crm_${"A".repeat(43)}`, /not valid/], ["Basic dXNlcjpwYXNz", /Bearer/]] as const) {
    const r = await anon.get("/api/v1/tags", { headers: { Authorization: auth } });
    expect(r.status(), auth).toBe(401);
    expect((await errorOf(r)).message, auth).toMatch(pattern);
  }
  await anon.dispose();
});

test("lists connections with a filter and walks every page with the cursor", async ({ playwright }) => {
  const api = await client(playwright, a.baseURL, a.ro);
  const first = await api.get("/api/v1/connections?limit=4");
  expect(first.status()).toBe(200);
  expect(first.headers()["x-ratelimit-limit"]).toBe(String(RATE_LIMIT));
  expect(Number(first.headers()["x-ratelimit-remaining"])).toBeLessThan(RATE_LIMIT);
  expect(Number(first.headers()["x-ratelimit-reset"])).toBeGreaterThan(0);

  const seen: string[] = [];
  const dates: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await api.get("/api/v1/connections", { params: { limit: 4, ...(cursor ? { cursor } : {}) } });
    expect(res.status()).toBe(200);
    const page = (await res.json()) as { data: Array<{ id: string; connectedOn: string; name: string; company: string }>; nextCursor: string | null; icp: unknown };
    expect(page.icp).toBeNull();
    seen.push(...page.data.map((r) => r.id));
    dates.push(...page.data.map((r) => r.connectedOn));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  expect(pages).toBe(3);
  expect(new Set(seen).size).toBe(PEOPLE);
  expect(dates).toEqual([...dates].sort().reverse());

  // The table's filter language: accent-blind search, company, sort, status.
  const garcia = await (await api.get("/api/v1/connections?q=garcia")).json();
  expect(garcia.data.map((r: { name: string }) => r.name)).toEqual(["Maria García"]);
  const acme = await (await api.get("/api/v1/connections", { params: { company: "acme", status: "all" } })).json();
  expect(acme.data.map((r: { company: string }) => r.company)).toEqual(["Acme Corporation"]);
  const byName = await (await api.get("/api/v1/connections?sort=name&dir=asc&limit=2")).json();
  expect(byName.data.map((r: { name: string }) => r.name)).toEqual(["Anna Schmidt", "Chloé Dubois"]);

  const one = await api.get(`/api/v1/connections/${seen[0]}`);
  expect(one.status()).toBe(200);
  expect(await one.json()).toMatchObject({ id: seen[0], linkedInUrl: expect.stringMatching(/^https:\/\/www\.linkedin\.com\//), notes: [], scores: [] });
  await api.dispose();
});

test("a bad filter, page size, cursor or unknown parameter is a 400 naming it", async ({ playwright }) => {
  const api = await client(playwright, a.baseURL, a.ro);
  const cases: Array<[string, string, RegExp]> = [
    ["seniority=wizard", "seniority", /wizard/],
    ["connectedFrom=2024-13-45", "connectedFrom", /YYYY-MM-DD/],
    ["scoreMin=80&scoreMax=20", "scoreMax", /below/],
    ["status=ARCHIVED", "status", /ARCHIVED/],
    ["limit=500", "limit", /200/],
    ["cursor=not-a-cursor!", "cursor", /page/],
    ["compnay=acme", "compnay", /Unknown parameter/],
  ];
  for (const [query, field, message] of cases) {
    const res = await api.get(`/api/v1/connections?${query}`);
    expect(res.status(), query).toBe(400);
    const e = await errorOf(res);
    expect(e, query).toMatchObject({ code: "VALIDATION", field });
    expect(e.message, query).toMatch(message);
  }
  await api.dispose();
});

test("unsupported methods are a JSON 405 with Allow; unknown tag, account and icp ids are all 404s naming the parameter", async ({ playwright }) => {
  const api = await client(playwright, a.baseURL, a.rw);
  for (const [method, path, allow] of [
    ["PUT", "/api/v1/tags", "GET, POST, HEAD, OPTIONS"],
    ["DELETE", "/api/v1/connections", "GET, HEAD, OPTIONS"],
    ["GET", "/api/v1/tags/some-tag/connections", "POST, DELETE, OPTIONS"],
  ] as const) {
    const res = await api.fetch(path, { method });
    expect(res.status(), `${method} ${path}`).toBe(405);
    expect(res.headers()["allow"], `${method} ${path}`).toBe(allow);
    expect(await errorOf(res), `${method} ${path}`).toMatchObject({ code: "METHOD_NOT_ALLOWED", message: expect.stringContaining(method) });
  }
  const options = await api.fetch("/api/v1/tags", { method: "OPTIONS" });
  expect(options.headers()["allow"]).toBe("GET, POST, HEAD, OPTIONS");

  // A malformed path segment is an id that does not exist, not a 500.
  for (const bad of ["%ff", "%00"]) {
    const res = await api.get(`/api/v1/connections/${bad}/notes`);
    expect(res.status(), bad).toBe(404);
    expect((await errorOf(res)).code, bad).toBe("NOT_FOUND");
  }
  for (const param of ["tag", "account", "icp"]) {
    const res = await api.get(`/api/v1/connections?${param}=no-such-id`);
    expect(res.status(), param).toBe(404);
    expect(await errorOf(res), param).toMatchObject({ code: "NOT_FOUND", field: param });
  }
  await api.dispose();
});

test("two different keys in Authorization and X-Api-Key are refused; tag names count characters, not UTF-16 units", async ({ playwright }) => {
  const api = await client(playwright, a.baseURL, a.rw);
  const both = await api.get("/api/v1/tags", { headers: { "X-Api-Key": a.ro } });
  expect(both.status()).toBe(400);
  expect(both.headers()["www-authenticate"]).toBe('Bearer error="invalid_request"');
  expect((await errorOf(both)).message).toMatch(/different keys/);
  expect((await api.get("/api/v1/tags", { headers: { "X-Api-Key": a.rw } })).status()).toBe(200); // the same key twice is fine

  const emoji = "🚀".repeat(21); // 42 UTF-16 units, 21 characters
  const created = await api.post("/api/v1/tags", { data: { name: emoji } });
  expect(created.status()).toBe(201);
  expect(((await created.json()) as { name: string }).name).toBe(emoji);
  const tooLong = await api.post("/api/v1/tags", { data: { name: "🚀".repeat(41) } });
  expect(tooLong.status()).toBe(400);
  expect(await errorOf(tooLong)).toMatchObject({ code: "VALIDATION", field: "name", message: expect.stringMatching(/at most 40 characters/) });
  await api.dispose();
});

test("tags and notes: create a tag, tag connections one by one and in bulk, add a note", async ({ playwright }) => {
  const api = await client(playwright, a.baseURL, a.rw, "x-api-key");
  const ids = ((await (await api.get("/api/v1/connections?sort=name&dir=asc")).json()) as { data: Array<{ id: string }> }).data.map((r) => r.id);

  const created = await api.post("/api/v1/tags", { data: { name: "  API prospects ", color: "teal" } });
  expect(created.status()).toBe(201);
  const tag = (await created.json()) as { id: string; name: string; color: string; count: number };
  expect(tag).toMatchObject({ name: "API prospects", color: "teal", count: 0 });
  const dup = await api.post("/api/v1/tags", { data: { name: "api PROSPECTS" } });
  expect([dup.status(), (await errorOf(dup)).code]).toEqual([409, "CONFLICT"]);
  const badColor = await api.post("/api/v1/tags", { data: { name: "x", color: "plaid" } });
  expect([badColor.status(), (await errorOf(badColor)).field]).toEqual([400, "color"]);
  const notJson = await api.post("/api/v1/tags", { data: "name=x", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  expect(notJson.status()).toBe(415);

  const on = await api.post(`/api/v1/connections/${ids[0]}/tags`, { data: { tagId: tag.id } });
  expect(on.status()).toBe(200);
  expect(await on.json()).toEqual({ connectionId: ids[0], changed: true, tags: [{ id: tag.id, name: "API prospects", color: "teal" }] });
  expect((await (await api.post(`/api/v1/connections/${ids[0]}/tags`, { data: { tagId: tag.id } })).json()).changed).toBe(false);

  const bulk = await api.post(`/api/v1/tags/${tag.id}/connections`, { data: { connectionIds: [ids[0], ids[1], ids[2], "no-such-connection"] } });
  expect(await bulk.json()).toMatchObject({ count: 2, changeId: expect.any(String) });
  const tagged = (await (await api.get(`/api/v1/connections?tag=${tag.id}`)).json()) as { data: Array<{ id: string }> };
  expect(tagged.data.map((r) => r.id).sort()).toEqual([ids[0], ids[1], ids[2]].sort());
  const list = (await (await api.get("/api/v1/tags")).json()) as { data: Array<{ id: string; count: number }> };
  expect(list.data.find((t) => t.id === tag.id)?.count).toBe(3);

  const off = await api.delete(`/api/v1/connections/${ids[0]}/tags/${tag.id}`);
  expect(await off.json()).toMatchObject({ changed: true, tags: [] });
  const bulkOff = await api.delete(`/api/v1/tags/${tag.id}/connections`, { data: { connectionIds: [ids[1], ids[2]] } });
  expect((await bulkOff.json()).count).toBe(2);
  const tooMany = await api.post(`/api/v1/tags/${tag.id}/connections`, { data: { connectionIds: Array.from({ length: 1001 }, (_, i) => `c${i}`) } });
  expect([tooMany.status(), (await errorOf(tooMany)).field]).toEqual([400, "connectionIds"]);

  const note = await api.post(`/api/v1/connections/${ids[3]}/notes`, { data: { body: "Met at the API conference.\nFollow up in May." } });
  expect(note.status()).toBe(201);
  expect(await note.json()).toMatchObject({ connectionId: ids[3], body: "Met at the API conference.\nFollow up in May.", authorName: "Ada Api", editedAt: null });
  const empty = await api.post(`/api/v1/connections/${ids[3]}/notes`, { data: { body: "   " } });
  expect([empty.status(), (await errorOf(empty)).field]).toEqual([400, "body"]);
  const notes = (await (await api.get(`/api/v1/connections/${ids[3]}/notes`)).json()) as { data: Array<{ body: string }> };
  expect(notes.data.map((n) => n.body)).toEqual(["Met at the API conference.\nFollow up in May."]);
  expect((await (await api.get(`/api/v1/connections/${ids[3]}`)).json()).notes).toHaveLength(1);

  // A key is not a cookie: a request from another origin that carries one passes the CSRF wall.
  const crossSite = await api.post("/api/v1/tags", { data: { name: "From elsewhere" }, headers: { Origin: "https://elsewhere.example" } });
  expect(crossSite.status()).toBe(201);
  await api.dispose();
});

test("a read-only key cannot write (403); a revoked key is refused (401); settings show last use", async ({ playwright }) => {
  const ro = await client(playwright, a.baseURL, a.ro);
  const write = await ro.post("/api/v1/tags", { data: { name: "Not allowed" } });
  expect(write.status()).toBe(403);
  expect(await errorOf(write)).toMatchObject({ code: "INSUFFICIENT_SCOPE", message: expect.stringMatching(/read-only/) });
  const list = (await (await ro.get("/api/v1/tags")).json()) as { data: Array<{ name: string }> };
  expect(list.data.map((t) => t.name)).not.toContain("Not allowed");

  await a.page.goto(`/t/${a.slug}/settings/api-keys`);
  const row = a.page.getByTestId("api-key-row").filter({ hasText: "Dashboard" });
  await expect(row).not.toContainText("Never");
  a.page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Revoke Dashboard" }).click();
  await expect(row).toContainText("Revoked");
  const after = await ro.get("/api/v1/tags");
  expect(after.status()).toBe(401);
  expect((await errorOf(after)).message).toMatch(/revoked/);
  await ro.dispose();
});

test("another team's key (made with the CLI) sees nothing of team A: 404s and no effect", async ({ browser, playwright }) => {
  const b = await newTeam(browser, "Bo Other");
  const cli = await promisify(execFile)(process.execPath, ["--import", "tsx", join(import.meta.dirname, "../../cli/src/main.ts"), "create-api-key", "--team", b.slug, "--scope", "read-write", "--name", "B script"], {
    cwd: join(import.meta.dirname, "../../.."),
    env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/connection_crm_test", APP_DATABASE_URL: "", QUEUE_PREFIX: "{crm-e2e}" },
  });
  keyB = cli.stdout.trim();
  expect(keyB).toMatch(/^crm_[A-Za-z0-9_-]{43}$/);

  const apiA = await client(playwright, a.baseURL, a.rw);
  const idA = ((await (await apiA.get("/api/v1/connections?limit=1")).json()) as { data: Array<{ id: string }> }).data[0]!.id;
  const tagA = ((await (await apiA.get("/api/v1/tags")).json()) as { data: Array<{ id: string }> }).data[0]!.id;
  const apiB = await client(playwright, a.baseURL, keyB);
  expect(((await (await apiB.get("/api/v1/connections?status=all")).json()) as { data: unknown[] }).data).toEqual([]);
  for (const [method, path, data] of [
    ["GET", `/api/v1/connections/${idA}`, undefined],
    ["GET", `/api/v1/connections/${idA}/notes`, undefined],
    ["POST", `/api/v1/connections/${idA}/notes`, { body: "B was here" }],
    ["POST", `/api/v1/connections/${idA}/tags`, { tagId: tagA }],
    ["DELETE", `/api/v1/connections/${idA}/tags/${tagA}`, undefined],
    ["POST", `/api/v1/tags/${tagA}/connections`, { connectionIds: [idA] }],
  ] as const) {
    const res = await apiB.fetch(path, { method, ...(data ? { data } : {}) });
    expect(res.status(), `${method} ${path}`).toBe(404);
    const text = await res.text();
    expect(text, path).not.toContain("Ada");
  }
  // B's own tag on A's connection: nothing changes.
  const tagB = (await (await apiB.post("/api/v1/tags", { data: { name: "B tag" } })).json()) as { id: string };
  expect(await (await apiB.post(`/api/v1/tags/${tagB.id}/connections`, { data: { connectionIds: [idA] } })).json()).toMatchObject({ count: 0, changeId: null });
  expect(((await (await apiA.get(`/api/v1/connections/${idA}/notes`)).json()) as { data: unknown[] }).data.map((n) => (n as { body: string }).body)).not.toContain("B was here");
  await apiA.dispose();
  await apiB.dispose();
});

test("each key has its own budget: headers count down, then 429 with Retry-After", async ({ playwright }) => {
  const api = await client(playwright, a.baseURL, keyB);
  let last: APIResponse | undefined;
  let remaining = Infinity;
  for (let i = 0; i < RATE_LIMIT + 5; i++) {
    last = await api.get("/api/v1/tags");
    if (last.status() === 429) break;
    expect(last.status()).toBe(200);
    const r = Number(last.headers()["x-ratelimit-remaining"]);
    expect(r).toBeLessThan(remaining);
    remaining = r;
  }
  expect(remaining).toBe(0);
  expect(last!.status()).toBe(429);
  expect(Number(last!.headers()["retry-after"])).toBeGreaterThan(0);
  expect(last!.headers()["x-ratelimit-remaining"]).toBe("0");
  expect(await errorOf(last!)).toMatchObject({ code: "RATE_LIMITED", message: expect.stringContaining(String(RATE_LIMIT)) });
  // Team A's key is not affected by B's.
  const other = await client(playwright, a.baseURL, a.rw);
  expect((await other.get("/api/v1/tags")).status()).toBe(200);
  await other.dispose();
  await api.dispose();
});

test("the OpenAPI document is served without a key; unknown endpoints are JSON 404s", async ({ playwright }) => {
  const anon = await client(playwright, a.baseURL);
  const doc = await anon.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  const j = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(j.openapi).toBe("3.1.0");
  expect(Object.keys(j.paths)).toContain("/connections");
  const unknown = await anon.get("/api/v1/contacts");
  expect(unknown.status()).toBe(404);
  expect((await errorOf(unknown)).code).toBe("NOT_FOUND");
  await anon.dispose();
});
