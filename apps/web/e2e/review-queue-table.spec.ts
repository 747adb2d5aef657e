import { randomUUID } from "node:crypto";
import pg from "pg";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { addLinkedInAccount, signUp, uniqueEmail } from "./helpers";

// The queue page's table view (issue 10): live counts per view, bulk votes and decisions by
// selection and by "all N matching", one undo per bulk action, keyboard-only use of the bulk bar.
// The queue is seeded straight into the database (the queue build has its own tests), in the
// database the web server under test uses (playwright.config.ts).

const DB_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/connection_crm_test";

async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: DB_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

type TSeed = { first: string; last: string; company: string; position: string; kind: "REMOVE" | "FOLLOW_UP"; state: "OPEN" | "SNOOZED" | "DONE"; rule: string };

// Five removal candidates, two follow-ups (open), one snoozed and one already kept.
const PEOPLE: TSeed[] = [
  { first: "Alma", last: "Adams", company: "Acme", position: "Buyer", kind: "REMOVE", state: "OPEN", rule: "no_icp_fit" },
  { first: "Bert", last: "Brown", company: "Globex", position: "Clerk", kind: "REMOVE", state: "OPEN", rule: "no_icp_fit" },
  { first: "Cora", last: "Clark", company: "Initech", position: "Recruiter", kind: "REMOVE", state: "OPEN", rule: "recruiter" },
  { first: "Dale", last: "Dunn", company: "Hooli", position: "Student", kind: "REMOVE", state: "OPEN", rule: "student" },
  { first: "Edda", last: "Evans", company: "Umbrella", position: "Intern", kind: "REMOVE", state: "OPEN", rule: "no_icp_fit" },
  { first: "Finn", last: "Ford", company: "Stark Industries", position: "CEO", kind: "FOLLOW_UP", state: "OPEN", rule: "follow_up_due" },
  { first: "Gail", last: "Green", company: "Wayne Enterprises", position: "VP Sales", kind: "FOLLOW_UP", state: "OPEN", rule: "follow_up_due" },
  { first: "Hugo", last: "Hart", company: "Soylent", position: "Analyst", kind: "REMOVE", state: "SNOOZED", rule: "no_icp_fit" },
  { first: "Iris", last: "Ives", company: "Pied Piper", position: "Engineer", kind: "REMOVE", state: "DONE", rule: "no_icp_fit" },
];

async function seedQueue(slug: string, accountId: string, ownerId: string): Promise<void> {
  const [team] = await sql<{ id: string }>(`SELECT id FROM "Team" WHERE slug = $1`, [slug]);
  const rows = PEOPLE.map((p, i) => ({
    ...p,
    connectionId: randomUUID(),
    itemId: randomUUID(),
    key: `li:queue-e2e-${randomUUID()}`,
    url: `https://www.linkedin.com/in/${p.first.toLowerCase()}-${p.last.toLowerCase()}-e2e`,
    // Oldest first in PEOPLE order, so the newest item is the last one.
    createdAt: new Date(Date.now() - (PEOPLE.length - i) * 60_000).toISOString(),
    snoozedUntil: p.state === "SNOOZED" ? new Date(Date.now() + 30 * 86_400_000).toISOString() : null,
    decision: p.state === "DONE" ? "KEEP" : null,
    decidedById: p.state === "DONE" ? ownerId : null,
    decidedAt: p.state === "DONE" ? new Date().toISOString() : null,
  }));
  const json = JSON.stringify(rows);
  await sql(
    `INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "firstName", "lastName", "profileUrl", company, position, status)
     SELECT r."connectionId", $1, $2, r.key, lower(r.first || '|' || r.last), r.first, r.last, r.url, r.company, r.position, 'CONNECTED'
       FROM jsonb_to_recordset($3::jsonb) AS r("connectionId" text, key text, first text, last text, url text, company text, position text)`,
    [team!.id, accountId, json],
  );
  await sql(
    `INSERT INTO "ReviewItem" (id, "teamId", "connectionId", "accountId", kind, state, rules, origin, decision, "decidedById", "decidedAt", "snoozedUntil", "createdAt", "updatedAt")
     SELECT r."itemId", $1, r."connectionId", $2, r.kind::"ReviewKind", r.state::"ReviewState", ARRAY[r.rule], 'rule', r.decision::"ReviewChoice",
            r."decidedById", r."decidedAt", r."snoozedUntil", r."createdAt", r."createdAt"
       FROM jsonb_to_recordset($3::jsonb) AS r("itemId" text, "connectionId" text, kind text, state text, rule text, decision text, "decidedById" text,
            "decidedAt" timestamptz, "snoozedUntil" timestamptz, "createdAt" timestamptz)`,
    [team!.id, accountId, json],
  );
}

const userId = async (email: string) => (await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = lower($1)`, [email]))[0]!.id;

const count = (page: Page, view: string) => page.getByTestId(`count-${view}`);
const rows = (page: Page) => page.getByTestId("queue-row");
const row = (page: Page, name: string) => rows(page).filter({ hasText: name });
const bar = (page: Page) => page.getByRole("toolbar", { name: "Bulk review" });
const toast = (page: Page) => page.getByRole("status").filter({ hasText: /Proposed|Decided|Undone/ });

async function expectCounts(page: Page, c: Record<string, number>, timeout?: number) {
  for (const [view, n] of Object.entries(c)) await expect(count(page, view), view).toHaveText(String(n), { timeout });
}

/** A keyboard focus ring is drawn (focus-visible outline), not only focus. */
async function expectFocusRing(el: Locator) {
  await expect(el).toBeFocused();
  await expect(el).toHaveCSS("outline-style", "solid");
}

test("queue table: live counts, bulk vote, decide all matching, undo, keyboard-only bulk bar", async ({ browser }) => {
  test.setTimeout(120_000);
  const ownerCtx = await browser.newContext();
  const owner = await ownerCtx.newPage();
  const ownerEmail = uniqueEmail("queue-owner");
  const slug = await signUp(owner, { name: "Olga Owner", email: ownerEmail });
  const accountId = await addLinkedInAccount(owner, slug, "Olga’s LinkedIn");
  await seedQueue(slug, accountId, await userId(ownerEmail));

  // A teammate: signs up (with a team of their own), then joins Olga's team as a member.
  const mateCtx = await browser.newContext();
  const mate = await mateCtx.newPage();
  const mateEmail = uniqueEmail("queue-mate");
  const mateSlug = await signUp(mate, { name: "Theo Teammate", email: mateEmail });
  await sql(`INSERT INTO "Membership" (id, "teamId", "userId", role) SELECT gen_random_uuid()::text, t.id, $2, 'MEMBER' FROM "Team" t WHERE t.slug = $1`, [slug, await userId(mateEmail)]);

  // Another team's account id is a 404 in the teammate's own team, for the page and the counts.
  expect((await mate.goto(`/t/${mateSlug}/queue?account=${accountId}`))?.status()).toBe(404);
  expect((await mate.request.get(`/api/t/${mateSlug}/review/counts?account=${accountId}`)).status()).toBe(404);

  // The teammate's queue: the counts per view and the seven open items.
  await mate.goto(`/t/${slug}/queue?account=${accountId}`);
  await expect(mate.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();
  await expectCounts(mate, { needs_my_vote: 7, waiting_for_owner: 0, approved: 0, snoozed: 1, done: 1 });
  await expect(rows(mate)).toHaveCount(7);
  await expect(mate.getByRole("link", { name: "Start reviewing" })).toHaveAttribute("href", `/t/${slug}/queue/review?account=${accountId}&view=needs_my_vote`);
  const alma = row(mate, "Alma Adams");
  await expect(alma.getByRole("link", { name: "Alma Adams", exact: true })).toHaveAttribute("href", new RegExp(`^/t/${slug}/queue/items/[^/]+$`));
  const li = alma.getByRole("link", { name: "Alma Adams on LinkedIn (opens in a new tab)" });
  await expect(li).toHaveAttribute("target", "_blank");
  await expect(li).toHaveAttribute("rel", "noopener noreferrer");
  await expect(alma).toContainText("Fits none of the team's ICPs");
  await expect(mate.getByText("Describe your ICP so the queue can propose people.")).toBeVisible();

  // Shift-click selects a range.
  await rows(mate).nth(0).getByRole("checkbox").click();
  await rows(mate).nth(2).getByRole("checkbox").click({ modifiers: ["Shift"] });
  await expect(bar(mate)).toContainText("3 items selected");
  await bar(mate).getByRole("button", { name: "Clear selection" }).click();
  await expect(bar(mate)).toHaveCount(0);

  // Three removal candidates, proposed for removal: the counts change without a reload.
  await mate.evaluate(() => ((window as unknown as { __same: boolean }).__same = true));
  for (const name of ["Alma Adams", "Bert Brown", "Cora Clark"]) await mate.getByRole("checkbox", { name: `Select ${name}` }).check();
  await expect(bar(mate)).toContainText("3 items selected");
  await expect(bar(mate).getByRole("group", { name: "Decide" })).toHaveCount(0); // not the account's owner
  await bar(mate).getByRole("group", { name: "Propose" }).getByRole("button", { name: "Remove" }).click();
  await expect(toast(mate)).toContainText("Proposed Remove for 3 items.");
  await expectCounts(mate, { needs_my_vote: 4, waiting_for_owner: 3 });
  await expect(rows(mate)).toHaveCount(4);
  expect(await mate.evaluate(() => (window as unknown as { __same?: boolean }).__same)).toBe(true);

  // The owner: everything of kind "remove" waiting for them, by "select all N matching", kept.
  await owner.goto(`/t/${slug}/queue?account=${accountId}&view=waiting_for_owner&kind=remove`);
  await expectCounts(owner, { waiting_for_owner: 3, done: 1 });
  await expect(rows(owner)).toHaveCount(3);
  await expect(row(owner, "Cora Clark")).toContainText("1 says remove");
  await owner.getByRole("checkbox", { name: "Select all on this page" }).check();
  await owner.getByRole("button", { name: "Select all 3 matching" }).click();
  await expect(bar(owner)).toContainText("All 3 matching selected");
  await bar(owner).getByRole("group", { name: "Decide" }).getByRole("button", { name: "Keep" }).click();
  const confirm = owner.getByRole("dialog", { name: "Decide Keep for 3 items?" });
  await expect(confirm.getByTestId("confirm-summary")).toContainText("kind Remove");
  await confirm.getByRole("button", { name: "Decide Keep" }).click();
  await expect(toast(owner)).toContainText("Decided Keep for 3 items.");
  await expectCounts(owner, { waiting_for_owner: 0, done: 4 });
  await expect(owner.getByTestId("queue-empty")).toBeVisible();
  // The teammate's open page follows by polling (every 10 s while visible).
  await expectCounts(mate, { waiting_for_owner: 0, done: 4 }, 25_000);

  // One undo brings the three back.
  await toast(owner).getByRole("button", { name: "Undo" }).click();
  await expect(toast(owner)).toContainText("Undone: 3 items restored.");
  await expectCounts(owner, { waiting_for_owner: 3, done: 1 });
  await expect(rows(owner)).toHaveCount(3);

  // Keyboard only (teammate): into the table, tick two rows, act from the bar, undo from the message.
  await mate.reload();
  await expect(rows(mate)).toHaveCount(4);
  await mate.getByRole("button", { name: "Apply" }).focus();
  await mate.keyboard.press("Tab"); // "select all on this page"
  await mate.keyboard.press("Tab"); // the first row
  const first = rows(mate).nth(0).getByRole("checkbox");
  await expectFocusRing(first);
  await mate.keyboard.press("Space");
  await expect(first).toBeChecked();
  await mate.keyboard.press("j");
  const second = rows(mate).nth(1).getByRole("checkbox");
  await expect(second).toBeFocused();
  await mate.keyboard.press("x");
  await expect(second).toBeChecked();
  await expect(bar(mate)).toContainText("2 items selected");
  const keep = bar(mate).getByRole("group", { name: "Propose" }).getByRole("button", { name: "Keep" });
  for (let i = 0; i < 6 && !(await keep.evaluate((el) => el === document.activeElement)); i++) await mate.keyboard.press("Tab");
  await expectFocusRing(keep);
  await mate.keyboard.press("Enter");
  await expect(toast(mate)).toContainText("Proposed Keep for 2 items.");
  await expectCounts(mate, { needs_my_vote: 2, waiting_for_owner: 5 });
  const undo = toast(mate).getByRole("button", { name: "Undo" });
  await expectFocusRing(undo);
  await mate.keyboard.press("Enter");
  await expect(toast(mate)).toContainText("Undone: 2 items restored.");
  await expectCounts(mate, { needs_my_vote: 4, waiting_for_owner: 3 });

  await ownerCtx.close();
  await mateCtx.close();
});
