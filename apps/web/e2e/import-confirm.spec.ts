import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { generateConnectionsCsv } from "@crm/core/testing/generate-export";
import { addLinkedInAccount, signUp, summaryFigure, uniqueEmail, uploadAndWait, valueOf } from "./helpers";

// Issue 16, items 2 and 3, as a user meets them. Files: packages/importer/test-corpus/diff (a
// 300-person LinkedIn export and a 3-person HubSpot contacts export of the same network).
const CORPUS = join(import.meta.dirname, "../../../packages/importer/test-corpus/diff");
const FULL = join(CORPUS, "linkedin-300-2026.csv");
const HUBSPOT = join(CORPUS, "hubspot-3-contacts.csv");

async function uploadHeld(page: Page, accountUrl: string) {
  await page.goto(accountUrl);
  await page.getByLabel("Choose a file").setInputFiles(HUBSPOT);
  await expect(page).toHaveURL(/\/imports\/[^/]+$/);
  await expect(page.getByRole("heading", { name: "Is this your whole network?" })).toBeVisible({ timeout: 30_000 });
}

test("a 3-person HubSpot file into a 300-person account asks first: partial marks no one gone, whole network marks the rest", async ({ page }) => {
  const slug = await signUp(page, { name: "Hana Hubspot", email: uniqueEmail("hana") });
  const accountId = await addLinkedInAccount(page, slug, "Hana’s LinkedIn");
  const accountUrl = `/t/${slug}/accounts/${accountId}`;
  await uploadAndWait(page, FULL);
  await expect(summaryFigure(page, "New")).toHaveText("300");

  await uploadHeld(page, accountUrl);
  await expect(page.getByTestId("confirmation-text")).toContainText("This file has 3 people; your account has 300 connected.");
  await expect(page.getByTestId("confirmation-text")).toContainText("it would mark 298 people gone");
  // A double click applies it once (the second click finds it answered, or the button disabled).
  await page.getByRole("button", { name: "Apply as partial (mark no one gone)" }).dblclick();
  await expect(summaryFigure(page, "New")).toHaveText("1", { timeout: 30_000 });
  await expect(summaryFigure(page, "Unchanged")).toHaveText("2");
  await expect(summaryFigure(page, "Gone")).toHaveText("0");
  await expect(page.getByTestId("partial-note")).toContainText("nobody was marked gone");
  await page.goto(accountUrl);
  await expect(valueOf(page.getByRole("main"), "Connections")).toHaveText("301");

  await uploadHeld(page, accountUrl);
  await page.getByRole("button", { name: "It is my whole network: mark 298 gone" }).click();
  await expect(summaryFigure(page, "Gone")).toHaveText("298", { timeout: 30_000 });
});

test("a job change shows in the table, the filter and the drawer", async ({ page }) => {
  const slug = await signUp(page, { name: "Jo Jobs", email: uniqueEmail("jo") });
  await addLinkedInAccount(page, slug, "Jo’s LinkedIn");
  await uploadAndWait(page, FULL);
  await page.getByRole("link", { name: /^← / }).click();
  const newer = generateConnectionsCsv({ rows: 300, seed: 7, daysApart: 13, variant: 1, jobChangeEvery: 10 });
  await uploadAndWait(page, { name: "Connections.csv", mimeType: "text/csv", buffer: Buffer.from(newer) });
  await expect(summaryFigure(page, "Job changes")).toHaveText("30");

  await page.goto(`/t/${slug}/connections?jobChanged=yes`);
  const rows = page.getByTestId("connection-row");
  await expect(rows).toHaveCount(30);
  await expect(page.getByTestId("job-change")).toHaveCount(30);
  await page.goto(`/t/${slug}/connections?jobChanged=no`);
  await expect(page.getByTestId("job-change")).toHaveCount(0);

  await page.goto(`/t/${slug}/connections?jobChanged=yes&sort=name`);
  const first = rows.first();
  const name = (await first.getByRole("link").first().textContent())!.trim();
  await first.getByRole("link", { name }).click();
  const drawer = page.getByRole("dialog", { name });
  await expect(drawer).toBeVisible();
  await expect(valueOf(drawer, "Job change")).toHaveText(/^Seen /);
});
