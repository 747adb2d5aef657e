import { Readable } from "node:stream";
import { expect, test } from "@playwright/test";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { emptyIcpDefinition } from "@crm/scoring";
import { E2E_SMTP_PORT } from "../playwright.config";
import { PASSWORD, signUp, uniqueEmail } from "./helpers";
import { startInbox } from "./smtp-inbox";

// Issue 10's team home ("Today") and in-app notifications. The team's data and the teammate's
// @mention are made through the core services in this process (the same database as the server),
// so the spec tests what the owner sees, not how the queue is built.

type TCore = typeof import("@crm/core");
let core: TCore;
let inbox: Awaited<ReturnType<typeof startInbox>>;

test.beforeAll(async () => {
  // The invitation email goes through the worker to SMTP_URL: somebody must take it.
  inbox = await startInbox(E2E_SMTP_PORT);
  process.env.QUEUE_PREFIX = "{crm-e2e}";
  process.env.SMTP_URL = `smtp://127.0.0.1:${E2E_SMTP_PORT}`;
  const { prepareTestDatabase } = await import("@crm/db/testing");
  await prepareTestDatabase(); // points this process at TEST_DATABASE_URL, as the server is
  core = await import("@crm/core");
});
test.afterAll(async () => {
  const { disconnectDb } = await import("@crm/db");
  const { closeQueues, closeProducerRedis } = await import("@crm/jobs");
  await closeQueues().catch(() => undefined);
  await closeProducerRedis().catch(() => undefined);
  await disconnectDb();
  await inbox.close();
});

/** A network of 80 people, scored against an ICP few of them fit, and its review queue. */
async function teamWithQueue(ownerEmail: string, slug: string) {
  const { db, withTeam } = await import("@crm/db");
  const owner = await db().user.findUniqueOrThrow({ where: { email: ownerEmail.toLowerCase() }, select: { id: true, name: true } });
  const ctx = await core.resolveTeamContext({ userId: owner.id, slug });
  const { id: accountId } = await core.createLinkedInAccount(ctx, { label: "Olive’s LinkedIn", ownerUserId: owner.id, timeZone: "UTC" });
  const csv = Buffer.from(generateConnectionsCsv({ rows: 80, seed: 11 }));
  const { importId } = await core.receiveUpload(ctx, { accountId, fileName: "Connections.csv", body: Readable.from([csv]), declaredBytes: csv.length }, { queue: false });
  await core.processImport(ctx.teamId, importId, { refreshScores: false });
  const icp = await core.saveIcp(ctx, { name: "Sales leaders", definition: { ...emptyIcpDefinition(), titleKeywords: { values: ["VP Sales"], weight: "important" } } });
  await core.rescoreIcp(ctx.teamId, icp.id, { version: icp.version });
  await core.buildQueue(ctx.teamId);
  // A teammate, invited and signed up the way the invitation link does it.
  const email = uniqueEmail("tariq");
  const { token } = await core.createInvitation(ctx, { email, role: "MEMBER" });
  const { userId } = await core.signUp({ name: "Tariq Teammate", email, password: PASSWORD, invitationToken: token });
  const teammate = await core.resolveTeamContext({ userId, slug });
  const items = await withTeam(ctx.teamId, (tx) => tx.reviewItem.findMany({ where: { teamId: ctx.teamId, kind: "REMOVE", state: "OPEN" }, orderBy: { id: "asc" }, take: 2, select: { id: true } }));
  expect(items.length).toBe(2);
  return { ctx, owner, teammate, accountId, itemIds: items.map((i) => i.id) };
}

test("Today shows what waits for me; a teammate's @mention rings the bell and leads to the card", async ({ page }) => {
  const ownerEmail = uniqueEmail("olive");
  const slug = await signUp(page, { name: "Olive Owner", email: ownerEmail, teamName: "Today Team" });
  const { ctx, owner, teammate, accountId, itemIds } = await teamWithQueue(ownerEmail, slug);
  const [mentioned, voted] = itemIds as [string, string];
  await core.castVote(teammate, voted, { choice: "remove", reason: "Never talked." });
  await core.castVote(teammate, mentioned, { choice: "remove", reason: "No fit." });
  await core.addComment(teammate, mentioned, { body: `@${owner.name} can we remove this one?` });

  await page.goto(`/t/${slug}`);
  await expect(page.getByRole("heading", { level: 1, name: "Today Team" })).toBeVisible();
  const main = page.getByRole("main");
  await expect(main.getByRole("region", { name: "Waiting for me" })).toBeVisible();
  await expect(main.getByText("Add your LinkedIn network.")).toHaveCount(0);
  // Olive owns the account: the teammate's proposals wait for her decision.
  const decision = main.getByTestId("today-waiting").filter({ hasText: "Need my decision" });
  await expect(decision).toContainText(/Need my decision\s*[1-9]/);
  await expect(decision).toHaveAttribute("href", `/t/${slug}/queue?account=${accountId}&view=waiting_for_owner`);
  await expect(main.getByRole("region", { name: "Next up" }).getByTestId("today-next-item").first()).toBeVisible();
  await expect(main.getByRole("region", { name: "Queue by account" }).getByRole("rowheader", { name: "Olive’s LinkedIn" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Today" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review queue" })).toHaveAttribute("href", `/t/${slug}/queue`);

  // The bell: keyboard reachable, named with its count. The mention, and (the votes) items that
  // wait for Olive's decision.
  const bell = page.getByRole("link", { name: "Notifications, 2 unread" });
  await expect(bell).toBeVisible();
  await expect(page.getByTestId("notification-badge")).toHaveText("2");
  await bell.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/notifications$`));
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const rows = page.getByTestId("notification");
  await expect(rows).toHaveCount(2);
  const mention = rows.filter({ hasText: "Tariq Teammate mentioned you" });
  await expect(mention).toHaveAttribute("data-unread", "true");
  await expect(rows.filter({ hasText: /for your decision/ })).toHaveAttribute("data-unread", "true");

  await mention.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/queue/items/${mentioned}$`));
  // Opening it marked it read: the bell drops without a reload.
  await expect(page.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible();
  await expect(page.getByTestId("notification-badge")).toHaveText("1");
  expect(await core.unreadNotificationCount(ctx)).toBe(1);

  await page.goto(`/t/${slug}/notifications`);
  await expect(rows.filter({ hasText: "Tariq Teammate mentioned you" })).not.toHaveAttribute("data-unread", "true");
  await expect(page.locator('[data-testid="notification"][data-unread="true"]')).toHaveCount(1);

  // "Need my decision" is exactly what its link lists: the two items Tariq voted on, the count on
  // the "Waiting for the account owner" tab it opens.
  await page.goto(`/t/${slug}`);
  await expect(decision).toContainText(/Need my decision\s*2(?!\d)/);
  await decision.click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/queue\\?account=${accountId}&view=waiting_for_owner$`));
  await expect(page.getByTestId("count-waiting_for_owner")).toHaveText("2");
});

test("Mark all as read clears the bell; the bell picks up a new mention by itself", async ({ page }) => {
  const ownerEmail = uniqueEmail("olive");
  const slug = await signUp(page, { name: "Olive Owner", email: ownerEmail, teamName: "Bell Team" });
  const { owner, teammate, itemIds } = await teamWithQueue(ownerEmail, slug);
  for (const id of itemIds) await core.addComment(teammate, id, { body: `@${owner.name} have a look` });

  await page.goto(`/t/${slug}/notifications`);
  await expect(page.getByRole("link", { name: "Notifications, 2 unread" })).toBeVisible();
  await expect(page.locator('[data-testid="notification"][data-unread="true"]')).toHaveCount(2);
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.locator('[data-testid="notification"][data-unread="true"]')).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();

  // A new mention while the page is open: the next poll (~20 s) shows it without a reload.
  await core.addComment(teammate, itemIds[0]!, { body: `@${owner.name} one more thing` });
  await expect(page.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible({ timeout: 30_000 });
});
