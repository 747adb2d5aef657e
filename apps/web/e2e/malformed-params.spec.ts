import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";
import { fillRoute, TEAM_API_ROUTES, TEAM_ROUTES } from "./team-routes";

// A path segment that is not valid percent-encoding (%ff), or that decodes to a control character
// (%00), names nothing: every dynamic route answers 404, pages with the not-found page and API
// routes with the JSON error, never a 500.
const BAD = ["%ff", "%00", "%E0%A4%A"];

test("malformed path segments are a 404 on every dynamic page and API route", async ({ page }) => {
  const slug = await signUp(page, { name: "Mal Formed", email: uniqueEmail("malformed") });
  const ok = { slug, accountId: "a", importId: "i", icpId: "p", connectionId: "c", exportId: "x", itemId: "r" };
  const paths: Array<{ method: "GET" | "POST"; path: string; api: boolean }> = [];
  for (const bad of BAD) {
    const ids = { slug: bad, accountId: bad, importId: bad, icpId: bad, connectionId: bad, exportId: bad, itemId: bad };
    for (const r of TEAM_ROUTES) {
      paths.push({ method: "GET", path: fillRoute(r, ids), api: false });
      if (r.includes("Id]")) paths.push({ method: "GET", path: fillRoute(r, { ...ids, slug }), api: false });
    }
    for (const r of TEAM_API_ROUTES) {
      paths.push({ method: r.method, path: fillRoute(r.path, ids), api: true });
      if (r.path.includes("Id]")) paths.push({ method: r.method, path: fillRoute(r.path, { ...ids, slug }), api: true });
    }
    paths.push({ method: "GET", path: `/invite/${bad}`, api: false }, { method: "GET", path: `/reset-password/${bad}`, api: false });
  }
  expect(fillRoute(TEAM_ROUTES[0], ok)).toBe(`/t/${slug}`);
  const failures: string[] = [];
  for (const { method, path, api } of paths) {
    const res = method === "GET" ? await page.request.get(path, { maxRedirects: 0 }) : await page.request.post(path, { data: {}, maxRedirects: 0 });
    const body = await res.text();
    const shapeOk = api ? body.includes('"NOT_FOUND"') : true;
    if (res.status() !== 404 || !shapeOk) failures.push(`${method} ${path} → ${res.status()} ${body.slice(0, 80)}`);
  }
  expect(failures).toEqual([]);
});
