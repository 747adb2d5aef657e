import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_FILTER, parseFilter } from "@crm/core";
import { canonicalFilter } from "@crm/core/connections/filter/canonical";
import type { TConnectionFilter } from "@crm/core/connections/filter/types";
import { filterQuery } from "./filter-url";

const root = resolve(import.meta.dirname, "../../../../..");

/** Every module a browser bundle reaches from `file`, following runtime (not type-only) imports. */
function runtimeImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = readFileSync(file, "utf8");
  for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gm)) {
    const spec = m[1]!;
    if (spec.startsWith(".")) runtimeImports(join(dirname(file), `${spec}.ts`), seen);
    else if (spec === "@crm/scoring/types") runtimeImports(join(root, "packages/scoring/src/types.ts"), seen);
    else seen.add(spec);
  }
  return seen;
}

describe("filterQuery", () => {
  it("ships only the filter's constants to the browser: no zod, no scoring rules", () => {
    const reached = [...runtimeImports(join(root, "apps/web/src/features/connections/filter-url.ts"))].map((f) => f.replace(`${root}/`, ""));
    expect(reached.sort()).toEqual([
      "@crm/core/connections/filter/canonical",
      "@crm/core/connections/filter/serialize",
      "apps/web/src/features/connections/filter-url.ts",
    ]);
    const core = [...runtimeImports(join(root, "packages/core/src/connections/filter/serialize.ts"))].map((f) => f.replace(`${root}/`, ""));
    expect(core.sort()).toEqual([
      "packages/core/src/connections/filter/canonical.ts",
      "packages/core/src/connections/filter/serialize.ts",
      "packages/core/src/connections/filter/types.ts",
      "packages/scoring/src/types.ts",
    ]);
  });

  it("writes a canonical link for a filter changed in the browser (ids appended, text untrimmed)", () => {
    const base = parseFilter("tag=t5&seniority=owner,vp").filter;
    const changed: TConnectionFilter = { ...base, tags: [...(base.tags ?? []), "t1", "t5"], q: "  ada  lovelace ", company: " " };
    expect(filterQuery(changed)).toBe("q=ada+lovelace&tag=t1%2Ct5&seniority=owner%2Cvp");
    expect(parseFilter(filterQuery(changed)).filter).toEqual(canonicalFilter(changed));
    expect(filterQuery(DEFAULT_FILTER)).toBe("");
  });
});
