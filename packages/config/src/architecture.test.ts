import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// The dependency direction, enforced: apps → core/jobs/email → db/config; importer is pure (no
// other package); ui imports no db/core;
// no package imports an app; nothing in apps/web imports Prisma directly.
const root = join(import.meta.dirname, "..", "..", "..");
const ALLOWED: Record<string, string[]> = {
  config: [],
  db: ["config"],
  jobs: ["config"],
  email: ["config", "db", "jobs"],
  importer: [],
  scoring: [],
  core: ["config", "db", "email", "jobs", "importer", "scoring"],
  ui: [],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (n === "node_modules" || n === "generated" || n === ".next") return [];
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(n) ? [p] : [];
  });
}

const imports = (file: string) => [...readFileSync(file, "utf8").matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1]!);

describe("dependency direction", () => {
  for (const [pkg, allowed] of Object.entries(ALLOWED)) {
    it(`packages/${pkg} imports only ${allowed.join(", ") || "no other package"}`, () => {
      const bad = files(join(root, "packages", pkg, "src")).flatMap((f) =>
        imports(f)
          .filter((i) => i.startsWith("@crm/"))
          .map((i) => i.slice(5).split("/")[0]!)
          .filter((dep) => dep !== pkg && !allowed.includes(dep))
          .map((dep) => `${f.slice(root.length)} → @crm/${dep}`),
      );
      expect(bad).toEqual([]);
    });
  }
  it("apps/web never imports Prisma or the generated client", () => {
    const bad = files(join(root, "apps", "web", "src")).filter((f) => imports(f).some((i) => i.includes("prisma") || i.includes("generated")));
    expect(bad).toEqual([]);
  });
});
