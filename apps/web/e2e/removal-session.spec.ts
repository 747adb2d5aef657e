import { readFile } from "node:fs/promises";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";
import { endRemovalGap, seedRemovalAccount } from "./removal-seed";
import { addMembership } from "./team-sql";

// Issue 11's guided removal session in a real browser: the owner opens today's session from the
// Today page, the profile button opens the person's LinkedIn URL in a popup (routed to a stub:
// LinkedIn is never loaded), "Removed" by keyboard starts the countdown and moves the budget, and
// at the daily limit the session ends with the reset time in the account's and the viewer's zone.

const MARIA = "https://www.linkedin.com/in/maria-remova-e2e";
const PAUL = "https://www.linkedin.com/in/paul-second-e2e";

async function stubLinkedIn(context: BrowserContext) {
  await context.route("https://www.linkedin.com/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>LinkedIn stub</title><p>stub</p>" }));
}

/** Opens the profile (by click or by the O key) and returns the popup's URL. */
async function popupUrl(page: Page, open: () => Promise<void>): Promise<string> {
  const popup = page.waitForEvent("popup");
  await open();
  const p = await popup;
  await p.waitForLoadState("domcontentloaded");
  const url = p.url();
  await p.close();
  await page.bringToFront();
  return url;
}

test("the owner runs today's session to the daily limit; a teammate only watches", async ({ browser }) => {
  test.setTimeout(150_000);
  // The viewer is in New York, the account in Berlin: the reset time is shown in both zones.
  const owner = await browser.newContext({ timezoneId: "America/New_York" });
  await stubLinkedIn(owner);
  const page = await owner.newPage();
  const ownerEmail = uniqueEmail("olive");
  const slug = await signUp(page, { name: "Olive Owner", email: ownerEmail, teamName: `Removals ${Date.now()}` });
  const label = `Berlin network ${Date.now()}`;
  const { accountId, itemIds } = await seedRemovalAccount({
    slug,
    ownerEmail,
    label,
    timeZone: "Europe/Berlin",
    people: [
      { first: "Maria", last: "Remova", url: MARIA, company: "Initech" },
      { first: "Paul", last: "Second", url: PAUL, company: "Globex" },
      { first: "Nora", last: "Nourl", url: null, company: "Hooli" },
    ],
  });

  // The policy form: the tier default (10) is lowered to 2 a day.
  await page.goto(`/t/${slug}/removals/${accountId}/policy`);
  await page.getByLabel("Use the default (10 a day)").uncheck();
  await page.getByLabel("Removals a day").fill("2");
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  // Today → the session.
  await page.goto(`/t/${slug}`);
  const tile = page.getByTestId("today-removals").filter({ hasText: label });
  await expect(tile).toContainText("0 of 2 today, 0 this week");
  await tile.click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/removals/${accountId}$`));
  const progress = page.getByTestId("removal-progress");
  await expect(progress).toHaveText("0 of 2 today, 0 this week");
  const card = page.getByTestId("removal-card");
  await expect(card.getByRole("heading", { name: "Maria Remova" })).toBeVisible();

  const profile = page.getByRole("link", { name: /^Open LinkedIn profile/ });
  await expect(profile).toHaveAttribute("target", "_blank");
  await expect(profile).toHaveAttribute("rel", "noopener noreferrer");
  expect(await popupUrl(page, () => profile.click())).toBe(MARIA);

  // "Removed" by keyboard: the budget moves, and the next card waits behind a live countdown.
  await page.keyboard.press("r");
  await expect(progress).toHaveText("1 of 2 today, 1 this week");
  await expect(page.getByTestId("removal-wait")).toBeVisible();
  await expect(card).toHaveCount(0);
  const countdown = page.getByTestId("removal-countdown");
  await expect(countdown).toHaveText(/^(1 min( \d+ s)?|\d+ s)$/);
  const before = await countdown.textContent();
  await expect(countdown).not.toHaveText(before!, { timeout: 5_000 });
  await expect(page.getByTestId("removal-recent-row").first()).toContainText("Maria Remova · Removed at");
  // Undo (clicked by mistake, LinkedIn untouched): the budget comes back and Maria is the card again.
  await page.getByRole("button", { name: "Undo Removed for Maria Remova" }).click();
  await expect(page.getByTestId("undo-question")).toContainText("Did you already remove Maria Remova on LinkedIn?");
  await page.getByRole("button", { name: "No, I clicked by mistake" }).click();
  await expect(progress).toHaveText("0 of 2 today, 0 this week");
  await expect(card.getByRole("heading", { name: "Maria Remova" })).toBeVisible();
  await expect(page.getByTestId("removal-recent-row").first()).toContainText("Undone, budget given back");
  await page.keyboard.press("r");
  await expect(progress).toHaveText("1 of 2 today, 1 this week");
  await expect(countdown).toBeVisible();
  // A key during the wait records nothing.
  await page.keyboard.press("r");
  await expect(progress).toHaveText("1 of 2 today, 1 this week");

  // The server is the authority: during the gap it refuses the next "Removed" (429 with the limit
  // and when), and a repeat of Maria's (a double click, a retry) counts once.
  const early = await page.request.post(`/api/t/${slug}/removals/items/${itemIds[1]}/outcome`, { data: { outcome: "removed" } });
  expect(early.status()).toBe(429);
  const refused = (await early.json()) as { error: { code: string; message: string; nextAllowedAt: string } };
  expect(refused.error.code).toBe("PACE_WAIT");
  expect(Date.parse(refused.error.nextAllowedAt)).toBeGreaterThan(Date.now());
  expect(early.headers()["retry-after"]).toMatch(/^\d+$/);
  const again = await page.request.post(`/api/t/${slug}/removals/items/${itemIds[0]}/outcome`, { data: { outcome: "removed" } });
  expect(again.status()).toBe(200);
  expect(((await again.json()) as { duplicate: boolean }).duplicate).toBe(true);
  await page.reload();
  await expect(progress).toHaveText("1 of 2 today, 1 this week");
  await expect(page.getByTestId("removal-wait")).toBeVisible();

  // A teammate sees the progress, never the card, and who runs the session.
  const mate = await browser.newContext();
  const matePage = await mate.newPage();
  const mateEmail = uniqueEmail("tim");
  const mateSlug = await signUp(matePage, { name: "Tim Teammate", email: mateEmail });
  await addMembership(slug, mateEmail, "MEMBER");
  await matePage.goto(`/t/${slug}/removals/${accountId}`);
  await expect(matePage.getByTestId("removal-owner-only")).toHaveText(`Only Olive Owner runs this session (signed in to ${label} on LinkedIn). You can follow the progress here.`);
  await expect(matePage.getByTestId("removal-progress")).toHaveText("1 of 2 today, 1 this week");
  await expect(matePage.getByTestId("removal-card")).toHaveCount(0);
  await expect(matePage.getByRole("button", { name: "Removed" })).toHaveCount(0);
  // The same account id under the teammate's own team: the standard 404.
  const other = await matePage.goto(`/t/${mateSlug}/removals/${accountId}`);
  expect(other?.status()).toBe(404);
  await expect(matePage.getByRole("heading", { name: "Not found" })).toBeVisible();
  await mate.close();

  // The removed list, with its guided reconnect link and the CSV.
  await page.goto(`/t/${slug}/removals/${accountId}/removed`);
  const row = page.getByTestId("removed-row").filter({ hasText: "Maria Remova" });
  await expect(row).toContainText("Pending");
  await expect(row.getByRole("link", { name: /^Reconnect/ })).toHaveAttribute("rel", "noopener noreferrer");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const csv = await readFile((await (await download).path())!, "utf8");
  expect(csv.split(/\r?\n/)[0]).toContain("name");
  expect(csv).toContain("Maria Remova");
  expect(csv).toContain(MARIA);

  // The gap is over (harness only); the second removal, by O then R, reaches the daily limit of 2.
  await endRemovalGap(accountId);
  await page.goto(`/t/${slug}/removals/${accountId}`);
  await expect(card.getByRole("heading", { name: "Paul Second" })).toBeVisible();
  expect(await popupUrl(page, () => page.keyboard.press("o"))).toBe(PAUL);
  await page.keyboard.press("r");
  await expect(progress).toHaveText("2 of 2 today, 2 this week");
  const ended = page.getByTestId("removal-ended");
  await expect(ended.getByRole("heading", { name: "That’s today’s safe limit; come back tomorrow" })).toBeVisible();
  await expect(page.getByTestId("removal-resets")).toContainText(/00:00 \(Europe\/Berlin; that is \w{3} \d{1,2} \w{3}, 18:00 in your time zone, America\/New York\)/);
  await expect(card).toHaveCount(0);
  await owner.close();
});
