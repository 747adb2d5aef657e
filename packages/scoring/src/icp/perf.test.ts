import { describe, expect, it } from "vitest";
import { previewIcp } from "./preview";
import { compileIcp } from "./score";
import { generateConnections, HEAVY_ICP, icp, NOW } from "./test-fixtures";

// Budget: well under 300 ms for 30,000 connections on a slow 2-core machine; the assertion is
// loose (1,500 ms) so a busy CI box does not flake. The asserted timing is the cold one (first run
// in the process, JIT not warmed up); a second, warm run is printed for reference.
const N = 30_000;
const BUDGET_MS = 1500;

describe("performance", () => {
  const network = generateConnections(N);
  const def = icp(HEAVY_ICP);

  it(`scores ${N} connections (compile included) within ${BUDGET_MS} ms`, () => {
    const t0 = performance.now();
    const score = compileIcp(def);
    let strong = 0;
    for (const c of network) if (score(c, NOW).band === "strong") strong++;
    const ms = performance.now() - t0;
    const t1 = performance.now();
    const again = compileIcp(def);
    for (const c of network) again(c, NOW);
    const warm = performance.now() - t1;
    console.log(`[icp perf] scored ${N} connections in ${ms.toFixed(1)} ms cold, ${warm.toFixed(1)} ms warm (${strong} strong)`);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it(`previews ${N} connections within ${BUDGET_MS} ms`, () => {
    const t0 = performance.now();
    const p = previewIcp(network, def, NOW, { samples: 5 });
    const ms = performance.now() - t0;
    console.log(`[icp perf] previewed ${N} connections in ${ms.toFixed(1)} ms (strong ${p.strong}, partial ${p.partial}, none ${p.none})`);
    expect(p.total).toBe(N);
    expect(p.strong + p.partial + p.none).toBe(N);
    expect(ms).toBeLessThan(BUDGET_MS);
  });
});
