import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { TEAM_ROUTES } from "../../e2e/team-routes";

// Keeps the cross-tenant harness honest: every page under /t/[slug] must be listed in
// e2e/team-routes.ts so the Playwright spec requests it as a member of another team.
function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return pages(p);
    return name === "page.tsx" || name === "route.ts" ? [p] : [];
  });
}

describe("cross-tenant route list", () => {
  it("covers every team-scoped page and route", () => {
    const appDir = join(import.meta.dirname, "..", "app");
    const found = pages(join(appDir, "t", "[slug]")).map((p) => `/${relative(appDir, p).replace(/\/(page\.tsx|route\.ts)$/, "")}`);
    expect(found.length).toBeGreaterThan(0);
    expect([...found].sort()).toEqual([...TEAM_ROUTES].sort());
  });
});
