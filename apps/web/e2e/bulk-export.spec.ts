import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { expect, test } from "@playwright/test";
import { addLinkedInAccount, signUp, uniqueEmail, uploadAndWait } from "./helpers";

// Exporting ticked rows posts the selection (a form body) instead of putting the ids in the URL,
// where ~430 ids made a URL the server refused with 431. fixtures/Connections.csv holds 10+ people.
const FIXTURE = join(import.meta.dirname, "fixtures", "Connections.csv");

test("Export CSV of ticked rows posts them; 5,000 ids are fine, more are refused, another origin is refused", async ({ page, browser }) => {
  const slug = await signUp(page, { name: "Bea Bulk", email: uniqueEmail("bea") });
  await addLinkedInAccount(page, slug, "Bea’s LinkedIn");
  await uploadAndWait(page, FIXTURE);
  await page.goto(`/t/${slug}/connections?sort=name&dir=asc`);
  const rows = page.getByTestId("connection-row");
  await expect(page.getByTestId("match-count")).toContainText("connections match");
  const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-id")!));
  expect(ids.length).toBeGreaterThanOrEqual(10);

  // In the browser: tick two rows, Export CSV → a POST, downloaded as a file, the page stays.
  await rows.nth(0).getByRole("checkbox").check();
  await rows.nth(1).getByRole("checkbox").check();
  const bar = page.getByRole("toolbar", { name: "Bulk actions" });
  const [download, request] = await Promise.all([
    page.waitForEvent("download"),
    page.waitForRequest((r) => r.url().includes("/connections/export")),
    bar.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  expect(request.method()).toBe("POST");
  expect(request.url()).not.toContain(ids[0]!);
  const csv = parse(await readFile((await download.path())!), { bom: true, columns: true }) as Array<Record<string, string>>;
  expect(csv.map((r) => r["Connection id"]).sort()).toEqual([ids[0], ids[1]].sort());
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/connections`));

  // The cap: 5,000 ids (far beyond what a URL holds) export the team's ticked ones; 5,001 are refused.
  const filler = Array.from({ length: 4_997 }, (_, i) => `c${String(i).padStart(60, "0")}`);
  const many = await page.request.post(`/api/t/${slug}/connections/export?sort=name`, { form: { ids: [ids[2], ids[3], ids[4], ...filler].join(",") } });
  expect(many.status()).toBe(200);
  const manyRows = parse(await many.body(), { bom: true, columns: true }) as Array<Record<string, string>>;
  expect(manyRows.map((r) => r["Connection id"]).sort()).toEqual([ids[2], ids[3], ids[4]].sort());
  const tooMany = await page.request.post(`/api/t/${slug}/connections/export`, { form: { ids: [...filler, ...ids].join(",") } });
  expect(tooMany.status()).toBe(400);
  expect(((await tooMany.json()) as { error: { field: string } }).error.field).toBe("ids");

  // CSRF: the same post from another site is refused before it reaches the handler.
  const crossSite = await page.request.post(`/api/t/${slug}/connections/export`, { form: { ids: ids[0]! }, headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" } });
  expect(crossSite.status()).toBe(403);
  // Another team's member posting A's ids gets A's team as a 404, and nothing of A.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUp(otherPage, { name: "Oscar Other", email: uniqueEmail("oscar") });
  const cross = await otherPage.request.post(`/api/t/${slug}/connections/export`, { form: { ids: ids.join(",") } });
  expect(cross.status()).toBe(404);
  await other.close();
});
