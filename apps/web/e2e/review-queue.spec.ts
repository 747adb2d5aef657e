import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { E2E_SMTP_PORT } from "../playwright.config";
import { addLinkedInAccount, createIcp, PASSWORD, signUp, uniqueEmail, uploadAndWait } from "./helpers";
import { linkIn, startInbox } from "./smtp-inbox";

// Issue 10, "Playwright with two browser contexts": a teammate works three cards by keyboard only
// (keep; remove with a comment that @mentions the owner; snooze to a date), the owner hears of it
// through the bell, opens the card from the notification, sees the vote and the comment and
// approves the removal; the teammate sees it under "Approved"; the owner's U undoes it.
const FIXTURE = join(import.meta.dirname, "fixtures", "Connections.csv");

let inbox: Awaited<ReturnType<typeof startInbox>>;
test.beforeAll(async () => {
  inbox = await startInbox(E2E_SMTP_PORT);
});
test.afterAll(async () => {
  await inbox.close();
});

const card = (page: Page) => page.getByTestId("review-card");
const cardName = (page: Page) => card(page).getByRole("heading", { level: 1 });
const announcer = (page: Page) => page.getByTestId("review-announcer");

/** The focused element shows a ring or an outline (keyboard focus is never invisible). */
async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const s = getComputedStyle(el);
    return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
  });
}

async function nameOnCard(page: Page): Promise<string> {
  await expect(cardName(page)).toBeVisible();
  return ((await cardName(page).textContent()) ?? "").replace(/↗.*$/s, "").trim();
}

test("a teammate works three cards by keyboard, the owner approves from the notification, undo works", async ({ browser }) => {
  test.setTimeout(180_000);
  // The owner: a team, a LinkedIn account with 10 people, and an ICP that fits none of them, so
  // the queue build (in the worker) proposes every one for removal.
  const owner = await browser.newContext();
  const oPage = await owner.newPage();
  const slug = await signUp(oPage, { name: "Olivia Owner", email: uniqueEmail("olivia"), teamName: "Review Crew" });
  await addLinkedInAccount(oPage, slug, "Olivia’s LinkedIn");
  await uploadAndWait(oPage, FIXTURE);
  await createIcp(oPage, slug, "Space miners", "Asteroid Miner");

  // The teammate joins as a member (votes, does not decide).
  await oPage.goto(`/t/${slug}/settings/members`);
  const teammateEmail = uniqueEmail("tariq");
  await oPage.getByLabel("Email address").fill(teammateEmail);
  await oPage.getByRole("button", { name: "Send invitation" }).click();
  await expect(oPage.getByText(`Invitation sent to ${teammateEmail}`)).toBeVisible();
  const acceptUrl = linkIn((await inbox.waitFor(teammateEmail)).text, "/invite/");
  const teammate = await browser.newContext();
  const tPage = await teammate.newPage();
  await tPage.goto(acceptUrl);
  await tPage.getByLabel("Your name").fill("Tariq Teammate");
  await tPage.getByLabel("Password").fill(PASSWORD);
  await tPage.getByRole("button", { name: "Create account and join" }).click();
  await expect(tPage).toHaveURL(new RegExp(`/t/${slug}$`));

  // Wait for the queue build (one statement: once a card is there, all ten are). Claiming it
  // first is harmless: the teammate's own lease is theirs to take again.
  await expect
    .poll(async () => {
      const res = await tPage.request.post(`/api/t/${slug}/review/claim`, { data: {} });
      return res.ok() ? (((await res.json()) as { card: { id: string } | null }).card?.id ?? null) : `HTTP ${res.status()}`;
    }, { timeout: 60_000 })
    .toMatch(/^[A-Za-z0-9_-]+$/);

  // --- The teammate, keyboard only.
  await tPage.goto(`/t/${slug}/queue/review`);
  await expect(card(tPage)).toBeVisible();
  await expect(tPage.getByTestId("action-mode")).toHaveText("Your vote");
  await expect(tPage.getByTestId("left-count")).toHaveText(/^\d+ of \d+ left$/);
  const link = cardName(tPage).getByRole("link");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  // C focuses the comment box, Escape leaves it for the card's name; Tab walks on from there, and
  // every stop shows its focus.
  await tPage.keyboard.press("c");
  await expect(tPage.getByRole("combobox", { name: "Add a comment" })).toBeFocused();
  await tPage.keyboard.press("Escape");
  await expect(cardName(tPage)).toBeFocused();
  expect(await focusIsVisible(tPage)).toBe(true);
  await tPage.keyboard.press("Tab");
  await expect(link).toBeFocused();
  expect(await focusIsVisible(tPage)).toBe(true);
  await tPage.keyboard.press("Tab");
  await expect(tPage.getByRole("button", { name: /^Keep/ })).toBeFocused();
  expect(await focusIsVisible(tPage)).toBe(true);
  // ? shows the keys; Escape closes them.
  await tPage.keyboard.press("Shift+?");
  const help = tPage.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await tPage.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // Card 1: K keeps.
  const first = await nameOnCard(tPage);
  await tPage.keyboard.press("k");
  await expect(announcer(tPage)).toContainText(`Voted Keep on ${first}.`);
  await expect(cardName(tPage)).not.toContainText(first);

  // Card 2: C, a comment that @mentions the owner (picked from the suggestions), then R.
  const second = await nameOnCard(tPage);
  await tPage.keyboard.press("c");
  const box = tPage.getByRole("combobox", { name: "Add a comment" });
  await expect(box).toBeFocused();
  expect(await focusIsVisible(tPage)).toBe(true);
  await tPage.keyboard.type("@Oli");
  await expect(tPage.getByRole("option", { name: "Olivia Owner" })).toBeVisible();
  await tPage.keyboard.press("Enter");
  await expect(box).toHaveValue("@Olivia Owner ");
  await tPage.keyboard.type("not a customer fit, remove?");
  await tPage.keyboard.press("Control+Enter");
  await expect(card(tPage).getByTestId("comment")).toContainText("@Olivia Owner not a customer fit, remove?");
  // Keys do nothing while typing: the "r" in the comment did not vote. Escape leaves the box.
  await expect(card(tPage).getByTestId("vote")).toHaveCount(0);
  await tPage.keyboard.press("Escape");
  await expect(box).not.toBeFocused();
  await tPage.keyboard.press("r");
  await expect(announcer(tPage)).toContainText(`Voted Remove on ${second}.`);
  await expect(cardName(tPage)).not.toContainText(second);

  // Card 3: S opens the date field; Enter confirms.
  const third = await nameOnCard(tPage);
  await tPage.keyboard.press("s");
  const date = tPage.getByLabel("Snooze until");
  await expect(date).toBeFocused();
  const until = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await date.fill(until);
  await date.press("Enter");
  await expect(announcer(tPage)).toContainText(`Voted Snooze until ${until} on ${third}.`);

  // ← goes back to the card just voted on, which shows the teammate's vote.
  await tPage.keyboard.press("ArrowLeft");
  await expect(cardName(tPage)).toContainText(third);
  await expect(card(tPage).getByTestId("vote")).toContainText("Tariq Teammate says Snooze");

  // --- The owner: the bell counts the mention; the notification opens the card.
  await oPage.goto(`/t/${slug}`);
  await expect(oPage.getByTestId("notification-badge")).toBeVisible({ timeout: 30_000 });
  await oPage.getByRole("link", { name: /^Notifications, \d+ unread$/ }).click();
  await expect(oPage).toHaveURL(new RegExp(`/t/${slug}/notifications`));
  await oPage.getByTestId("notification").filter({ hasText: /mention/i }).getByRole("link").first().click();
  await expect(oPage).toHaveURL(new RegExp(`/t/${slug}/queue/items/[^/]+$`));
  await expect(cardName(oPage)).toContainText(second);
  await expect(oPage.getByTestId("action-mode")).toHaveText("Your decision");
  await expect(card(oPage).getByTestId("vote")).toContainText("Tariq Teammate says Remove");
  await expect(card(oPage).getByTestId("comment")).toContainText("not a customer fit, remove?");
  // The teammate has the same card open while the owner decides.
  await tPage.goto(new URL(oPage.url()).pathname);
  await expect(cardName(tPage)).toContainText(second);
  // R decides: approved for removal.
  await oPage.keyboard.press("r");
  await expect(announcer(oPage)).toContainText(`Decided Remove on ${second}.`);
  await expect(oPage.getByTestId("card-standing")).toContainText("Approved for removal");
  // The teammate's page is now stale: a vote is refused with what changed, and the card reloads.
  await tPage.keyboard.press("k");
  await expect(tPage.getByTestId("review-toast")).toContainText("Olivia Owner decided");
  await expect(tPage.getByTestId("card-standing")).toContainText("Approved for removal: decided Remove by Olivia Owner");

  // --- The teammate sees it under "Approved".
  await tPage.goto(`/t/${slug}/queue?view=approved`);
  await expect(tPage.getByRole("main")).toContainText(second);

  // --- U undoes the owner's decision: the item is open again and leaves "Approved".
  await oPage.keyboard.press("u");
  await expect(announcer(oPage)).toContainText("Undone");
  await expect(oPage.getByTestId("card-standing")).toHaveCount(0);
  await tPage.reload();
  await expect(tPage.getByRole("main")).not.toContainText(second);

  await owner.close();
  await teammate.close();
});
