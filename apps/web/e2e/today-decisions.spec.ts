import { expect, test, type Page } from "@playwright/test";
import { addLinkedInAccount, signUp, uniqueEmail } from "./helpers";
import { addAccountFor, addMembership, seedOpenItems, voteAs } from "./team-sql";

// Today's "Need my vote" and "Need my decision" are exactly what their links list: each number is
// the count on the queue tab the link opens. An owner of some of the team's accounts gets one link
// per account; the owner of one account, one link.

const tile = (page: Page, label: string) => page.getByRole("main").getByTestId("today-waiting").filter({ hasText: label });
const people = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ first: prefix, last: `Person${i + 1}` }));

test("Today's waiting numbers equal the queue views they open, per account I decide for", async ({ browser }) => {
  test.setTimeout(90_000);
  const olga = await browser.newContext();
  const oPage = await olga.newPage();
  const olgaEmail = uniqueEmail("olga");
  const slug = await signUp(oPage, { name: "Olga Owner", email: olgaEmail, teamName: "Decide Team" });
  const work = await addLinkedInAccount(oPage, slug, "Work");
  const side = await addLinkedInAccount(oPage, slug, "Side");
  const max = await browser.newContext();
  const mPage = await max.newPage();
  const maxEmail = uniqueEmail("max");
  await signUp(mPage, { name: "Max Member", email: maxEmail });
  await addMembership(slug, maxEmail, "MEMBER");
  const maxs = await addAccountFor(slug, maxEmail, "Max’s LinkedIn");
  const w = await seedOpenItems(slug, work, people("Wanda", 3));
  const s = await seedOpenItems(slug, side, people("Sid", 2));
  const m = await seedOpenItems(slug, maxs, people("Mo", 2));
  await voteAs(maxEmail, [w[0]!, w[1]!], "REMOVE");
  await voteAs(maxEmail, [s[0]!], "KEEP");
  await voteAs(olgaEmail, [m[0]!], "KEEP");

  // Olga decides for Work and Side (not Max's): one link each, and their sum.
  await oPage.goto(`/t/${slug}`);
  const decision = tile(oPage, "Need my decision");
  await expect(decision).toContainText(/Need my decision\s*3(?!\d)/);
  await expect(decision.getByTestId("today-decision-account")).toHaveText(["Side: 1", "Work: 2"]);
  await decision.getByRole("link", { name: "Work: 2" }).click();
  await expect(oPage).toHaveURL(new RegExp(`/t/${slug}/queue\\?account=${work}&view=waiting_for_owner$`));
  await expect(oPage.getByTestId("count-waiting_for_owner")).toHaveText("2");
  await oPage.goBack();
  await tile(oPage, "Need my decision").getByRole("link", { name: "Side: 1" }).click();
  await expect(oPage.getByTestId("count-waiting_for_owner")).toHaveText("1");

  // Need my vote: every open item Olga has not voted on (7 open, 1 voted), all accounts.
  await oPage.goto(`/t/${slug}`);
  await expect(tile(oPage, "Need my vote")).toContainText(/Need my vote\s*6(?!\d)/);
  await tile(oPage, "Need my vote").click();
  await expect(oPage.getByTestId("count-needs_my_vote")).toHaveText("6");

  // Max decides for his own account only: the tile is that account's link.
  await mPage.goto(`/t/${slug}`);
  const his = tile(mPage, "Need my decision");
  await expect(his).toContainText(/Need my decision\s*1(?!\d)/);
  await expect(his).toHaveAttribute("href", `/t/${slug}/queue?account=${maxs}&view=waiting_for_owner`);
  await his.click();
  await expect(mPage.getByTestId("count-waiting_for_owner")).toHaveText("1");

  await olga.close();
  await max.close();
});
