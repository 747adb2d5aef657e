import { join } from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { addLinkedInAccount, signUp, uniqueEmail, uploadAndWait } from "./helpers";
import { tabTo } from "./keyboard";

// Issue 12's reminders, through the browser: set one in the drawer, see it come due (the web
// server's test clock, CRM_TEST_CLOCK=1 in playwright.config.ts, moved days ahead), find it on
// Today and in the bell, follow the notification to the person, and work it with single keys.
// fixtures/Connections.csv has 10 accepted people, Anna Schmidt among them.

const FIXTURE = join(import.meta.dirname, "fixtures", "Connections.csv");
const DAY_MS = 86_400_000;

const rows = (page: Page) => page.getByTestId("connection-row");

/** Moves the web server's clock `days` ahead of the real one (0 puts it back). */
async function setClock(request: APIRequestContext, days: number) {
  const res = await request.post("/api/test/clock", { data: { offsetDays: days } });
  expect(res.status(), await res.text()).toBe(200);
}

/** The worker's due-reminder pass for the team, run now on the server's (moved) clock. */
async function runReminders(request: APIRequestContext, slug: string): Promise<{ reminders: number; notifications: number }> {
  const res = await request.post("/api/test/run/reminders", { data: { slug } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as { reminders: number; notifications: number };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "14 Dec 2026": how the page writes a day (the browser and this process share the machine's zone). */
function dayText(at: number): string {
  const d = new Date(at);
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

test.afterEach(async ({ page }) => {
  // Other specs share this server: never leave its clock moved (the hook needs the test's session).
  await setClock(page.request, 0).catch(() => undefined);
});

test("the test hooks need a session, and run reminders only for the caller's own team", async ({ page, browser, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.post("/api/test/clock", { data: { offsetDays: 3 } })).status()).toBe(401);
  expect((await anonymous.post("/api/test/run/reminders", { data: { slug: "nobody" } })).status()).toBe(401);
  await anonymous.dispose();

  const mine = await signUp(page, { name: "Hugo Hooks", email: uniqueEmail("hugo") });
  const other = await browser.newContext();
  const theirs = await signUp(await other.newPage(), { name: "Olga Other", email: uniqueEmail("olga") });
  await other.close();
  expect(await runReminders(page.request, mine)).toEqual({ reminders: 0, notifications: 0 });
  // Another team's slug: the same 404 as a team that does not exist.
  expect((await page.request.post("/api/test/run/reminders", { data: { slug: theirs } })).status()).toBe(404);
  expect((await page.request.post("/api/test/clock", { data: { offsetDays: 401 } })).status()).toBe(400);
});

test("set a reminder in the drawer, see it come due on Today and in the bell, follow the notification, work it with keys", async ({ page }) => {
  const slug = await signUp(page, { name: "Rita Reminder", email: uniqueEmail("rita"), teamName: "Reminder Team" });
  await addLinkedInAccount(page, slug, "Rita’s LinkedIn");
  await uploadAndWait(page, FIXTURE);

  // The drawer's "Reminders": nothing yet; "Remind me" starts a week ahead; Ctrl+Enter in the note saves.
  await page.goto(`/t/${slug}/connections`);
  await rows(page).filter({ hasText: "Anna Schmidt" }).getByRole("link", { name: "Anna Schmidt" }).click();
  const drawer = page.getByRole("dialog", { name: "Anna Schmidt" });
  const section = drawer.getByRole("region", { name: "Reminders" });
  await expect(section).toContainText("No open reminders for Anna Schmidt.");
  const date = section.getByLabel("Remind me on");
  const weekAhead = new Date(Date.now() + 7 * DAY_MS).toLocaleDateString("en-CA");
  await expect(date).toHaveValue(weekAhead);
  // A past day is refused by the form itself, in the app's date style, in the field's own message.
  await date.fill(new Date(Date.now() - DAY_MS).toLocaleDateString("en-CA"));
  await date.press("Enter");
  await expect(section.getByText(`Pick today (${dayText(Date.now())}) or a later date.`)).toBeVisible();
  await expect(date).toHaveAttribute("aria-invalid", "true");
  await date.fill(weekAhead);
  await section.getByLabel("Note (optional)").fill("Ask about the Q3 budget");
  await section.getByLabel("Note (optional)").press("Control+Enter");
  await expect(section.getByTestId("remind-saved")).toHaveText(`Reminder set for ${dayText(Date.now() + 7 * DAY_MS)}.`);
  const inDrawer = section.getByTestId("reminder");
  await expect(inDrawer).toHaveCount(1);
  await expect(inDrawer).toHaveAttribute("data-state", "upcoming");
  await expect(inDrawer).toContainText("Ask about the Q3 budget");
  await expect(inDrawer).toContainText("set by Rita Reminder");
  const connectionUrl = page.url();

  // Not due yet: the pass finds nothing and Today has nothing due.
  expect(await runReminders(page.request, slug)).toEqual({ reminders: 0, notifications: 0 });
  await page.goto(`/t/${slug}`);
  const dueCard = page.getByRole("main").getByRole("region", { name: "Reminders due" });
  await expect(dueCard).toContainText("Nothing due right now; 1 coming up.");

  // Eight days later (the server's clock) it is due: the pass notifies once.
  await setClock(page.request, 8);
  expect(await runReminders(page.request, slug)).toEqual({ reminders: 1, notifications: 1 });
  expect(await runReminders(page.request, slug)).toEqual({ reminders: 0, notifications: 0 });
  await page.goto(`/t/${slug}`);
  const due = dueCard.getByTestId("reminder");
  await expect(due).toHaveCount(1);
  await expect(due).toHaveAttribute("data-state", "due");
  await expect(due).toContainText("Anna Schmidt");
  await expect(due).toContainText("Due yesterday");
  await expect(due).toHaveAttribute("aria-keyshortcuts", "D S R Enter");

  // The bell rings; the notification leads to Anna's drawer, where the reminder shows as due.
  await page.getByRole("link", { name: "Notifications, 1 unread" }).click();
  const notification = page.getByTestId("notification").filter({ hasText: "Reminder: follow up with Anna Schmidt — Ask about the Q3 budget" });
  await expect(notification).toHaveAttribute("data-unread", "true");
  await notification.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/connections\\?open=`));
  expect(new URL(page.url()).searchParams.get("open")).toBe(new URL(connectionUrl).searchParams.get("open"));
  await expect(page.getByRole("dialog", { name: "Anna Schmidt" }).getByTestId("reminder")).toHaveAttribute("data-state", "due");
  // Opening it marked it read.
  await expect(page.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();

  // Keys on the focused row: R opens the date in place (Escape gives the row its focus back),
  // S snoozes a day (out of "due", said in the live region).
  await page.goto(`/t/${slug}`);
  await tabTo(page, due);
  await page.keyboard.press("r");
  const reschedule = dueCard.getByTestId("reschedule-form");
  const newDate = reschedule.getByLabel("Remind me about Anna Schmidt on");
  await expect(newDate).toBeFocused();
  // The server's clock is 8 days ahead: its "yesterday" is refused, and "today" is its today.
  await newDate.fill(new Date(Date.now() + 7 * DAY_MS).toLocaleDateString("en-CA"));
  await newDate.press("Enter");
  await expect(reschedule).toContainText(`Pick today (${dayText(Date.now() + 8 * DAY_MS)}) or a later date.`);
  await page.keyboard.press("Escape");
  await expect(reschedule).toHaveCount(0);
  await expect(due).toBeFocused();
  await page.keyboard.press("s");
  await expect(dueCard.getByTestId("reminder-announcer")).toHaveText(/^Snoozed Anna Schmidt until \d{1,2} \w{3} \d{4}\.$/);
  await expect(due).toHaveCount(0);
  await expect(dueCard).toContainText("Nothing due right now; 1 coming up.");

  // Two more days: due again; Enter opens the person, D marks it done.
  await setClock(page.request, 10);
  await page.goto(`/t/${slug}`);
  await expect(due).toHaveCount(1);
  await due.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/connections\\?open=`));
  await expect(page.getByRole("dialog", { name: "Anna Schmidt" })).toBeVisible();
  await page.goto(`/t/${slug}/reminders`);
  await expect(page.getByRole("heading", { level: 1, name: "Reminders" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Reminder views" }).getByRole("link", { name: /Due/ })).toHaveAttribute("aria-current", "page");
  const listed = page.getByTestId("reminder");
  await expect(listed).toHaveCount(1);
  await listed.focus();
  await page.keyboard.press("d");
  await expect(page.getByTestId("reminder-announcer")).toHaveText("Done: Anna Schmidt.");
  await expect(listed).toHaveCount(0);
  await page.getByRole("navigation", { name: "Reminder views" }).getByRole("link", { name: "Done" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/reminders\\?view=done$`));
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText("Marked done");
  await expect(listed.getByRole("button")).toHaveCount(0);
});

test("set a reminder for several people from the table's bulk bar", async ({ page }) => {
  const slug = await signUp(page, { name: "Bea Bulk", email: uniqueEmail("bea"), teamName: "Bulk Reminder Team" });
  await addLinkedInAccount(page, slug, "Bea’s LinkedIn");
  await uploadAndWait(page, FIXTURE);
  await page.goto(`/t/${slug}/connections`);
  for (const name of ["Anna Schmidt", "Kwame Okafor"]) await rows(page).filter({ hasText: name }).getByRole("checkbox", { name: `Select ${name}` }).check();
  const bar = page.getByRole("toolbar", { name: "Bulk actions" });
  await bar.getByRole("button", { name: "Set reminder…" }).click();
  const panel = page.getByRole("group", { name: "Set a reminder for the selection" });
  await expect(panel).toContainText("A follow-up reminder for each of the 2 selected connections.");
  await expect(panel.getByLabel("Remind me on")).toBeFocused();
  await panel.getByLabel("Remind me on").fill(new Date(Date.now() + 3 * DAY_MS).toLocaleDateString("en-CA"));
  await panel.getByLabel("Remind me on").press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Reminder set for" })).toContainText(`Reminder set for 2 connections, due ${dayText(Date.now() + 3 * DAY_MS)}.`);

  await page.goto(`/t/${slug}/reminders?view=upcoming`);
  await expect(page.getByTestId("reminder-count-upcoming")).toHaveText("2");
  await expect(page.getByTestId("reminder")).toHaveCount(2);
  await expect(page.getByRole("list", { name: "Upcoming reminders" })).toContainText("Kwame Okafor");
});

test("Today's due card pages past ten, keeps the focus on Show more, and its counts follow the keys", async ({ page }) => {
  const slug = await signUp(page, { name: "Tess Ten", email: uniqueEmail("tess"), teamName: "Many Reminders Team" });
  await addLinkedInAccount(page, slug, "Tess’s LinkedIn");
  await uploadAndWait(page, FIXTURE);
  // Two follow-ups for each of the 10 people: 20 due once the clock moves.
  for (let round = 0; round < 2; round++) {
    await page.goto(`/t/${slug}/connections`);
    await page.getByLabel("Select all on this page").check();
    await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Set reminder…" }).click();
    const panel = page.getByRole("group", { name: "Set a reminder for the selection" });
    await panel.getByLabel("Remind me on").fill(new Date(Date.now() + DAY_MS).toLocaleDateString("en-CA"));
    await panel.getByLabel("Remind me on").press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "Reminder set for" })).toContainText("Reminder set for 10 connections");
  }
  await setClock(page.request, 2);
  await page.goto(`/t/${slug}`);
  const card = page.getByRole("main").getByRole("region", { name: "Reminders due" });
  const due = card.getByTestId("reminder");
  const tile = page.getByTestId("today-waiting").filter({ hasText: "Follow-ups due" });
  await expect(due).toHaveCount(10);
  await expect(card).toContainText("10 more due");
  await expect(card).not.toContainText("see them all");
  await expect(tile).toContainText("20");

  // D on the first row: the list, its "more due" and (after a refresh) the tile follow.
  await due.first().focus();
  await page.keyboard.press("d");
  await expect(card.getByTestId("reminder-announcer")).toHaveText(/^Done: /);
  await expect(due).toHaveCount(9);
  await expect(card).toContainText("10 more due");
  await expect(tile).toContainText("19");

  // Show more by keyboard: the focus lands on the first new row, not on the page.
  const more = card.getByRole("button", { name: "Show more reminders" });
  await more.focus();
  await page.keyboard.press("Enter");
  await expect(due).toHaveCount(19);
  await expect(due.nth(9)).toBeFocused();
  await expect(more).toHaveCount(0);
  await expect(card).not.toContainText("more due");
});

test("a tag's keep-in-touch cadence is set on the tags page", async ({ page }) => {
  const slug = await signUp(page, { name: "Cato Cadence", email: uniqueEmail("cato"), teamName: "Cadence Team" });
  await page.goto(`/t/${slug}/tags`);
  await page.getByLabel("New tag").fill("Key accounts");
  await page.getByRole("button", { name: "Create tag" }).click();
  const row = page.getByTestId("tag-row").filter({ hasText: "Key accounts" });
  const days = row.getByLabel("Keep in touch every");
  await expect(days).toHaveValue("");
  await days.fill("0");
  await days.press("Enter");
  await expect(row.getByRole("alert")).toContainText("from 1 to 3,650");
  await days.fill("90");
  await days.press("Enter");
  await expect(row.getByRole("status")).toHaveText("Keep in touch with “Key accounts” every 90 days. Reminders update in a few seconds.");
  await page.reload();
  await expect(page.getByTestId("tag-row").filter({ hasText: "Key accounts" }).getByLabel("Keep in touch every")).toHaveValue("90");
});
