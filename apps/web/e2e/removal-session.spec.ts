import { readFile } from "node:fs/promises";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";
import { dayTimeIn } from "../src/features/removals/format";
import { endRemovalGap, seedRemovalAccount } from "./removal-seed";
import { withDb } from "./review-api-seed";
import { addMembership } from "./team-sql";

// Issue 11's guided removal session in a real browser: the owner opens today's session from the
// Today page, the profile button opens the person's LinkedIn URL in a popup (routed to a stub:
// LinkedIn is never loaded), "Removed" by keyboard starts the countdown and moves the budget, and
// at the daily limit the session ends with the reset time in the account's and the viewer's zone.

const MARIA = "https://www.linkedin.com/in/maria-remova-e2e";
const PAUL = "https://www.linkedin.com/in/paul-second-e2e";

/**
 * An account zone where it is about midday now, so the test's local day never ends mid-run (a
 * Berlin account flaked near 23:00 UTC). Etc/GMT-5 is UTC+5 (POSIX signs).
 */
function middayZone(): string {
  const shift = 12 - new Date().getUTCHours();
  return shift === 0 ? "Etc/GMT" : `Etc/GMT${shift > 0 ? "-" : "+"}${Math.abs(shift)}`;
}

/** Test harness only: the gap runs `seconds` more from now, as if a removal had just happened elsewhere. */
async function startRemovalGap(accountId: string, seconds: number): Promise<void> {
  const r = await withDb((c) => c.query(`UPDATE "RemovalBudget" SET "nextAllowedAt" = (now() AT TIME ZONE 'utc') + make_interval(secs => $2) WHERE "accountId" = $1`, [accountId, seconds]));
  if (r.rowCount !== 1) throw new Error(`no removal budget row for ${accountId}`);
}

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
  // The account where it is midday, the viewer elsewhere (New York, or Tokyo when New York is the
  // midday zone): the reset time is shown in both zones.
  const zone = middayZone();
  const viewer = ["Etc/GMT+5", "Etc/GMT+4"].includes(zone) ? "Asia/Tokyo" : "America/New_York";
  const owner = await browser.newContext({ timezoneId: viewer });
  await stubLinkedIn(owner);
  const page = await owner.newPage();
  const ownerEmail = uniqueEmail("olive");
  const slug = await signUp(page, { name: "Olive Owner", email: ownerEmail, teamName: `Removals ${Date.now()}` });
  const label = `Midday network ${Date.now()}`;
  const { accountId, itemIds } = await seedRemovalAccount({
    slug,
    ownerEmail,
    label,
    timeZone: zone,
    people: [
      { first: "Maria", last: "Remova", url: MARIA, company: "Initech" },
      { first: "Paul", last: "Second", url: PAUL, company: "Globex" },
      { first: "Nora", last: "Nourl", url: null, company: "Hooli" },
    ],
  });

  // The policy form: the tier default (10) is lowered to 2 a day.
  await page.goto(`/t/${slug}/removals/${accountId}/policy`);
  await page.getByLabel("Use the default (10 a day)").uncheck();
  // Above the hard cap: the error at once, and no acknowledgement to tick (none would help).
  await page.getByLabel("Removals a day", { exact: true }).fill("51");
  await expect(page.getByText("At most 50 removals a day, for every account")).toBeVisible();
  await expect(page.getByTestId("policy-warning")).toHaveCount(0);
  // Above 30: the warning, which the acknowledgement's checkbox is described by.
  await page.getByLabel("Removals a day", { exact: true }).fill("31");
  const ack = page.getByLabel("I understand the risk and want more than 30 removals a day");
  await expect(ack).toHaveAccessibleDescription(/above what LinkedIn users report as safe/);
  await page.getByLabel("Removals a day", { exact: true }).fill("2");
  await expect(ack).toHaveCount(0);
  await page.getByRole("button", { name: "Save policy" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  // Focus goes to the result, not to the page's body.
  await expect(page.getByTestId("policy-result")).toBeFocused();

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

  // The gap is over (harness only): Paul's card, and Maria's "Removed" still undoable.
  await endRemovalGap(accountId);
  await page.reload();
  await expect(card.getByRole("heading", { name: "Paul Second" })).toBeVisible();
  // Undo (clicked by mistake, LinkedIn untouched): the question takes focus (its Undo button is
  // gone) and the session keys pause while it is open: K records no "Keep after all" for Paul.
  await page.getByRole("button", { name: /^Undo Removed for Maria Remova at \d{2}:\d{2}$/ }).click();
  await expect(page.getByTestId("undo-question")).toContainText("Did you already remove Maria Remova on LinkedIn?");
  await expect(page.getByRole("button", { name: "Yes, I removed them on LinkedIn" })).toBeFocused();
  await page.keyboard.press("k");
  await expect(card.getByRole("heading", { name: "Paul Second" })).toBeVisible();
  await page.getByRole("button", { name: "No, I clicked by mistake" }).click();
  await expect(progress).toHaveText("0 of 2 today, 0 this week");
  await expect(card.getByRole("heading", { name: "Maria Remova" })).toBeVisible();
  await expect(card.getByRole("heading", { name: "Maria Remova" })).toBeFocused();
  await expect(page.getByTestId("removal-recent-row")).toHaveCount(1);
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
  // The wait, read-only: the countdown without the card.
  await expect(matePage.getByTestId("removal-wait")).toBeVisible();
  await expect(matePage.getByTestId("removal-card")).toHaveCount(0);
  await expect(matePage.getByRole("button", { name: "Removed" })).toHaveCount(0);
  // The same account id under the teammate's own team: the standard 404.
  const other = await matePage.goto(`/t/${mateSlug}/removals/${accountId}`);
  expect(other?.status()).toBe(404);
  await expect(matePage.getByRole("heading", { name: "Not found" })).toBeVisible();
  // The CSV link answers like a page too: a not-found page (not JSON) for another team's account…
  const otherCsv = await matePage.goto(`/t/${mateSlug}/removals/${accountId}/removed.csv`);
  expect(otherCsv?.status()).toBe(404);
  expect(otherCsv?.headers()["content-type"]).toContain("text/html");
  await expect(matePage.getByRole("heading", { name: "Not found" })).toBeVisible();
  await mate.close();
  // …and the sign-in page when signed out.
  const anon = await browser.newContext();
  const signedOut = await anon.request.get(`/t/${slug}/removals/${accountId}/removed.csv`, { maxRedirects: 0 });
  expect(signedOut.status()).toBe(307);
  expect(signedOut.headers()["location"]).toContain("/sign-in");
  await anon.close();

  // The removed list, with its guided reconnect link and the CSV.
  await page.goto(`/t/${slug}/removals/${accountId}/removed`);
  const row = page.getByTestId("removed-row").filter({ hasText: "Maria Remova" });
  await expect(row).toContainText("Pending");
  await expect(row.getByRole("link", { name: /^Reconnect/ })).toHaveAttribute("rel", "noopener noreferrer");
  // Times in the account's zone, as in the session.
  await expect(page.getByRole("columnheader", { name: `Removed (${zone})` })).toBeVisible();
  // A changed or cut page link, whatever it looks like, says so and offers the first page.
  for (const bad of ["x".repeat(400), "%ff", "%C3%A9t%C3%A9"]) {
    await page.goto(`/t/${slug}/removals/${accountId}/removed?cursor=${bad}`);
    await expect(page.getByText("This page link is not valid"), bad).toBeVisible();
    await expect(page.getByRole("link", { name: "First page" }), bad).toBeVisible();
  }
  await page.goto(`/t/${slug}/removals/${accountId}/removed`);
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

  // A removal elsewhere (another tab, the API) started a new gap after this page loaded: the
  // server refuses (429 PACE_WAIT) and the page counts down instead of the card, once (the
  // refusal's fixed "Wait 1 min…" sentence is not repeated next to the ticking countdown).
  await startRemovalGap(accountId, 60);
  await page.keyboard.press("r");
  await expect(page.getByTestId("removal-wait")).toBeVisible();
  await expect(countdown).toHaveText(/^(1 min|\d+ s)$/);
  await expect(page.getByTestId("removal-refusal")).toHaveCount(0);
  await expect(progress).toHaveText("1 of 2 today, 1 this week");
  await expect(card).toHaveCount(0);

  await endRemovalGap(accountId);
  await page.goto(`/t/${slug}/removals/${accountId}`);
  await expect(card.getByRole("heading", { name: "Paul Second" })).toBeVisible();
  expect(await popupUrl(page, () => page.keyboard.press("o"))).toBe(PAUL);
  await page.keyboard.press("r");
  await expect(progress).toHaveText("2 of 2 today, 2 this week");
  const ended = page.getByTestId("removal-ended");
  await expect(ended.getByRole("heading", { name: "That’s today’s safe limit; come back tomorrow" })).toBeVisible();
  // The reset: the account's next midnight, and the same moment in the viewer's zone.
  const resets = page.getByTestId("removal-resets");
  const resetsAt = (await resets.locator("time").getAttribute("datetime"))!;
  expect(dayTimeIn(resetsAt, zone)).toMatch(/, 00:00$/);
  await expect(resets).toContainText(`${dayTimeIn(resetsAt, zone)} (${zone}; that is ${dayTimeIn(resetsAt, viewer)} in your time zone, ${viewer.replace(/_/g, " ")}).`);
  await expect(card).toHaveCount(0);
  await owner.close();
});
