import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test, type Page } from "@playwright/test";
import { addLinkedInAccount, signUp, uniqueEmail, uploadAndWait } from "./helpers";

// fixtures/Connections.csv has 10 accepted people. Two work at an "… Industries" company:
// Kwame Okafor (Stark Industries) and Sofia Rossi (Vandelay Industries).
const FIXTURE = join(import.meta.dirname, "fixtures", "Connections.csv");

const rows = (page: Page) => page.getByTestId("connection-row");
const matchCount = (page: Page) => page.getByTestId("match-count");
const toast = (page: Page) => page.getByRole("status").filter({ hasText: /Tagged|Removed|Undone|Nothing/ });

/** Splits a CSV line (quoted fields may hold commas; the export quotes where needed). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") (out.push(cur), (cur = ""));
    else cur += ch;
  }
  out.push(cur);
  return out;
}

test("search, bulk-tag all matches, filter by the tag, open a connection, add a note, export CSV, undo", async ({ page }) => {
  const slug = await signUp(page, { name: "Nora Networker", email: uniqueEmail("nora") });
  await addLinkedInAccount(page, slug, "Nora’s LinkedIn");
  await uploadAndWait(page, FIXTURE);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connections" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
  await expect(matchCount(page)).toHaveText("10 connections match");
  await expect(rows(page)).toHaveCount(10);
  // Newest connection first by default.
  await expect(rows(page).first()).toContainText("Anna Schmidt");

  // Search: debounced, accent- and case-blind, in the URL.
  await page.getByLabel("Search name, position or company").fill("industries");
  await expect(page).toHaveURL(/[?&]q=industries/);
  await expect(matchCount(page)).toHaveText("2 connections match");
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByRole("main")).toContainText("Kwame Okafor");
  await expect(page.getByRole("main")).toContainText("Sofia Rossi");

  // Keyboard: into the table, j moves down, x ticks.
  await rows(page).first().focus();
  await page.keyboard.press("j");
  await expect(rows(page).nth(1)).toBeFocused();
  await page.keyboard.press("x");
  await expect(page.getByRole("toolbar", { name: "Bulk actions" })).toContainText("1 connection selected");
  await page.keyboard.press("x");
  await expect(page.getByRole("toolbar", { name: "Bulk actions" })).toHaveCount(0);

  // Bulk-tag everyone matching the search, through "all N matching" and its confirmation.
  await page.getByLabel("Select all on this page").check();
  await page.getByRole("button", { name: "Select all 2 matching this filter" }).click();
  const bar = page.getByRole("toolbar", { name: "Bulk actions" });
  await expect(bar).toContainText("All 2 matching selected");
  await bar.getByRole("button", { name: "Tag…", exact: true }).click();
  await page.getByLabel("Find or create a tag").fill("Industrial");
  await page.getByRole("button", { name: "Create tag “Industrial”" }).click();
  const confirm = page.getByRole("dialog", { name: "Tag 2 connections with “Industrial”?" });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByTestId("confirm-summary")).toHaveText("Matching “industries”");
  await confirm.getByRole("button", { name: "Add tag" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(toast(page)).toContainText("Tagged 2 connections with “Industrial”.");
  await expect(rows(page).filter({ hasText: "Industrial" })).toHaveCount(2);

  // Filter by the tag instead of the search; the back button returns to the search.
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(matchCount(page)).toHaveText("10 connections match");
  await expect(page.getByLabel("Search name, position or company")).toHaveValue("");
  await page.getByRole("button", { name: "Tags", exact: true }).click();
  await page.getByRole("checkbox", { name: /Industrial/ }).check();
  await expect(page).toHaveURL(/[?&]tag=/);
  await expect(matchCount(page)).toHaveText("2 connections match");
  await page.goBack();
  await expect(matchCount(page)).toHaveText("10 connections match");
  await page.goForward();
  await expect(matchCount(page)).toHaveText("2 connections match");
  const taggedUrl = page.url();
  await page.getByRole("button", { name: "Tags (1)" }).click();
  await expect(page.getByRole("checkbox", { name: /Industrial/ })).toHaveCount(0);

  // Open a connection in the drawer (its URL is shareable), add a note.
  await rows(page).filter({ hasText: "Kwame Okafor" }).getByRole("link", { name: "Kwame Okafor" }).click();
  const drawer = page.getByRole("dialog", { name: "Kwame Okafor" });
  await expect(drawer).toBeVisible();
  await expect(page).toHaveURL(/[?&]open=/);
  const linkedIn = drawer.getByRole("link", { name: /Open on LinkedIn/ });
  await expect(linkedIn).toHaveAttribute("href", /^https:\/\/www\.linkedin\.com\/in\/kwame-okafor-e2e\/?$/);
  await expect(linkedIn).toHaveAttribute("target", "_blank");
  await expect(linkedIn).toHaveAttribute("rel", "noopener noreferrer");
  await expect(drawer.getByRole("list", { name: "Tags of this connection" })).toContainText("Industrial");
  await expect(drawer.getByRole("region", { name: "History" })).toContainText("First imported");
  await drawer.getByLabel("Add a note").fill("Met at the Hannover fair.\nWants a demo in Q3.");
  await drawer.getByRole("button", { name: "Add note" }).click();
  const note = drawer.getByTestId("note");
  await expect(note).toHaveCount(1);
  await expect(note).toContainText("Nora Networker");
  await expect(note).toContainText("just now");
  await expect(note).toContainText("Wants a demo in Q3.");
  // Its author can edit it.
  await note.getByRole("button", { name: /^Edit/ }).click();
  await drawer.getByLabel("Edit note").fill("Met at the Hannover fair. Demo booked.");
  await drawer.getByRole("button", { name: "Save note" }).click();
  await expect(note).toContainText("Demo booked.");
  await expect(note).toContainText("edited");
  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);
  await expect(page).not.toHaveURL(/[?&]open=/);

  // A shared link with ?open= opens the drawer straight away; the connection also has a page.
  const id = await rows(page).filter({ hasText: "Kwame Okafor" }).getAttribute("data-id");
  await page.goto(`${taggedUrl}&open=${id}`);
  await expect(page.getByRole("dialog", { name: "Kwame Okafor" }).getByTestId("note")).toContainText("Demo booked.");
  await page.goto(`/t/${slug}/connections/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Kwame Okafor" })).toBeVisible();
  await expect(page.getByTestId("note")).toContainText("Demo booked.");

  // Export the tagged filter as CSV.
  await page.goto(taggedUrl);
  await expect(matchCount(page)).toHaveText("2 connections match");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV of all 2 matching connections" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^connections-${slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).trim().split("\r\n");
  const header = cells(lines[0]!);
  expect(header.slice(0, 8)).toEqual(["First name", "Last name", "Email", "Position", "Company", "Seniority", "Function", "Tags"]);
  expect(lines).toHaveLength(3);
  const records = lines.slice(1).map(cells);
  const col = (name: string) => header.indexOf(name);
  expect(records.map((r) => `${r[col("First name")]} ${r[col("Last name")]}`).sort()).toEqual(["Kwame Okafor", "Sofia Rossi"]);
  for (const r of records) expect(r[col("Tags")]).toBe("Industrial");
  expect(records.map((r) => r[col("Company")]).sort()).toEqual(["Stark Industries", "Vandelay Industries"]);

  // Undo a bulk tag: tag one more person, then take it back from the message.
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(matchCount(page)).toHaveText("10 connections match");
  const anna = rows(page).filter({ hasText: "Anna Schmidt" });
  await anna.getByRole("checkbox", { name: "Select Anna Schmidt" }).check();
  await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Tag…", exact: true }).click();
  await page.getByLabel("Find or create a tag").fill("Indus");
  await page.getByRole("list", { name: "Matching tags" }).getByRole("button", { name: /Industrial/ }).click();
  await expect(toast(page)).toContainText("Tagged 1 connection with “Industrial”.");
  await expect(anna).toContainText("Industrial");
  await toast(page).getByRole("button", { name: "Undo" }).click();
  await expect(toast(page)).toContainText("Undone: “Industrial” taken off 1 connection again.");
  await expect(anna).not.toContainText("Industrial");
  // The two tagged through the filter keep their tag.
  await expect(rows(page).filter({ hasText: "Industrial" })).toHaveCount(2);
});

test("columns and density are remembered; a bad link parameter is named, not fatal", async ({ page }) => {
  const slug = await signUp(page, { name: "Cole Columns", email: uniqueEmail("cole") });
  await addLinkedInAccount(page, slug, "Cole’s LinkedIn");
  await uploadAndWait(page, FIXTURE);

  await page.goto(`/t/${slug}/connections?seniority=wizard&sort=name`);
  await expect(page.getByTestId("filter-errors")).toContainText("seniority");
  await expect(page.getByTestId("filter-errors")).toContainText("“wizard” is not a seniority");
  // The rest of the link still applies: sorted by name, A→Z.
  await expect(matchCount(page)).toHaveText("10 connections match");
  await expect(page.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(rows(page).first()).toContainText("Anna Schmidt");
  await page.getByRole("button", { name: /^Name/ }).click();
  await expect(page.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "descending");
  await expect(rows(page).first()).toContainText("Yuki Tanaka");

  await expect(page.getByRole("columnheader", { name: "Function" })).toBeVisible();
  await page.getByRole("button", { name: "Columns", exact: true }).click();
  await page.getByRole("checkbox", { name: "Function" }).uncheck();
  await expect(page.getByRole("columnheader", { name: "Function" })).toHaveCount(0);
  await page.getByRole("button", { name: "Compact" }).click();
  await expect(page.getByRole("button", { name: "Compact" })).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(page.getByRole("columnheader", { name: "Function" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Compact" })).toHaveAttribute("aria-pressed", "true");

  // Save the sorted table as a shared view; it is listed and opens the same table.
  await page.goto(`/t/${slug}/connections?sort=name&dir=desc`);
  await page.getByRole("button", { name: "Save view" }).click();
  await page.getByLabel("View name").fill("Z to A");
  await page.getByLabel("Share with the team").check();
  await page.getByRole("form", { name: "Save view" }).getByRole("button", { name: "Save view" }).click();
  await expect(page.getByRole("button", { name: "View: Z to A" })).toBeVisible();
  await page.goto(`/t/${slug}/connections`);
  await page.getByRole("button", { name: "Views" }).click();
  await page.getByRole("link", { name: /Z to A/ }).click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(rows(page).first()).toContainText("Yuki Tanaka");

  // Queue one person for follow-up; the drawer's history says so.
  await rows(page).first().getByRole("checkbox").check();
  await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Add to review queue" }).click();
  await page.getByRole("button", { name: "For follow-up" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added 1 connection to the review queue for follow-up." })).toBeVisible();
  await rows(page).first().getByRole("link", { name: "Yuki Tanaka" }).click();
  await expect(page.getByRole("dialog", { name: "Yuki Tanaka" }).getByRole("region", { name: "History" })).toContainText("Added to the review queue for follow-up");
  await page.getByRole("button", { name: "Close connection details" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(rows(page).first()).toBeFocused();
});

test("tags page: create, rename, merge and delete team tags", async ({ page }) => {
  const slug = await signUp(page, { name: "Tia Tagger", email: uniqueEmail("tia") });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tags" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tags" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`/t/${slug}/tags`);
  const tagRows = page.getByTestId("tag-row");
  for (const name of ["Alpha", "Beta"]) {
    await page.getByLabel("New tag").fill(name);
    await page.getByRole("button", { name: "Create tag" }).click();
    await expect(tagRows.filter({ hasText: name })).toHaveCount(1);
  }
  await page.getByLabel("New tag").fill("alpha");
  await page.getByRole("button", { name: "Create tag" }).click();
  await expect(page.getByRole("form", { name: "Create a tag" }).getByRole("alert")).toContainText("already has a tag named “alpha”");

  await tagRows.filter({ hasText: "Beta" }).getByRole("button", { name: "Rename Beta" }).click();
  await page.getByLabel("New name for Beta").fill("Gamma");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(tagRows.filter({ hasText: "Gamma" })).toHaveCount(1);
  await page.getByLabel("Color of Gamma").selectOption("purple");
  await expect(page.getByLabel("Color of Gamma")).toHaveValue("purple");

  await tagRows.filter({ hasText: "Alpha" }).getByRole("button", { name: "Merge Alpha" }).click();
  await page.getByLabel("Merge “Alpha” into").selectOption({ label: "Gamma" });
  await page.getByRole("button", { name: "Merge tags" }).click();
  await expect(tagRows).toHaveCount(1);
  await expect(tagRows).toContainText("Gamma");

  await tagRows.getByRole("button", { name: "Delete Gamma" }).click();
  await page.getByRole("button", { name: "Delete tag" }).click();
  await expect(tagRows).toHaveCount(0);
  await expect(page.getByText("No tags yet.")).toBeVisible();
});

test("the connections page's first-load JavaScript stays under 250 KB gzipped", async ({ page, browser }) => {
  const slug = await signUp(page, { name: "Bea Budget", email: uniqueEmail("bea") });
  await addLinkedInAccount(page, slug, "Bea’s LinkedIn");
  // A fresh context (same session, empty cache) loads the page as a first visit would.
  const fresh = await browser.newContext({ storageState: await page.context().storageState() });
  const first = await fresh.newPage();
  await first.goto(`/t/${slug}/connections`, { waitUntil: "load" });
  await expect(first.getByRole("heading", { level: 1, name: "Connections" })).toBeVisible();
  await expect(first.getByLabel("Search name, position or company")).toBeEditable();
  const scripts = await first.evaluate(() =>
    performance.getEntriesByType("resource").map((r) => new URL(r.name).pathname).filter((p) => p.startsWith("/_next/static/") && p.endsWith(".js")),
  );
  expect(scripts.length).toBeGreaterThan(0);
  // Measured from the build's own files, gzipped as a server would send them.
  const sizes = await Promise.all([...new Set(scripts)].map(async (p) => gzipSync(await readFile(join(import.meta.dirname, "..", ".next", p.slice("/_next/".length)))).length));
  const total = sizes.reduce((a, b) => a + b, 0);
  console.log(`connections page first-load JS: ${(total / 1024).toFixed(1)} KB gzipped in ${sizes.length} files`);
  expect(total).toBeLessThan(250 * 1024);
  await fresh.close();
});
