import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import flags from "../../node-flags.json";

// The web server's V8 flags are stated once (node-flags.json) and used by npm start, Playwright and
// the bench; package.json's start script cannot read JSON, so it must spell the same flags. A young
// generation of up to 32 MB (V8's default is 16) scavenges half as often: an API request cost the
// web process ~1 ms less CPU here (7.8 → 7.0 ms at limit=1; "engineer" 35 → 31 ms at p50).
describe("web node flags", () => {
  it("package.json's start script runs server.mjs with node-flags.json", () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as { scripts: { start: string } };
    expect(pkg.scripts.start).toBe(`node ${flags.join(" ")} server.mjs`);
    expect(flags).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-semi-space-size=\d+$/)]));
  });

  it("scripts/start.mjs starts server.mjs with them", () => {
    const start = readFileSync(join(import.meta.dirname, "..", "..", "..", "..", "scripts", "start.mjs"), "utf8");
    expect(start).toContain('"apps/web/node-flags.json"');
    expect(start).toContain('[...webFlags, "server.mjs"]');
  });
});
