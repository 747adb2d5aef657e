import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { fillRoute, TEAM_API_ROUTES, TEAM_ROUTES } from "../../e2e/team-routes";

// Keeps the cross-tenant harness honest: every page under /t/[slug], and every API route with a
// team slug in its path, must be listed in e2e/team-routes.ts so the Playwright spec requests it
// as a member of another team.
const appDir = join(import.meta.dirname, "..", "app");

function files(dir: string, name: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return files(p, name);
    return n === name ? [p] : [];
  });
}
const routeOf = (file: string) => `/${relative(appDir, file).replace(/\/(page\.tsx|route\.ts)$/, "")}`;

describe("cross-tenant route list", () => {
  it("covers every team-scoped page and route", () => {
    const teamDir = join(appDir, "t", "[slug]");
    const found = [...files(teamDir, "page.tsx"), ...files(teamDir, "route.ts")].map(routeOf);
    expect(found.length).toBeGreaterThan(0);
    expect([...found].sort()).toEqual([...TEAM_ROUTES].sort());
  });

  it("covers every API route that takes a team slug", () => {
    const found = files(join(appDir, "api"), "route.ts").map(routeOf).filter((r) => r.includes("[slug]"));
    expect(found.length).toBeGreaterThan(0);
    expect([...found].sort()).toEqual(TEAM_API_ROUTES.map((r) => r.path).sort());
  });

  it("fills every placeholder it knows", () => {
    for (const r of [...TEAM_ROUTES, ...TEAM_API_ROUTES.map((x) => x.path)]) {
      expect(fillRoute(r, { slug: "s", accountId: "a", importId: "i", icpId: "p", connectionId: "c", exportId: "x", itemId: "r" })).not.toMatch(/\[|\]/);
    }
  });
});
