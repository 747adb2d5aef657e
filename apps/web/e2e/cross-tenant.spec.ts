import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { addLinkedInAccount, createIcp, exportTeamData, signUp, uniqueEmail } from "./helpers";
import { fillRoute, TEAM_API_ROUTES, TEAM_ROUTES } from "./team-routes";

// The cross-tenant harness: a member of team B asks for every team-scoped page and API route with
// team A's real identifiers (team, account, import, ICP, connection, export, review item) and must get the same 404 as
// for something that does not exist, with nothing of A in the answer. New routes must be added to
// e2e/team-routes.ts (a unit test checks that).
test("a member of team B gets 404 for every team A route, and nothing of A leaks", async ({ browser }) => {
  // Dozens of routes, plus waiting for the worker's import and queue build.
  test.setTimeout(180_000);
  const a = await browser.newContext();
  const aPage = await a.newPage();
  const secretName = `Secret Team ${Date.now()}`;
  const secretLabel = `Secret Network ${Date.now()}`;
  const slugA = await signUp(aPage, { name: "Alice A", email: uniqueEmail("alice"), teamName: secretName });
  const accountId = await addLinkedInAccount(aPage, slugA, secretLabel);
  const csv = await readFile(join(import.meta.dirname, "fixtures", "Connections.csv"));
  const up = await aPage.request.post(`/api/uploads/${slugA}/${accountId}`, {
    data: csv,
    headers: { "Content-Type": "application/octet-stream", "X-File-Name": "Connections.csv" },
  });
  expect(up.status()).toBe(202);
  const { importId } = (await up.json()) as { importId: string };
  const secretIcp = `Secret ICP ${Date.now()}`;
  const icpId = await createIcp(aPage, slugA, secretIcp, "Secret Keyword");
  // One of A's connections (the import runs in the worker: wait until the list API shows it).
  let person: { id: string; lastName: string } | undefined;
  await expect
    .poll(async () => {
      const res = await aPage.request.get(`/api/t/${slugA}/connections`);
      person = ((await res.json()) as { rows?: Array<{ id: string; lastName: string }> }).rows?.[0];
      return person?.id ?? null;
    }, { timeout: 30_000 })
    .not.toBeNull();
  const exportId = await exportTeamData(aPage, slugA);
  // One of A's review items: the ICP fits nobody, so the queue build (in the worker) proposes them.
  let itemId: string | null = null;
  await expect
    .poll(async () => {
      for (const view of ["waiting_for_owner", "needs_my_vote"]) {
        const res = await aPage.request.post(`/api/t/${slugA}/review/claim`, { data: { view } });
        itemId ??= ((await res.json()) as { card?: { id: string } | null }).card?.id ?? null;
      }
      return itemId;
    }, { timeout: 30_000 })
    .not.toBeNull();
  await aPage.request.post(`/api/t/${slugA}/review/items/${itemId}/release`);
  const ids = { slug: slugA, accountId, importId, icpId, connectionId: person!.id, exportId, itemId: itemId! };

  const b = await browser.newContext();
  const bPage = await b.newPage();
  const slugB = await signUp(bPage, { name: "Bob B", email: uniqueEmail("bob") });
  const leaks = (text: string) => [secretName, secretLabel, secretIcp, "Secret Keyword", "Alice A", "Connections.csv", person!.lastName].filter((s) => text.includes(s));

  for (const route of TEAM_ROUTES) {
    const path = fillRoute(route, ids);
    const res = await bPage.goto(path);
    expect(res?.status(), path).toBe(404);
    expect(leaks(await bPage.content()), path).toEqual([]);
  }

  for (const route of TEAM_API_ROUTES) {
    const path = fillRoute(route.path, ids);
    const res = route.body === null
      ? await bPage.request.fetch(path, { method: route.method })
      : route.body === "json"
        ? await bPage.request.fetch(path, { method: route.method, data: { definition: { titleKeywords: { values: ["CEO"], weight: "important" } } } })
        : await bPage.request.fetch(path, { method: route.method, data: csv, headers: { "Content-Type": "application/octet-stream", "X-File-Name": "Connections.csv" } });
    expect(res.status(), `${route.method} ${path}`).toBe(404);
    expect(leaks(await res.text()), path).toEqual([]);
  }
  // B's own team slug with A's account id: still 404, and still nothing created.
  const intoOwnTeam = await bPage.request.post(`/api/uploads/${slugB}/${accountId}`, { data: csv, headers: { "Content-Type": "application/octet-stream" } });
  expect(intoOwnTeam.status()).toBe(404);
  // Same answer as a team that does not exist.
  const res = await bPage.goto("/t/no-such-team-000000");
  expect(res?.status()).toBe(404);

  // A's account still has exactly the one import A made.
  await aPage.goto(`/t/${slugA}/accounts/${accountId}`);
  await expect(aPage.getByTestId("import-row")).toHaveCount(1);
  await a.close();
  await b.close();
});
