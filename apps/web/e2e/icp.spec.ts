import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { addLinkedInAccount, signUp, uniqueEmail, uploadAndWait, valueOf } from "./helpers";

// fixtures/Connections.csv has 10 valid people; two are CEOs, written two ways: Chloé Dubois
// ("Founder & CEO, building things") and Yuki Tanaka ("Chief Executive Officer"); title keywords
// match abbreviations and their expansions (issue 16 item 13).
const FIXTURE = join(import.meta.dirname, "fixtures", "Connections.csv");

test("define an ICP with a live preview, save, rescore, and read the scores with their reasons", async ({ page }) => {
  const slug = await signUp(page, { name: "Uma User", email: uniqueEmail("uma") });
  await addLinkedInAccount(page, slug, "Uma’s LinkedIn");
  await uploadAndWait(page, FIXTURE);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Ideal customer profiles" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ideal customer profiles" })).toBeVisible();
  await expect(page.getByText("decide who to keep, follow up with or remove against an explicit profile")).toBeVisible();
  await page.getByRole("link", { name: "New profile" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/icps/new$`));

  const preview = page.getByRole("region", { name: "Live preview" });
  const count = (band: string) => valueOf(preview, band);
  await page.getByLabel("Name", { exact: true }).fill("Founders and CEOs");
  // No criteria yet: nobody fits.
  await expect(count("No fit")).toHaveText("10");
  await expect(count("Strong")).toHaveText("0");
  await expect(count("Partial")).toHaveText("0");
  const everyone = Number(await count("No fit").textContent());

  const keywords = page.getByLabel("Titles or keywords", { exact: true });
  await keywords.fill("CEO");
  await keywords.press("Enter");
  await expect(page.getByRole("button", { name: "Remove CEO" })).toBeVisible();
  await page.getByLabel("Weight for titles and keywords").selectOption("important");
  await expect(count("Strong")).toHaveText("2");
  await expect(count("Partial")).toHaveText("0");
  await expect(count("No fit")).toHaveText(String(everyone - 2));
  const strongSample = preview.getByRole("region", { name: "Strong examples" }).getByTestId("preview-sample");
  await expect(strongSample).toHaveCount(2);
  await expect(strongSample.filter({ hasText: "Chloé Dubois" })).toContainText("+100 title matches 'CEO'");
  await expect(strongSample.filter({ hasText: "Yuki Tanaka" })).toContainText("+100 title matches 'CEO'");

  // A server-side validation error shows at its criterion, and goes away with the bad value.
  const domains = page.getByLabel("Domains", { exact: true });
  await domains.fill("not a domain");
  await domains.press("Enter");
  const emailGroup = page.getByRole("group", { name: "Email domains" });
  await expect(emailGroup).toContainText("is not a domain like acme.com");
  await page.getByRole("button", { name: "Remove not a domain" }).click();
  await expect(emailGroup).not.toContainText("is not a domain");
  await expect(count("Strong")).toHaveText("2");

  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/icps/[^/]+$`));
  await expect(page.getByRole("heading", { level: 1, name: "Founders and CEOs" })).toBeVisible();
  // The rescore may finish before the page renders; either way the table fills in.
  const rows = page.getByTestId("score-row");
  await expect(rows).toHaveCount(everyone, { timeout: 20_000 });
  await expect(page.getByRole("progressbar", { name: "Rescoring progress" })).toHaveCount(0);
  await expect(valueOf(page.getByRole("main"), "Strong")).toHaveText("2");

  const first = rows.filter({ hasText: "Chloé Dubois" });
  await expect(first).toContainText("Chloé Dubois");
  await expect(first).toContainText("title matches 'CEO'");
  await expect(first.getByRole("cell").nth(4)).toHaveText("100");
  const link = first.getByRole("link", { name: /Chloé Dubois/ });
  await expect(link).toHaveAttribute("href", /^https:\/\/www\.linkedin\.com\/in\/chloe-dubois-e2e\/?$/);
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");

  // Filters live in the URL.
  await page.getByLabel("Fit", { exact: true }).selectOption("strong");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]band=strong/);
  await expect(rows).toHaveCount(2);

  // The status API the page polls, and the preview API's limits.
  const icpId = new URL(page.url()).pathname.split("/")[4];
  const status = await page.request.get(`/api/t/${slug}/icps/${icpId}`);
  expect(status.headers()["cache-control"]).toBe("no-store");
  expect(await status.json()).toMatchObject({ version: 1, scoredVersion: 1, rescoreProgress: 100, bands: { strong: 2, partial: 0, none: everyone - 2 } });
  const previewUrl = `/api/t/${slug}/icps/preview`;
  const big = await page.request.post(previewUrl, { data: JSON.stringify({ definition: {}, pad: "x".repeat(70_000) }), headers: { "Content-Type": "application/json" } });
  expect(big.status()).toBe(413);
  const bad = await page.request.post(previewUrl, { data: Buffer.from("{not json"), headers: { "Content-Type": "application/json" } });
  expect(bad.status()).toBe(400);
  const invalid = await page.request.post(previewUrl, { data: { definition: { staleAfterMonths: 0 } } });
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).error).toMatchObject({ code: "VALIDATION", field: "staleAfterMonths" });

  // Editing opens the saved definition; saving makes version 2 and rescores.
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await page.getByRole("button", { name: "Remove CEO" }).click();
  await keywords.fill("VP Sales");
  await keywords.press("Enter");
  await expect(count("Strong")).toHaveText("1");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Version 2")).toBeVisible();
  await expect(rows.first()).toContainText("Anna Schmidt", { timeout: 20_000 });
  await expect(rows.first()).toContainText("title matches 'VP Sales'");

  await page.getByRole("link", { name: "← Ideal customer profiles" }).click();
  const listed = page.getByTestId("icp-row").filter({ hasText: "Founders and CEOs" });
  await expect(listed).toContainText("Scored");
  await listed.getByRole("link", { name: "Founders and CEOs" }).click();

  // Delete asks first.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.getByRole("button", { name: "Delete profile" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/icps$`));
  await expect(page.getByRole("region", { name: "Describe who matters to you" })).toBeVisible();
});
