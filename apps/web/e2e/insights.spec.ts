import { join } from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { addLinkedInAccount, signUp, uniqueEmail, uploadAndWait, valueOf } from "./helpers";

// fixtures/Connections.csv has 10 valid people (see import.spec.ts): connected in 2024 (5),
// 2023 (2), 2022, 2021 and 2019 (1 each), one per company.
const FIXTURE = join(import.meta.dirname, "fixtures", "Connections.csv");
const PER_YEAR: Array<[string, string, string]> = [
  ["2019", "1", "10%"],
  ["2020", "0", "0%"],
  ["2021", "1", "10%"],
  ["2022", "1", "10%"],
  ["2023", "2", "20%"],
  ["2024", "5", "50%"],
];

const chartCard = (page: Page, title: string) => page.getByRole("region", { name: title, exact: true });

async function openTable(card: Locator, name: string): Promise<Locator> {
  // The disclosure works from the keyboard: focus it, press Enter.
  await card.locator("summary").focus();
  await card.page().keyboard.press("Enter");
  const table = card.getByRole("table", { name });
  await expect(table).toBeVisible();
  return table;
}

const cellsOf = (table: Locator, rowHeader: string) =>
  table.getByRole("row").filter({ has: table.page().getByRole("rowheader", { name: rowHeader, exact: true }) }).getByRole("cell");

test("network insights: empty state, charts with their tables, the account switcher in the URL", async ({ page, browser }) => {
  const slug = await signUp(page, { name: "Ines Insight", email: uniqueEmail("ines") });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Insights" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Network insights" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "No connections yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Upload a LinkedIn export" })).toHaveAttribute("href", `/t/${slug}/accounts`);

  const accountId = await addLinkedInAccount(page, slug, "Ines’s LinkedIn");
  await uploadAndWait(page, FIXTURE);
  const emptyId = await addLinkedInAccount(page, slug, "Spare network");

  await page.goto(`/t/${slug}/insights`);
  const main = page.getByRole("main");
  await expect(page.getByTestId("insights-scope")).toHaveText("All 2 LinkedIn accounts");
  await expect(valueOf(main, "Connections")).toHaveText("10");
  for (const title of ["Connections added per year", "Inactive connections", "Seniority", "Function", "Top companies"]) {
    await expect(page.getByRole("heading", { level: 2, name: title, exact: true })).toBeVisible();
  }
  await expect(page.getByRole("heading", { level: 2, name: "Fit with your ideal customer profile" })).toBeVisible();

  const years = chartCard(page, "Connections added per year");
  await expect(years.getByTestId("years-summary")).toHaveText("Half of your network joined in 2024; 2024 was the busiest year with 5 connections.");
  await expect(years.getByRole("img", { name: "Bar chart of connections added per year, 2019 to 2024" })).toBeVisible();
  const table = await openTable(years, "Connections added per year");
  await expect(table.getByRole("rowheader")).toHaveText(PER_YEAR.map(([y]) => y));
  for (const [year, count, share] of PER_YEAR) await expect(cellsOf(table, year)).toHaveText([count, share]);

  const companies = await openTable(chartCard(page, "Top companies"), "Companies with the most connections");
  await expect(companies.getByRole("rowheader")).toHaveCount(10);
  await expect(cellsOf(companies, "Soylent GmbH")).toHaveText(["1", "10%"]);
  // A Connections.csv alone has no messages: the page says so instead of "100% inactive".
  await expect(chartCard(page, "Inactive connections").getByTestId("activity-summary")).toHaveText(/^No messages yet/);

  // The switcher: one account, then the other, then both again (= all, the plain URL).
  const accounts = page.getByRole("group", { name: "LinkedIn accounts" });
  await expect(accounts.getByRole("checkbox")).toHaveCount(2);
  await accounts.getByRole("checkbox", { name: "Spare network" }).uncheck();
  await page.getByRole("button", { name: "Show insights" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/insights\\?account=${accountId}$`));
  await expect(page.getByTestId("insights-scope")).toHaveText("Ines’s LinkedIn");
  await expect(valueOf(main, "Connections")).toHaveText("10");

  await accounts.getByRole("checkbox", { name: "Ines’s LinkedIn" }).uncheck();
  await accounts.getByRole("checkbox", { name: "Spare network" }).check();
  await page.getByRole("button", { name: "Show insights" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?account=${emptyId}$`));
  await expect(page.getByRole("heading", { level: 2, name: "No connections in these accounts" })).toBeVisible();
  await expect(valueOf(main, "Connections")).toHaveText("0");

  await accounts.getByRole("checkbox", { name: "Ines’s LinkedIn" }).check();
  await page.getByRole("button", { name: "Show insights" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/insights$`));
  await expect(valueOf(main, "Connections")).toHaveText("10");

  // Several accounts by URL, in any order, land on the canonical form.
  await page.goto(`/t/${slug}/insights?account=${emptyId}&account=${accountId}`);
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/insights$`));

  // Someone else's account id, even in one's own team's page, is a 404 that leaks nothing.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const otherSlug = await signUp(otherPage, { name: "Oscar Other", email: uniqueEmail("oscar") });
  const res = await otherPage.goto(`/t/${otherSlug}/insights?account=${accountId}`);
  expect(res?.status()).toBe(404);
  expect(await otherPage.content()).not.toContain("Ines");
  await other.close();
});
