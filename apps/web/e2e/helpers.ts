import { expect, type Locator, type Page } from "@playwright/test";

export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

export const PASSWORD = "correct horse battery staple ✓";

export async function signUp(page: Page, o: { name: string; email: string; teamName?: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(o.name);
  await page.getByLabel("Email").fill(o.email);
  await page.getByLabel("Password").fill(PASSWORD);
  if (o.teamName) await page.getByLabel("Team name (optional)").fill(o.teamName);
  await page.getByRole("button", { name: "Create account" }).click();
  // Sign-up answers "check your email" for every address (no account discovery); then sign in.
  await expect(page.getByText(`Check your email: we sent a message to ${o.email.toLowerCase()}`)).toBeVisible();
  await signIn(page, o.email);
  await expect(page).toHaveURL(/\/t\/[a-z0-9-]+$/);
  return new URL(page.url()).pathname.split("/")[2]!;
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Adds a LinkedIn account through the form and returns its id (from the page it lands on). */
export async function addLinkedInAccount(page: Page, slug: string, label: string): Promise<string> {
  await page.goto(`/t/${slug}/accounts`);
  await page.getByLabel("Label").fill(label);
  await page.getByRole("button", { name: "Add account" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/accounts/[^/]+$`));
  await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();
  return new URL(page.url()).pathname.split("/")[4]!;
}

// A figure is the <dd> after its <dt> (ARIA gives definitions no name of their own).
export const valueOf = (scope: Page | Locator, term: string) =>
  scope.getByRole("term").filter({ hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
export const summaryFigure = (page: Page, term: string) => valueOf(page.getByRole("region", { name: "Summary" }), term);

/** On an account page: uploads a file through the picker and waits for the import's summary. */
export async function uploadAndWait(page: Page, file: Parameters<Page["setInputFiles"]>[1]) {
  await page.getByLabel("Choose a file").setInputFiles(file);
  await expect(page).toHaveURL(/\/imports\/[^/]+$/);
  // The import may finish before the page has rendered: either sign of life will do.
  await expect(page.getByRole("progressbar", { name: "Import progress" }).or(summaryFigure(page, "New")).first()).toBeVisible();
  await expect(summaryFigure(page, "New")).toBeVisible({ timeout: 30_000 });
}

/** Creates an ICP through the form (one title keyword) and returns its id, from the page it opens. */
export async function createIcp(page: Page, slug: string, name: string, keyword: string): Promise<string> {
  await page.goto(`/t/${slug}/icps/new`);
  await page.getByLabel("Name", { exact: true }).fill(name);
  const keywords = page.getByLabel("Titles or keywords", { exact: true });
  await keywords.fill(keyword);
  await keywords.press("Enter");
  await expect(page.getByRole("button", { name: `Remove ${keyword}` })).toBeVisible();
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/icps/[^/]+$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname.split("/")[4]!;
}

/** Starts a team data export on the settings page, waits for its download link, returns its id. */
export async function exportTeamData(page: Page, slug: string): Promise<string> {
  await page.goto(`/t/${slug}/settings/data`);
  await page.getByRole("button", { name: "Export all team data" }).click();
  const link = page.getByRole("link", { name: /^Download zip/ }).first();
  await expect(link).toBeVisible({ timeout: 30_000 });
  return (await link.getAttribute("href"))!.split("/")[5]!;
}
