import { expect, test, type Page } from "@playwright/test";
import { E2E_SMTP_PORT } from "../playwright.config";
import { PASSWORD, signUp, uniqueEmail } from "./helpers";
import { withDb } from "./review-api-seed";
import { linkIn, startInbox } from "./smtp-inbox";

// Issue 12: a member's email settings, and unsubscribe links (RFC 8058). The links are signed with
// the server's AUTH_SECRET; this process signs its own with the same secret (playwright.config.ts)
// through core's unsubscribeToken, exactly as the worker does for an email.

const E2E_AUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret-e2e-secret";
type TCore = typeof import("@crm/core");
let core: TCore;
let inbox: Awaited<ReturnType<typeof startInbox>>;

test.use({ timezoneId: "America/New_York" });

test.beforeAll(async () => {
  inbox = await startInbox(E2E_SMTP_PORT);
  process.env.AUTH_SECRET = E2E_AUTH_SECRET;
  core = await import("@crm/core");
});
test.afterAll(async () => {
  await inbox.close();
});

async function idsOf(slug: string, email: string): Promise<{ teamId: string; userId: string }> {
  const r = await withDb((c) =>
    c.query<{ teamId: string; userId: string }>(`SELECT t.id AS "teamId", u.id AS "userId" FROM "Team" t, "User" u WHERE t.slug = $1 AND u.email = lower($2)`, [slug, email]),
  );
  return r.rows[0]!;
}

async function openSettings(page: Page, slug: string) {
  await page.goto(`/t/${slug}/settings/members`);
  await page.getByRole("navigation", { name: "Team settings" }).getByRole("link", { name: "Notifications" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notification settings" })).toBeVisible();
}

test("a member changes their email settings and they persist", async ({ page }) => {
  const slug = await signUp(page, { name: "Nora Settings", email: uniqueEmail("nora") });
  await openSettings(page, slug);
  // No zone chosen yet: the field shows the zone emails use now (UTC: no LinkedIn account), and the
  // browser's is offered. Saving something else leaves the zone alone.
  const zone = page.getByLabel("Your time zone");
  await expect(zone).toHaveValue("UTC");
  await expect(page.getByText("You have not chosen a zone yet, so emails use UTC")).toBeVisible();
  await expect(page.getByRole("button", { name: "Use my browser’s zone (America/New York)" })).toBeVisible();
  await page.getByLabel("Send a short note in a quiet week").check();
  await page.getByRole("button", { name: "Save email settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved your email settings." })).toBeVisible();
  await page.reload();
  await expect(zone).toHaveValue("UTC");
  await expect(page.getByText("You have not chosen a zone yet")).toBeVisible();
  await page.getByLabel("Send a short note in a quiet week").uncheck();
  await expect(page.getByLabel("Mentions")).toHaveValue("instant");
  await expect(page.getByLabel("Job changes")).toHaveValue("off");

  await page.getByLabel("Day", { exact: true }).selectOption({ label: "Friday" });
  await page.getByLabel("Time", { exact: true }).selectOption({ label: "17:00" });
  await page.getByLabel("Your time zone").selectOption("Europe/Berlin");
  await page.getByLabel("Send a short note in a quiet week").check();
  await page.getByLabel("Mentions").selectOption({ label: "Off" });
  await page.getByLabel("Job changes").selectOption({ label: "In a daily summary" });
  await page.getByRole("button", { name: "Save email settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved your email settings." })).toBeVisible();
  // The note follows what is saved: a zone is chosen now.
  await expect(page.getByText("You have not chosen a zone yet")).toHaveCount(0);

  await page.reload();
  await expect(page.getByLabel("Day", { exact: true })).toHaveValue("5");
  await expect(page.getByLabel("Time", { exact: true })).toHaveValue("17");
  await expect(page.getByLabel("Your time zone")).toHaveValue("Europe/Berlin");
  await expect(page.getByLabel("Send a short note in a quiet week")).toBeChecked();
  await expect(page.getByLabel("Mentions")).toHaveValue("off");
  await expect(page.getByLabel("Job changes")).toHaveValue("daily");

  // A zone is chosen now, so the browser's is offered as a one-click switch.
  await page.getByRole("button", { name: "Use my browser’s zone (America/New York)" }).click();
  await expect(page.getByLabel("Your time zone")).toHaveValue("America/New_York");
});

test("one-click unsubscribe: a cookieless cross-site POST, no redirect, idempotent; a GET changes nothing", async ({ page, playwright, baseURL }) => {
  const email = uniqueEmail("olga");
  const slug = await signUp(page, { name: "Olga Oneclick", email });
  const token = core.unsubscribeToken({ ...(await idsOf(slug, email)), topic: "mention" });
  const mailClient = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: "https://mail.example", "Sec-Fetch-Site": "cross-site" } });
  try {
    const get = await mailClient.get(`/api/unsubscribe/${token}`, { maxRedirects: 0 });
    expect(get.status()).toBe(303);
    expect(get.headers().location).toBe(`/unsubscribe/${token}`);
    await openSettings(page, slug);
    await expect(page.getByLabel("Mentions")).toHaveValue("instant");

    const post = () =>
      mailClient.post(`/api/unsubscribe/${token}`, { form: { "List-Unsubscribe": "One-Click" }, maxRedirects: 0 });
    const first = await post();
    expect(first.status()).toBe(200);
    expect(first.headers()["set-cookie"]).toBeUndefined();
    expect(await first.json()).toMatchObject({ ok: true, already: false, topic: "mention" });
    const again = await post();
    expect(again.status()).toBe(200);
    expect(await again.json()).toMatchObject({ ok: true, already: true });
    // An empty body is accepted too; a forged token is not.
    expect((await mailClient.post(`/api/unsubscribe/${token}`, { maxRedirects: 0 })).status()).toBe(200);
    expect((await mailClient.post(`/api/unsubscribe/${token.slice(0, -2)}xx`, { maxRedirects: 0 })).status()).toBe(404);

    await page.reload();
    await expect(page.getByLabel("Mentions")).toHaveValue("off");
    await expect(page.getByLabel("Email me a weekly digest")).toBeChecked();
  } finally {
    await mailClient.dispose();
  }
});

test("the digest's unsubscribe link, opened without a session, turns the digest off", async ({ page, browser }) => {
  const email = uniqueEmail("dora");
  const slug = await signUp(page, { name: "Dora Digest", email });
  await openSettings(page, slug);
  await page.getByRole("button", { name: "Send me this week’s digest now" }).click();
  await expect(page.getByRole("region", { name: "Try it" }).getByRole("status")).toHaveText(/\S/, { timeout: 30_000 });
  // Sign-up sent this address an email too: wait for the one with an unsubscribe link.
  await expect.poll(() => inbox.mails.some((m) => m.to === email.toLowerCase() && m.text.includes("/unsubscribe/")), { timeout: 30_000 }).toBe(true);
  const mail = inbox.mails.find((m) => m.to === email.toLowerCase() && m.text.includes("/unsubscribe/"))!;
  const link = linkIn(mail.text, "/unsubscribe/");

  const anonymous = await browser.newContext();
  try {
    const stranger = await anonymous.newPage();
    await stranger.goto(new URL(link).pathname);
    await expect(stranger.getByText(/Stop the weekly digest from/)).toBeVisible();
    await stranger.getByRole("button", { name: "Unsubscribe" }).click();
    await expect(stranger.getByText(/Unsubscribed: you will get no more weekly digests from/)).toBeVisible();
    await expect(stranger.getByRole("link", { name: /Turn it back on/ })).toHaveAttribute("href", `/t/${slug}/settings/notifications`);
    // Opening the link again says so, and changes nothing more.
    await stranger.reload();
    await expect(stranger.getByText(/already unsubscribed from the weekly digest/)).toBeVisible();
  } finally {
    await anonymous.close();
  }
  await page.reload();
  await expect(page.getByLabel("Email me a weekly digest")).not.toBeChecked();
  await expect(page.getByLabel("Mentions")).toHaveValue("instant");
});

test("an unsubscribe link that is not valid says so", async ({ page }) => {
  await page.goto("/unsubscribe/not-a-real-token.abc");
  // (Next's route announcer is an empty alert too.)
  await expect(page.getByRole("alert").filter({ hasText: "This unsubscribe link is not valid" })).toBeVisible();
});

test("a signed-out visitor from an email link returns to that very page after signing in", async ({ browser, page }) => {
  const email = uniqueEmail("return");
  const slug = await signUp(page, { name: "Rita Return", email });
  const target = `/t/${slug}/reminders?view=upcoming`;
  const fresh = await browser.newContext();
  // A planted header cannot send anyone elsewhere: the proxy sets it on every team page request.
  const planted = await fresh.request.get(`/t/${slug}/connections`, { headers: { "x-crm-return-path": "//evil.example/" }, maxRedirects: 0 });
  expect(planted.status()).toBeGreaterThanOrEqual(300);
  expect(planted.headers()["location"] ?? "").toContain(`callbackUrl=${encodeURIComponent(`/t/${slug}/connections`)}`);
  const visitor = await fresh.newPage();
  await visitor.goto(target);
  await expect(visitor).toHaveURL(/\/sign-in\?/);
  expect(new URL(visitor.url()).searchParams.get("callbackUrl")).toBe(target);
  await visitor.getByLabel("Email").fill(email);
  await visitor.getByLabel("Password").fill(PASSWORD);
  await visitor.getByRole("button", { name: "Sign in" }).click();
  await expect(visitor).toHaveURL(new RegExp(`${target.replace("?", "\\?")}$`));
  await fresh.close();
});
