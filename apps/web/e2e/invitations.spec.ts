import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { addLinkedInAccount, signUp, uniqueEmail, uploadAndWait } from "./helpers";
import { archiveZip, connectionsCsv, invitationsCsv, type TInvite } from "./invitations-archive";
import { withDb } from "./review-api-seed";

// Issue 17 end to end, as a user: the owner uploads a LinkedIn archive with Invitations.csv, the
// real worker builds the queue, the invitations page shows the open ones, the owner approves two
// withdrawals by keyboard in the review queue, then works the session's withdrawals lane: the
// button opens LinkedIn's sent invitations and the person (routed to a stub: LinkedIn is never
// loaded), "Withdrawn" moves the allowance and starts the pace countdown, "Keep waiting" settles
// the second, and the invitations page and Today count the withdrawal.

const LI = "https://www.linkedin.com/in/";
const SENT = "https://www.linkedin.com/mynetwork/invitation-manager/sent/";

// Olga is the oldest but wrote a message: the session takes Nina (no message) first.
const INVITES: TInvite[] = [
  { name: "Olga Oldmessage", slug: "olga-oldmessage-e2e", daysAgo: 200, message: "Hi Olga, I enjoyed your talk on supply chains." },
  { name: "Bert Blank", slug: "bert-blank-e2e", daysAgo: 150 },
  { name: "Nina Nomessage", slug: "nina-nomessage-e2e", daysAgo: 100 },
  { name: "Fran Fresh", slug: "fran-fresh-e2e", daysAgo: 10 },
  // Listed as sent, but Carl is among the connections: accepted, never pending.
  { name: "Carl Connected", slug: "carl-connected-e2e", daysAgo: 120 },
  { name: "Ian Incoming", slug: "ian-incoming-e2e", daysAgo: 3, message: "Hello! We met at the meetup.", direction: "INCOMING" },
  { name: "Irene Inbound", slug: "irene-inbound-e2e", daysAgo: 20, direction: "INCOMING" },
];
const TO_WITHDRAW = ["Olga Oldmessage", "Nina Nomessage"];

function archive(): { name: string; mimeType: string; buffer: Buffer } {
  const connections = connectionsCsv([
    { first: "Carl", last: "Connected", slug: "carl-connected-e2e", company: "Initech", position: "Buyer" },
    { first: "Dora", last: "Direct", slug: "dora-direct-e2e", company: "Globex", position: "Engineer" },
    { first: "Emil", last: "Early", slug: "emil-early-e2e", company: "Hooli", position: "Designer" },
  ]);
  const buffer = archiveZip({ "Connections.csv": connections, "Invitations.csv": invitationsCsv(INVITES) });
  return { name: "Basic_LinkedInDataExport_e2e.zip", mimeType: "application/zip", buffer };
}

/** Test harness only: ends the pace gap after the last withdrawal now (the product has no way to skip it). */
async function endWithdrawGap(accountId: string): Promise<void> {
  const r = await withDb((c) =>
    c.query(`UPDATE "RemovalBudget" SET "withdrawNextAllowedAt" = (now() AT TIME ZONE 'utc') - interval '1 second' WHERE "accountId" = $1`, [accountId]),
  );
  if (r.rowCount !== 1) throw new Error(`no removal budget row for ${accountId}`);
}

async function stubLinkedIn(context: BrowserContext) {
  await context.route("https://www.linkedin.com/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>LinkedIn stub</title><p>stub</p>" }));
}

/** The two tabs are LinkedIn's sent invitations and the person's profile (with or without its trailing slash). */
function expectSentAndProfile(urls: string[], slug: string) {
  expect(urls).toHaveLength(2);
  expect(urls).toContain(SENT);
  expect(urls.find((u) => u !== SENT)).toMatch(new RegExp(`^${LI.replace(/[./]/g, "\\$&")}${slug}/?$`));
}

/**
 * Runs `open` and returns the URLs of the two tabs it opens (sorted). Pages of the context, not
 * the page's "popup" event: the tabs are opened with noopener.
 */
async function twoTabs(context: BrowserContext, page: Page, open: () => Promise<void>): Promise<string[]> {
  const opened: Page[] = [];
  const onPage = (p: Page) => opened.push(p);
  context.on("page", onPage);
  try {
    await open();
    await expect.poll(() => opened.length).toBe(2);
    const urls: string[] = [];
    for (const p of opened) {
      await p.waitForLoadState("domcontentloaded");
      urls.push(p.url());
      await p.close();
    }
    await page.bringToFront();
    return urls.sort();
  } finally {
    context.off("page", onPage);
  }
}

test("the owner imports invitations, approves two withdrawals and works the withdrawals lane", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  await stubLinkedIn(context);
  const page = await context.newPage();
  const slug = await signUp(page, { name: "Wanda Withdraw", email: uniqueEmail("wanda"), teamName: `Withdrawals ${Date.now()}` });
  const label = `Wanda’s LinkedIn ${Date.now()}`;
  const accountId = await addLinkedInAccount(page, slug, label);
  await uploadAndWait(page, archive());

  // The invitations page, once the worker's queue build has proposed the three stale ones.
  const invitationsUrl = `/t/${slug}/accounts/${accountId}/invitations`;
  await page.goto(invitationsUrl);
  const rows = page.getByTestId("invitation-row");
  await expect(async () => {
    await page.reload();
    await expect(rows.filter({ hasText: "Proposed for withdrawal" })).toHaveCount(3, { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  const banner = page.getByTestId("invitations-banner");
  await expect(banner).toContainText("4 open invitations: within the ~200 LinkedIn users advise keeping open.");
  await expect(banner).toContainText("3 sent more than 60 days ago (the team’s withdraw rule) · 3 without a message · 2 received waiting for an answer · 0 withdrawn in the last 7 days");
  await expect(page.getByRole("link", { name: "Outgoing (4)" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("link", { name: "Incoming (2)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Withdrawn (0)" })).toBeVisible();
  // Oldest first; Carl (a connection) is not pending; Fran (10 days) is not proposed.
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText("Olga Oldmessage");
  await expect(rows.filter({ hasText: "Carl Connected" })).toHaveCount(0);
  const row = (name: string) => rows.filter({ hasText: name });
  await expect(row("Olga Oldmessage")).toContainText("6 months");
  await expect(row("Olga Oldmessage")).toContainText("With a message");
  await expect(row("Bert Blank")).toContainText("4 months");
  await expect(row("Nina Nomessage")).toContainText("3 months");
  await expect(row("Nina Nomessage")).toContainText("No message");
  await expect(row("Fran Fresh")).toContainText("10 days");
  await expect(row("Fran Fresh")).toContainText("Not proposed");

  // The review queue, withdrawals of this account only: R decides "Withdraw" for the owner; J
  // passes over Bert. The build's order is not fixed, so the loop reads each card's name.
  await page.goto(`/t/${slug}/queue/review?account=${accountId}&kind=withdraw_invitation`);
  const card = page.getByTestId("review-card");
  const cardName = card.getByRole("heading", { level: 1 });
  const announcer = page.getByTestId("review-announcer");
  await expect(page.getByTestId("action-mode")).toHaveText("Your decision");
  const approved = new Set<string>();
  for (let seen = 0; approved.size < TO_WITHDRAW.length && seen < 3; seen++) {
    await expect(cardName).toBeVisible();
    // "Withdraw invitation to Bert Blank ↗ (LinkedIn profile, opens in a new tab)".
    const name = ((await cardName.textContent()) ?? "").replace(/↗.*$/s, "").replace(/^Withdraw invitation to /, "").trim();
    expect(["Olga Oldmessage", "Bert Blank", "Nina Nomessage"]).toContain(name);
    if (TO_WITHDRAW.includes(name)) {
      await page.keyboard.press("r");
      await expect(announcer).toContainText(`Decided Withdraw on the invitation to ${name}.`);
      approved.add(name);
    } else {
      await page.keyboard.press("j");
    }
    if (approved.size < TO_WITHDRAW.length) await expect(cardName).not.toContainText(name);
  }
  expect([...approved].sort()).toEqual([...TO_WITHDRAW].sort());

  // The invitations page links to the lane.
  await page.goto(invitationsUrl);
  await expect(row("Nina Nomessage")).toContainText("Approved: withdraw it");
  await expect(row("Bert Blank")).toContainText("Proposed for withdrawal");
  await page.getByRole("link", { name: /Withdraw approved invitations/ }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/removals/${accountId}\\?lane=withdrawals$`));
  await expect(page.getByRole("heading", { level: 1, name: `Invitation withdrawals: ${label}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Invitation withdrawals (2)" })).toHaveAttribute("aria-current", "page");
  const progress = page.getByTestId("withdrawal-progress");
  await expect(progress).toHaveText("0 of 30 withdrawals today");
  const lane = page.getByTestId("withdrawal-card");
  // No message first, then oldest: Nina before Olga, who is older but wrote a message.
  await expect(lane.getByRole("heading", { level: 2, name: "Nina Nomessage" })).toBeVisible();
  await expect(page.getByTestId("withdrawal-up-next")).toContainText("Olga Oldmessage");
  await expect(page.getByTestId("withdrawal-up-next")).toContainText("with a message");

  // O opens both tabs: LinkedIn's sent invitations and Nina's profile.
  await lane.getByRole("heading", { level: 2, name: "Nina Nomessage" }).click();
  expectSentAndProfile(await twoTabs(context, page, () => page.keyboard.press("o")), "nina-nomessage-e2e");

  // W records "Withdrawn": the allowance moves and the next card waits behind a countdown.
  await page.keyboard.press("w");
  await expect(progress).toHaveText("1 of 30 withdrawals today");
  await expect(page.getByTestId("removal-wait")).toBeVisible();
  await expect(page.getByTestId("removal-countdown")).toHaveText(/^(1 min( \d+ s)?|\d+ s)$/);
  await expect(lane).toHaveCount(0);
  await expect(page.getByTestId("withdrawal-recent-row").first()).toContainText("Nina Nomessage · Withdrawn at");
  await expect(page.getByTestId("withdrawal-announcer")).toContainText("Recorded “Withdrawn” for Nina Nomessage.");

  // The gap is over (harness only): Olga's card; the button opens her tabs; K keeps waiting (free).
  await endWithdrawGap(accountId);
  await page.reload();
  await expect(lane.getByRole("heading", { level: 2, name: "Olga Oldmessage" })).toBeVisible();
  await expect(lane).toContainText("Yes");
  expectSentAndProfile(await twoTabs(context, page, () => lane.getByTestId("open-linkedin").click()), "olga-oldmessage-e2e");
  await page.keyboard.press("k");
  await expect(page.getByTestId("withdrawal-ended").or(page.getByTestId("withdrawal-empty"))).toBeVisible();
  await expect(progress).toHaveText("1 of 30 withdrawals today");
  await expect(page.getByTestId("withdrawal-recent-row")).toHaveCount(2);
  await expect(page.getByTestId("withdrawal-recent-row").first()).toContainText("Olga Oldmessage · Keep waiting at");
  await page.reload();
  await expect(page.getByRole("link", { name: "Invitation withdrawals (0)" })).toBeVisible();

  // The invitations page: still 4 open until the next export shows them gone, one withdrawn.
  await page.goto(invitationsUrl);
  await expect(banner).toContainText("4 open invitations");
  await expect(banner).toContainText("1 withdrawn in the last 7 days");
  await expect(row("Olga Oldmessage")).toContainText("Keep waiting");
  await expect(row("Nina Nomessage")).toContainText("Withdrawn: your next export confirms it");
  await expect(row("Bert Blank")).toContainText("Proposed for withdrawal");
  await page.getByRole("link", { name: "Withdrawn (1)" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Nina Nomessage");
  await expect(rows.first()).toContainText(/Don’t re-invite before \S/);
  await expect(rows.first()).toContainText("Waiting for an export made after the withdrawal");

  // Today's tile counts it.
  await page.goto(`/t/${slug}`);
  const tile = page.getByTestId("today-invitations").filter({ hasText: label });
  await expect(tile).toContainText("4 open");
  await expect(tile).toContainText("3 older than 60 days · 2 received waiting · 1 withdrawn this week");
  await context.close();
});
