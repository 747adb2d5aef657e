import { expect, test, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";
import { focusIsVisible, tabTo } from "./keyboard";
import { addMembership } from "./team-sql";

// Settings › Queue rules: everyone reads them, owners and admins change them. The owner works the
// form by keyboard only: a rule switched on, the follow-up months changed (0 is refused, naming
// the field), a protected tag picked, saved; a reload shows what was saved, and so does a member.

const rulesPath = (slug: string) => `/t/${slug}/settings/queue-rules`;
const form = (page: Page) => page.getByRole("form", { name: "Queue rules" });
const months = (page: Page) => form(page).getByRole("spinbutton", { name: "Follow up after (months without a message)" });
const recruiter = (page: Page) => form(page).getByRole("checkbox", { name: "Recruiter" });
const vip = (page: Page) => form(page).getByRole("checkbox", { name: "VIP" });
const save = (page: Page) => form(page).getByRole("button", { name: "Save rules" });

test("a member reads the queue rules; the owner changes them by keyboard, a bad value is named, the saved values stay", async ({ browser }) => {
  test.setTimeout(120_000);
  const owner = await browser.newContext();
  const page = await owner.newPage();
  const slug = await signUp(page, { name: "Rita Rules", email: uniqueEmail("rita"), teamName: "Rules Team" });
  await page.goto(`/t/${slug}/tags`);
  for (const name of ["VIP", "Partner"]) {
    await page.getByLabel("New tag").fill(name);
    await page.getByRole("button", { name: "Create tag" }).click();
    await expect(page.getByTestId("tag-row").filter({ hasText: name })).toHaveCount(1);
  }

  // A member: the same rules, read-only.
  const memberEmail = uniqueEmail("milo");
  const member = await browser.newContext();
  const mPage = await member.newPage();
  await signUp(mPage, { name: "Milo Member", email: memberEmail });
  await addMembership(slug, memberEmail, "MEMBER");
  await mPage.goto(rulesPath(slug));
  await expect(mPage.getByRole("heading", { level: 1, name: "Queue rules" })).toBeVisible();
  await expect(form(mPage)).toContainText("Only owners and admins can change the queue rules.");
  const inputs = form(mPage).locator("input");
  expect(await inputs.count()).toBeGreaterThan(5);
  for (const input of await inputs.all()) await expect(input).toBeDisabled();
  await expect(form(mPage).getByRole("button")).toHaveCount(0);
  await expect(months(mPage)).toHaveValue("6");
  await expect(recruiter(mPage)).not.toBeChecked();

  // The owner, keyboard only, from the top of the page.
  await page.goto(rulesPath(slug));
  await expect(page.getByRole("heading", { level: 1, name: "Queue rules" })).toBeVisible();
  await expect(form(page)).not.toContainText("Only owners and admins");
  await expect(recruiter(page)).not.toBeChecked();
  await tabTo(page, recruiter(page));
  await page.keyboard.press("Space");
  await expect(recruiter(page)).toBeChecked();
  await tabTo(page, vip(page));
  await page.keyboard.press("Space");
  await expect(vip(page)).toBeChecked();
  await tabTo(page, months(page));
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("0");
  await tabTo(page, save(page));
  await page.keyboard.press("Enter");
  // 0 months is refused by the server, on the field, which takes the focus.
  await expect(form(page).getByText("Follow up after: at least 1 month.").first()).toBeVisible();
  await expect(months(page)).toHaveAttribute("aria-invalid", "true");
  await expect(months(page)).toBeFocused();
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("9");
  await tabTo(page, save(page));
  await page.keyboard.press("Enter");
  await expect(form(page).getByRole("alert").or(form(page).getByRole("status")).filter({ hasText: "Saved; the queues are being rebuilt." })).toBeVisible();
  await expect(months(page)).not.toHaveAttribute("aria-invalid", "true");

  // A reload shows what was saved, and who saved it.
  await page.reload();
  await expect(months(page)).toHaveValue("9");
  await expect(recruiter(page)).toBeChecked();
  await expect(vip(page)).toBeChecked();
  await expect(form(page).getByRole("checkbox", { name: "Partner" })).not.toBeChecked();
  await expect(page.getByRole("main")).toContainText("Last changed by Rita Rules");

  // A second save from the same page works on the version it now has.
  await tabTo(page, vip(page));
  await page.keyboard.press("Space");
  await tabTo(page, save(page));
  await page.keyboard.press("Enter");
  await expect(form(page).getByText("Saved; the queues are being rebuilt.")).toBeVisible();

  // The member sees the new rules.
  await mPage.reload();
  await expect(months(mPage)).toHaveValue("9");
  await expect(recruiter(mPage)).toBeChecked();
  await expect(vip(mPage)).not.toBeChecked();
  await expect(months(mPage)).toBeDisabled();

  await owner.close();
  await member.close();
});
