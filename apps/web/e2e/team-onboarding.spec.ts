import { expect, test } from "@playwright/test";
import { E2E_SMTP_PORT } from "../playwright.config";
import { PASSWORD, signUp, uniqueEmail } from "./helpers";
import { linkIn, startInbox } from "./smtp-inbox";

let inbox: Awaited<ReturnType<typeof startInbox>>;
test.beforeAll(async () => {
  inbox = await startInbox(E2E_SMTP_PORT);
});
test.afterAll(async () => {
  await inbox.close();
});

test("sign up → dashboard → invite → teammate accepts in another browser → both see the team", async ({ browser }) => {
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  const ownerEmail = uniqueEmail("owner");
  const slug = await signUp(ownerPage, { name: "Olivia Owner", email: ownerEmail, teamName: "Acme Growth" });

  await expect(ownerPage.getByRole("heading", { level: 1, name: "Acme Growth" })).toBeVisible();
  await expect(ownerPage.getByText("Your team has no LinkedIn networks yet")).toBeVisible();

  await ownerPage.getByRole("link", { name: "Invite teammates" }).click();
  const inviteeEmail = uniqueEmail("teammate");
  await ownerPage.getByLabel("Email address").fill(inviteeEmail);
  await ownerPage.getByLabel("Role").selectOption("ADMIN");
  await ownerPage.getByRole("button", { name: "Send invitation" }).click();
  await expect(ownerPage.getByText(`Invitation sent to ${inviteeEmail}`)).toBeVisible();
  await expect(ownerPage.getByText(inviteeEmail, { exact: true }).first()).toBeVisible();

  const mail = await inbox.waitFor(inviteeEmail);
  expect(mail.subject).toBe("You are invited to join a team on Connection CRM");
  const acceptUrl = linkIn(mail.text, "/invite/");

  const teammate = await browser.newContext();
  const tPage = await teammate.newPage();
  await tPage.goto(acceptUrl);
  await expect(tPage.getByRole("heading", { name: "Join Acme Growth" })).toBeVisible();
  await expect(tPage.getByLabel("Email")).toHaveValue(inviteeEmail);
  await tPage.getByLabel("Your name").fill("Tariq Teammate");
  await tPage.getByLabel("Password").fill(PASSWORD);
  await tPage.getByRole("button", { name: "Create account and join" }).click();
  await expect(tPage).toHaveURL(new RegExp(`/t/${slug}$`));
  await expect(tPage.getByRole("heading", { level: 1, name: "Acme Growth" })).toBeVisible();

  // The link is single-use.
  await tPage.goto(acceptUrl);
  await expect(tPage.getByText("has already been used")).toBeVisible();

  // Both see each other in the member list.
  for (const page of [ownerPage, tPage]) {
    await page.goto(`/t/${slug}/settings/members`);
    const rows = page.getByTestId("member-row");
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: "Tariq Teammate" })).toContainText("Admin");
    await expect(rows.filter({ hasText: "Olivia Owner" })).toContainText("Owner");
  }

  // Sign out ends the session: the team page now asks to sign in.
  await tPage.getByRole("button", { name: "Sign out" }).click();
  await expect(tPage).toHaveURL(/\/sign-in/);
  await tPage.goto(`/t/${slug}`);
  await expect(tPage).toHaveURL(/\/sign-in/);

  // And signing back in works with the Unicode password exactly as typed.
  await tPage.getByLabel("Email").fill(inviteeEmail);
  await tPage.getByLabel("Password").fill(PASSWORD);
  await tPage.getByRole("button", { name: "Sign in" }).click();
  await expect(tPage).toHaveURL(new RegExp(`/t/${slug}$`));
  await owner.close();
  await teammate.close();
});

test("wrong password shows one message for known and unknown emails", async ({ page }) => {
  const email = uniqueEmail("known");
  await signUp(page, { name: "Kim Known", email });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  for (const who of [email, uniqueEmail("unknown")]) {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(who);
    await page.getByLabel("Password").fill(`${PASSWORD}-wrong`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
  }
});

test("repeated failures on one account are answered 429 with a clear message", async ({ page }) => {
  const email = uniqueEmail("target");
  await page.goto("/sign-in");
  const statuses: number[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/api/auth/callback/credentials")) statuses.push(r.status());
  });
  for (let i = 0; i < 11; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-password-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await expect(page.locator("main").getByRole("alert")).toContainText("Too many failed sign-in attempts. Try again in 15 minutes");
  expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
  expect(statuses[10]).toBe(429);
});
