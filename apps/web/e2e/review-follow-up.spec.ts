import { expect, test, type Page } from "@playwright/test";
import { addLinkedInAccount, signUp, uniqueEmail } from "./helpers";
import { focusIsVisible } from "./keyboard";
import { addMembership, reminderDates, seedOpenItems } from "./team-sql";

// The one-card flow's F: the account owner's follow-up decision asks for the reminder's due date
// (a week ahead unless changed; Enter confirms, Escape cancels), a teammate's follow-up vote does
// not (the owner picks the date when deciding). Keyboard only.

const card = (page: Page) => page.getByTestId("review-card");
const cardName = (page: Page) => card(page).getByRole("heading", { level: 1 });
const announcer = (page: Page) => page.getByTestId("review-announcer");
const utcDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("F asks the deciding owner for a due date (a week ahead by default), a teammate's F votes at once", async ({ browser }) => {
  test.setTimeout(120_000);
  const owner = await browser.newContext();
  const oPage = await owner.newPage();
  const slug = await signUp(oPage, { name: "Fiona Owner", email: uniqueEmail("fiona"), teamName: "Follow-up Crew" });
  const accountId = await addLinkedInAccount(oPage, slug, "Fiona’s LinkedIn");
  const [ada, , cy] = await seedOpenItems(slug, accountId, [
    { first: "Ada", last: "Alpha" },
    { first: "Ben", last: "Beta" },
    { first: "Cy", last: "Gamma" },
    { first: "Di", last: "Delta" },
  ]);

  // The teammate votes first: F is a vote, written at once, with no date to choose.
  const teammate = await browser.newContext();
  const tPage = await teammate.newPage();
  const teammateEmail = uniqueEmail("theo");
  await signUp(tPage, { name: "Theo Teammate", email: teammateEmail });
  await addMembership(slug, teammateEmail, "MEMBER");
  await tPage.goto(`/t/${slug}/queue/review`);
  await expect(cardName(tPage)).toContainText("Ada Alpha");
  await expect(tPage.getByTestId("action-mode")).toHaveText("Your vote");
  await tPage.keyboard.press("f");
  await expect(announcer(tPage)).toContainText("Voted Follow up on Ada Alpha.");
  await expect(tPage.getByLabel("Follow up on")).toHaveCount(0);
  expect(await reminderDates(ada!)).toEqual([]);
  // The teammate now holds Ben's card; the owner gets the others.

  // The owner decides: F opens the date field, focused, a week ahead.
  await oPage.goto(`/t/${slug}/queue/review`);
  await expect(cardName(oPage)).toContainText("Ada Alpha");
  await expect(oPage.getByTestId("action-mode")).toHaveText("Your decision");
  await expect(card(oPage).getByTestId("vote")).toContainText("Theo Teammate says Follow up");
  await oPage.keyboard.press("f");
  const date = oPage.getByLabel("Follow up on");
  await expect(date).toBeFocused();
  await expect(date).toHaveValue(utcDay(7));
  expect(await focusIsVisible(oPage)).toBe(true);
  await expect(oPage.getByTestId("date-form-follow_up")).toContainText("Enter confirms, Escape cancels.");
  // Escape cancels: nothing is decided and focus goes back to the card's name.
  await oPage.keyboard.press("Escape");
  await expect(date).toHaveCount(0);
  await expect(cardName(oPage)).toBeFocused();
  expect(await focusIsVisible(oPage)).toBe(true);
  await expect(cardName(oPage)).toContainText("Ada Alpha");
  expect(await reminderDates(ada!)).toEqual([]);

  // F again starts from a week ahead once more; another date, Enter confirms.
  await oPage.keyboard.press("f");
  await expect(date).toBeFocused();
  await expect(date).toHaveValue(utcDay(7));
  await date.fill(utcDay(10));
  await date.press("Enter");
  await expect(announcer(oPage)).toContainText(`Decided Follow up (due ${utcDay(10)}) on Ada Alpha.`);
  await expect(cardName(oPage)).toContainText("Cy Gamma"); // Ben's card is the teammate's for now
  expect(await reminderDates(ada!)).toEqual([utcDay(10)]);

  // F then Enter alone: the default week.
  await oPage.keyboard.press("f");
  await expect(date).toBeFocused();
  await oPage.keyboard.press("Enter");
  await expect(announcer(oPage)).toContainText(`Decided Follow up (due ${utcDay(7)}) on Cy Gamma.`);
  expect(await reminderDates(cy!)).toEqual([utcDay(7)]);

  // S still asks for its own date, empty, in the same place.
  await expect(cardName(oPage)).toContainText("Di Delta");
  await oPage.keyboard.press("s");
  await expect(oPage.getByLabel("Snooze until")).toBeFocused();
  await expect(oPage.getByLabel("Snooze until")).toHaveValue("");
  await oPage.keyboard.press("Escape");
  await expect(cardName(oPage)).toBeFocused();

  await owner.close();
  await teammate.close();
});
