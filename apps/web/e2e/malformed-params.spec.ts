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
  const paths: Array<{ method: "GET" | "POST" | "PATCH" | "PUT"; path: string; api: boolean }> = [];
  const hasId = (route: string) => /\[(\w*Id|id)\]/.test(route);
  for (const bad of BAD) {
    const ids = { slug: bad, accountId: bad, importId: bad, icpId: bad, connectionId: bad, exportId: bad, itemId: bad };
    for (const r of TEAM_ROUTES) {
      paths.push({ method: "GET", path: fillRoute(r, ids), api: false });
      if (hasId(r)) paths.push({ method: "GET", path: fillRoute(r, { ...ids, slug }), api: false });
    }
    for (const r of TEAM_API_ROUTES) {
      paths.push({ method: r.method, path: fillRoute(r.path, ids), api: true });
      if (hasId(r.path)) paths.push({ method: r.method, path: fillRoute(r.path, { ...ids, slug }), api: true });
    }
    paths.push({ method: "GET", path: `/invite/${bad}`, api: false }, { method: "GET", path: `/reset-password/${bad}`, api: false });
    paths.push({ method: "GET", path: `/unsubscribe/${bad}`, api: false }, { method: "POST", path: `/api/unsubscribe/${bad}`, api: true });
  }
  expect(fillRoute(TEAM_ROUTES[0], ok)).toBe(`/t/${slug}`);
  const failures: string[] = [];
  for (const { method, path, api } of paths) {
    const res = await page.request.fetch(path, { method, maxRedirects: 0, ...(method === "GET" ? {} : { data: {} }) });
    const body = await res.text();
    const shapeOk = api ? body.includes('"NOT_FOUND"') : true;
    if (res.status() !== 404 || !shapeOk) failures.push(`${method} ${path} → ${res.status()} ${body.slice(0, 80)}`);
  }
  expect(failures).toEqual([]);
});
