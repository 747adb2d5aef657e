import { expect, type Page } from "@playwright/test";

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
  await expect(page).toHaveURL(/\/t\/[a-z0-9-]+$/);
  return new URL(page.url()).pathname.split("/")[2]!;
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
