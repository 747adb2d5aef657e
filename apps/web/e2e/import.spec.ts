import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { addLinkedInAccount, signUp, summaryFigure, uniqueEmail, uploadAndWait, valueOf } from "./helpers";

// fixtures/Connections.csv: LinkedIn's 2023+ layout (3-line "Notes:" preamble, header on line 4)
// with 12 data rows: 10 people (Li Nguyen's email "li.nguyen@initech" on line 8 is left blank with
// a warning), a non-LinkedIn URL on line 10 (rejected), a hidden member on line 16 (skipped).
const FIXTURE = join(import.meta.dirname, "fixtures", "Connections.csv");
const VALID = 10;

const figure = summaryFigure;

test("upload Connections.csv → progress → summary, rejected rows, warnings, hidden members, CSV download; re-upload changes nothing", async ({ page }) => {
  const slug = await signUp(page, { name: "Iris Importer", email: uniqueEmail("iris") });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "LinkedIn accounts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "LinkedIn accounts" })).toBeVisible();
  const accountId = await addLinkedInAccount(page, slug, "Iris’s LinkedIn");
  await expect(valueOf(page.getByRole("main"), "Connections")).toHaveText("0");

  await uploadAndWait(page, FIXTURE);
  await expect(figure(page, "New")).toHaveText(String(VALID));
  await expect(figure(page, "Rejected")).toHaveText("1");
  await expect(figure(page, "Skipped: hidden LinkedIn members")).toHaveText("1");
  await expect(figure(page, "Imported with a field left blank")).toHaveText("1");
  await expect(figure(page, "Unchanged")).toHaveText("0");
  await expect(figure(page, "Gone")).toHaveText("0");

  // Only the row nobody can import is a rejection; the hidden member is not listed at all.
  const rejected = page.getByTestId("rejection-row");
  await expect(rejected).toHaveCount(1);
  await expect(rejected).toContainText("10");
  await expect(rejected).toContainText("URL");
  const warnings = page.getByRole("table", { name: "Imported rows with a field left blank" }).getByTestId("warning-row");
  await expect(warnings).toHaveCount(1);
  await expect(warnings).toContainText("Email Address");
  await expect(warnings).toContainText("li.nguyen@initech");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download rejected rows (CSV)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^rejected-rows-.+\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  // The raw columns carry the file's own header names, not "Column 1…7".
  expect(csv.split(/\r\n/)[0]).toMatch(/^\uFEFF"?File"?,"?Line"?,"?Field"?,"?Problem"?,"?Message"?,"?First Name"?,"?Last Name"?,"?URL"?,/);
  expect(csv).not.toContain("Column 1");
  expect(csv).toMatch(/"?10"?,"?URL"?,"?invalid_profile_url"?,/);
  expect(csv).toContain("31 Foo 2024");
  expect(csv.trim().split(/\r\n/)).toHaveLength(2);

  await page.getByRole("link", { name: "View connections count on the account" }).click();
  await expect(page).toHaveURL(new RegExp(`/accounts/${accountId}$`));
  await expect(valueOf(page.getByRole("main"), "Connections")).toHaveText(String(VALID));
  await expect(page.getByTestId("import-row")).toHaveCount(1);
  const history = page.getByRole("table", { name: /Imports of this account/ });
  await expect(history.getByRole("columnheader", { name: "Unchanged" })).toBeVisible();
  await expect(history.getByRole("columnheader", { name: "Job changes" })).toBeVisible();

  // The same file again: everyone is already there.
  await uploadAndWait(page, FIXTURE);
  await expect(figure(page, "New")).toHaveText("0");
  await expect(figure(page, "Unchanged")).toHaveText(String(VALID));
  await expect(figure(page, "Gone")).toHaveText("0");
  await expect(figure(page, "Rejected")).toHaveText("1");

  // With data, the team home is "Today" (issue 10): the account is listed with its review queue.
  await page.goto(`/t/${slug}`);
  await expect(page.getByRole("region", { name: "Queue by account" }).getByRole("rowheader", { name: "Iris’s LinkedIn" })).toBeVisible();
});

test("a PNG renamed to .csv is refused with a message saying what it is", async ({ page }) => {
  const slug = await signUp(page, { name: "Pat Picture", email: uniqueEmail("pat") });
  await addLinkedInAccount(page, slug, "Pat’s LinkedIn");
  // PNG signature and the start of an IHDR chunk: what a real image begins with.
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from("IHDR"), Buffer.alloc(64, 1)]);
  await page.getByLabel("Choose a file").setInputFiles({ name: "Connections.csv", mimeType: "text/csv", buffer: png });
  await expect(page.locator("main").getByRole("alert")).toContainText(/PNG image, not a CSV or ZIP/);
  await expect(page).toHaveURL(/\/accounts\/[^/]+$/);
  await expect(page.getByText("No exports uploaded yet.")).toBeVisible();
});
