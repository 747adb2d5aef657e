import { expect, test } from "@playwright/test";
import { addLinkedInAccount, signUp, uniqueEmail } from "./helpers";
import { withDb } from "./review-api-seed";
import { teamIdOf } from "./team-sql";

// A smoke test of the invitations page (issue 17): banner, tabs, filters, sorting, the incoming
// tab's guided link and "I accepted", the account page's link and Today's tile. Rows are written
// straight into the database (the import that fills them is tested on its own).

test.describe.configure({ timeout: 120_000 });

test("the owner reviews invitations: banner over the guideline, filters, incoming answer", async ({ page }) => {
  const slug = await signUp(page, { name: "Ivo Inviter", email: uniqueEmail("inv-page"), teamName: `Invites ${Date.now()}` });
  const accountId = await addLinkedInAccount(page, slug, "Ivo’s LinkedIn");
  const teamId = await teamIdOf(slug);
  await withDb(async (c) => {
    await c.query(
      `INSERT INTO "PendingInvitation" (id, "teamId", "accountId", "importId", direction, name, "personKey", "sentAt", message)
       SELECT gen_random_uuid()::text, $1, $2, 'seed', 'OUTGOING', 'Person ' || lpad(g::text, 3, '0'), 'name:p' || g, now() - (g || ' days')::interval,
              CASE WHEN g % 2 = 0 THEN 'Hello' END
         FROM generate_series(1, 205) g`,
      [teamId, accountId],
    );
    await c.query(
      `INSERT INTO "PendingInvitation" (id, "teamId", "accountId", "importId", direction, name, "personKey", "sentAt", message, "profileUrl")
       VALUES (gen_random_uuid()::text, $1, $2, 'seed', 'INCOMING', 'Wanda Welcome', 'li:wanda', now() - interval '2 days', 'Hi, I lead sales at Acme', 'https://www.linkedin.com/in/wanda')`,
      [teamId, accountId],
    );
    // Today shows its tiles once the team has a connection.
    await c.query(
      `INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "firstName", "lastName") VALUES (gen_random_uuid()::text, $1, $2, 'li:conny', 'conny|c', 'Conny', 'C')`,
      [teamId, accountId],
    );
  });

  await page.goto(`/t/${slug}/accounts/${accountId}`);
  await page.getByRole("link", { name: "Open the invitations page" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Invitations of Ivo’s LinkedIn" })).toBeVisible();
  await expect(page.getByTestId("invitations-banner")).toContainText("205 open invitations: LinkedIn users advise keeping under 200");
  await expect(page.getByRole("link", { name: "Outgoing (205)" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("invitation-row").first()).toContainText("Person 205");
  await expect(page.getByRole("link", { name: "Withdraw proposals in the review queue" })).toHaveAttribute("href", `/t/${slug}/queue?account=${accountId}&kind=withdraw_invitation`);
  await expect(page.getByRole("link", { name: /Withdraw approved invitations/ })).toHaveAttribute("href", `/t/${slug}/removals/${accountId}?lane=withdrawals`);

  await page.getByLabel("Message").selectOption("with");
  await page.getByLabel("Sent").selectOption("180");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/age=180/);
  await expect(page.getByTestId("invitations-count")).toHaveText("Showing 1–13 of 13.");
  await page.getByRole("link", { name: /^Person \(sort by this column\)/ }).click();
  await expect(page.getByTestId("invitation-row").first()).toContainText("Person 180");

  await page.getByRole("link", { name: "Incoming (1)" }).click();
  const row = page.getByTestId("invitation-row").filter({ hasText: "Wanda Welcome" });
  await expect(row.getByRole("link", { name: /^Wanda Welcome/ })).toHaveAttribute("rel", "noopener noreferrer");
  await expect(row.getByRole("link", { name: /Open received invitations/ })).toHaveAttribute("href", "https://www.linkedin.com/mynetwork/invitation-manager/");
  await expect(row).toContainText("Hi, I lead sales at Acme");
  await row.getByRole("button", { name: "I accepted Wanda Welcome’s invitation" }).click();
  await expect(row.getByTestId("invitation-response-state")).toHaveText("You said accepted; waiting for your next export");

  await page.goto(`/t/${slug}`);
  await expect(page.getByTestId("today-invitations")).toContainText("205 open");
});
