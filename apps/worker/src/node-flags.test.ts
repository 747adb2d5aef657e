import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import flags from "../node-flags.json";

// The worker's heap flags are stated once (node-flags.json) and used by npm start, Playwright and
// the bench; package.json's start script cannot read JSON, so it must spell the same flags.
describe("worker node flags", () => {
  it("package.json's start script runs the bundle with node-flags.json", () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8")) as { scripts: { start: string } };
    expect(pkg.scripts.start).toBe(`node ${flags.join(" ")} dist/main.mjs`);
    expect(flags).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-old-space-size=\d+$/)]));
  });
});
