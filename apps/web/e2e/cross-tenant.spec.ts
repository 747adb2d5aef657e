import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";
import { TEAM_ROUTES } from "./team-routes";

// The cross-tenant harness: a member of team B asks for every team-scoped route with team A's
// identifiers and must get the same 404 as for something that does not exist, with nothing of A
// in the page. New team-scoped routes must be added to TEAM_ROUTES (a unit test checks that).
test("a member of team B gets 404 for every team A route, and nothing of A leaks", async ({ browser }) => {
  const a = await browser.newContext();
  const aPage = await a.newPage();
  const secretName = `Secret Team ${Date.now()}`;
  const slugA = await signUp(aPage, { name: "Alice A", email: uniqueEmail("alice"), teamName: secretName });

  const b = await browser.newContext();
  const bPage = await b.newPage();
  await signUp(bPage, { name: "Bob B", email: uniqueEmail("bob") });

  for (const route of TEAM_ROUTES) {
    const path = route.replace("[slug]", slugA);
    const res = await bPage.goto(path);
    expect(res?.status(), path).toBe(404);
    const html = await bPage.content();
    expect(html, path).not.toContain(secretName);
    expect(html, path).not.toContain("Alice A");
  }
  // Same answer as a team that does not exist.
  const res = await bPage.goto("/t/no-such-team-000000");
  expect(res?.status()).toBe(404);
  await a.close();
  await b.close();
});
