import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { addLinkedInAccount, signUp, uniqueEmail, uploadAndWait } from "./helpers";
import { focusIsVisible } from "./keyboard";
import { itemsOf, markEndorsed, storeQueueRules } from "./team-sql";

// Issue 10, "Never proposed for removal … a human can still propose one by hand, with a warning
// that names what will be lost": the connections bulk bar's "Add to review queue › As remove
// candidates" on someone who endorsed the account asks first, names the loss, and "Propose anyway"
// puts them in the queue, where the card shows the loss to whoever decides.
const FIXTURE = join(import.meta.dirname, "fixtures", "Connections.csv");

test("proposing an endorser for removal warns what is lost; Propose anyway adds them and the card shows the loss", async ({ page }) => {
  test.setTimeout(120_000);
  const slug = await signUp(page, { name: "Paula Proposer", email: uniqueEmail("paula"), teamName: "Protect Team" });
  // Everyone in the fixture connected years ago: with the stale rule on, the queue build would
  // propose them itself and a hand proposal would find them already waiting.
  await storeQueueRules(slug, { flags: { stale: false } });
  await addLinkedInAccount(page, slug, "Paula’s LinkedIn");
  await uploadAndWait(page, FIXTURE);
  const kwame = await markEndorsed(slug, "Kwame", 3);

  // Kwame (endorsed) and Sofia (not): the two "… Industries" people.
  await page.goto(`/t/${slug}/connections?q=industries`);
  await expect(page.getByTestId("match-count")).toHaveText("2 connections match");
  await page.getByLabel("Select all on this page").check();
  const bar = page.getByRole("toolbar", { name: "Bulk actions" });
  await expect(bar).toContainText("2 connections selected");

  const propose = async () => {
    await bar.getByRole("button", { name: "Add to review queue" }).click();
    await page.getByRole("button", { name: "As remove candidates" }).click();
  };
  const warning = page.getByRole("dialog", { name: "Propose protected people for removal?" });

  // First the warning, naming who and what is lost; Cancel proposes nobody.
  await propose();
  await expect(warning).toBeVisible();
  await expect(warning.getByTestId("protected-warning")).toHaveText(
    "Removing Kwame Okafor — Endorsed you (3 endorsements) loses what they gave you. Propose anyway if this person is to be reviewed for removal all the same.",
  );
  // Focus starts on Cancel, so Enter alone never proposes.
  await expect(warning.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(warning).toHaveCount(0);
  expect(await itemsOf(kwame)).toEqual([]);

  // Again, and "Propose anyway" by keyboard: both are proposed.
  await propose();
  await expect(warning).toBeVisible();
  await page.keyboard.press("Tab");
  const anyway = warning.getByRole("button", { name: "Propose anyway" });
  await expect(anyway).toBeFocused();
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press("Enter");
  await expect(warning).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Added 2 connections to the review queue for removal." })).toBeVisible();
  const items = await itemsOf(kwame);
  expect(items).toMatchObject([{ kind: "REMOVE", state: "OPEN", origin: "manual" }]);

  // The card names the loss, so whoever decides sees it.
  await page.goto(`/t/${slug}/queue/items/${items[0]!.id}`);
  const card = page.getByTestId("review-card");
  await expect(card.getByRole("heading", { level: 1 })).toContainText("Kwame Okafor");
  await expect(card.getByTestId("protected-loss")).toContainText("Removing this person loses:");
  await expect(card.getByTestId("protected-loss")).toContainText("Endorsed you (3 endorsements)");
  await expect(card.getByTestId("why-in-queue")).toContainText("Proposed by hand");
});
