import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { addLinkedInAccount, exportTeamData, signUp, uniqueEmail } from "./helpers";

// Data ownership as an owner sees it: export everything and download the zip, then delete the team
// by typing its name, and land where a user without a team lands.
test("an owner exports the team's data, downloads the zip, then deletes the team", async ({ page }) => {
  const teamName = `Data Owners ${Date.now()}`;
  const slug = await signUp(page, { name: "Dana Owner", email: uniqueEmail("dana"), teamName });
  const accountId = await addLinkedInAccount(page, slug, "Dana's network");
  const csv = await readFile(join(import.meta.dirname, "fixtures", "Connections.csv"));
  const up = await page.request.post(`/api/uploads/${slug}/${accountId}`, { data: csv, headers: { "Content-Type": "application/octet-stream", "X-File-Name": "Connections.csv" } });
  expect(up.status()).toBe(202);

  await page.goto(`/t/${slug}/settings/members`);
  await page.getByRole("navigation", { name: "Team settings" }).getByRole("link", { name: "Data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Team data" })).toBeVisible();

  const exportId = await exportTeamData(page, slug);
  await expect(page.getByTestId("export-row").first()).toContainText("Ready");
  const status = (await (await page.request.get(`/api/t/${slug}/exports/${exportId}`)).json()) as { byteSize: number };
  expect(status).toMatchObject({ id: exportId, status: "READY", progress: 100 });

  const res = await page.request.get(`/api/t/${slug}/exports/${exportId}/download`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/zip");
  expect(res.headers()["content-disposition"]).toMatch(new RegExp(`^attachment; filename="${slug}-data-\\d{4}-\\d{2}-\\d{2}\\.zip"$`));
  expect(res.headers()["cache-control"]).toContain("no-store");
  const zip = await res.body();
  expect(zip.subarray(0, 2).toString("latin1")).toBe("PK");
  expect(zip.byteLength).toBe(status.byteSize);

  // Danger zone: the name must be typed exactly.
  const confirm = page.getByLabel("Type the team name to confirm");
  await confirm.fill(teamName.toUpperCase());
  await page.getByRole("button", { name: "Delete this team and all its data" }).click();
  await expect(page.getByText("That is not the team's name.")).toBeVisible();
  await expect(confirm).toHaveAttribute("aria-invalid", "true");

  await confirm.fill(teamName);
  await page.getByRole("button", { name: "Delete this team and all its data" }).click();
  await expect(page).toHaveURL(/\/teams\/new$/);
  expect((await page.goto(`/t/${slug}`))?.status()).toBe(404);
  expect((await page.request.get(`/api/t/${slug}/exports/${exportId}/download`)).status()).toBe(404);
});
