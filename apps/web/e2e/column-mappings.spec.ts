import { expect, test, type Page } from "@playwright/test";
import { addLinkedInAccount, signUp, summaryFigure, uniqueEmail } from "./helpers";

// A file from another tool: its columns are not LinkedIn's, so the first upload asks for a
// mapping, which the team then remembers, can see, change and forget; a waiting import can be
// discarded.
const FILE = "Vorname;Nachname;Profil;Firma\nAnna;Alt;https://www.linkedin.com/in/anna-alt;Acme\nBen;Bau;https://de.linkedin.com/in/ben-bau/;Globex\n";

async function upload(page: Page, accountUrl: string, name: string) {
  await page.goto(accountUrl);
  await page.getByLabel("Choose a file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(FILE) });
  await expect(page).toHaveURL(/\/imports\/[^/]+$/);
}

test("a remembered column mapping is shown, changed and forgotten; a waiting import is discarded", async ({ page }) => {
  const slug = await signUp(page, { name: "Mara Mapper", email: uniqueEmail("mara") });
  const accountId = await addLinkedInAccount(page, slug, "Mara’s LinkedIn");
  const accountUrl = `/t/${slug}/accounts/${accountId}`;
  page.on("dialog", (d) => void d.accept());

  // First file: the mapping step (columns guessed), then the summary says which mapping read it.
  await upload(page, accountUrl, "kontakte.csv");
  const mapStep = page.getByRole("region", { name: "Match the columns" });
  await expect(mapStep).toBeVisible({ timeout: 30_000 });
  await expect(mapStep.getByLabel("Company")).toHaveValue("Firma");
  await mapStep.getByRole("button", { name: "Save mapping and import" }).click();
  await expect(summaryFigure(page, "New")).toHaveText("2", { timeout: 30_000 });
  await expect(page.getByTestId("mapping-used")).toContainText("chosen for it");

  // The same columns again: read with the remembered mapping, and the summary says so.
  await upload(page, accountUrl, "kontakte-2.csv");
  await expect(summaryFigure(page, "Unchanged")).toHaveText("2", { timeout: 30_000 });
  await expect(page.getByTestId("mapping-used")).toContainText("saved for these columns");
  await page.getByRole("link", { name: "Review or change the column mapping" }).click();

  // Settings: the file's headers, field → column, who saved it, how many imports used it.
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/settings/imports\\?mapping=`));
  await expect(page.getByRole("heading", { level: 1, name: "Column mappings" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Team settings" }).getByRole("link", { name: "Column mappings" })).toHaveAttribute("aria-current", "page");
  const card = page.getByTestId("column-mapping");
  await expect(card).toHaveCount(1);
  await expect(card.getByRole("list", { name: "The file's columns" }).getByRole("listitem")).toHaveText(["Vorname", "Nachname", "Profil", "Firma"]);
  await expect(card.getByRole("row", { name: /Company/ })).toContainText("Firma");
  await expect(card).toContainText("Saved by Mara Mapper");
  await expect(card).toContainText("used by 2 imports");

  // Change it: the firm column is really the position. The link opened the form.
  await card.getByLabel("Company").selectOption("");
  await card.getByLabel("Position").selectOption("Firma");
  await card.getByRole("button", { name: "Save changes" }).click();
  await expect(card.getByRole("status")).toContainText("Mapping saved");
  await page.reload();
  await expect(card.getByRole("row", { name: /Position/ })).toContainText("Firma");
  await expect(card.getByRole("row", { name: /Company/ })).toContainText("not read");

  // Forget it: the next file with these columns asks again…
  await card.getByRole("button", { name: /^Forget this mapping/ }).click();
  await expect(page.getByText("No column mappings yet.")).toBeVisible();
  await upload(page, accountUrl, "kontakte-3.csv");
  await expect(page.getByRole("region", { name: "Match the columns" })).toBeVisible({ timeout: 30_000 });

  // …and that waiting import is discarded instead: terminal, shown as such, nothing imported.
  await page.getByRole("button", { name: "Discard this import" }).click();
  await expect(page.getByText("This import was discarded")).toBeVisible();
  await expect(page.getByText(/· Discarded$/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Match the columns" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Discard this import" })).toHaveCount(0);
  await page.goto(accountUrl);
  await expect(page.getByTestId("import-row").first()).toContainText("Discarded");
});
