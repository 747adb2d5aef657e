import { describe, expect, it } from "vitest";
import { emptyIcpDefinition } from "./definition";
import { FLAG_CODES } from "./flags";
import { previewIcp } from "./preview";
import { compileIcp } from "./score";
import { conn, generateConnections, HEAVY_ICP, icp, NOW } from "./test-fixtures";

describe("previewIcp", () => {
  const def = icp({ functions: { values: ["sales"] }, seniorities: { values: ["vp"], weight: "nice" } });
  const people = [
    conn({ id: "b", function: "sales", seniority: "vp" }), // 100
    conn({ id: "a", function: "sales", seniority: "vp" }), // 100
    conn({ id: "c", function: "sales", seniority: "ic" }), // 67
    conn({ id: "d", function: "design", seniority: "vp" }), // 33
    conn({ id: "e", function: "design", seniority: "ic" }), // 0
    conn({ id: "f", function: "sales", seniority: "manager", endorsedMe: true }), // 67
  ];

  it("counts bands and keeps the top samples, score desc then id asc", () => {
    const p = previewIcp(people, def, NOW);
    expect(p).toMatchObject({ total: 6, strong: 2, partial: 2, none: 2 });
    expect(p.samples.strong.map((s) => [s.id, s.score])).toEqual([["a", 100], ["b", 100]]);
    expect(p.samples.partial.map((s) => [s.id, s.score])).toEqual([["c", 67], ["f", 67]]);
    expect(p.samples.none.map((s) => [s.id, s.score])).toEqual([["d", 33], ["e", 0]]);
    expect(p.samples.strong[0]?.reasons).toEqual(compileIcp(def)(people[1]!, NOW).reasons);
    expect(p.flagCounts.endorser).toBe(1);
  });

  it("respects the sample size, including 0", () => {
    expect(previewIcp(people, def, NOW, { samples: 1 }).samples.strong.map((s) => s.id)).toEqual(["a"]);
    const none = previewIcp(people, def, NOW, { samples: 0 });
    expect(none.samples).toEqual({ strong: [], partial: [], none: [] });
    expect(none.total).toBe(6);
  });

  it("is independent of input order", () => {
    const net = generateConnections(2000, 7);
    const a = previewIcp(net, icp(HEAVY_ICP), NOW, { samples: 7 });
    const b = previewIcp([...net].reverse(), icp(HEAVY_ICP), NOW, { samples: 7 });
    expect(b).toEqual(a);
    expect(a.strong + a.partial + a.none).toBe(2000);
    const score = compileIcp(icp(HEAVY_ICP));
    const scored = net.map((c) => ({ id: c.id, s: score(c, NOW) }));
    for (const band of ["strong", "partial", "none"] as const) {
      const all = scored.filter((x) => x.s.band === band);
      const expected = all.sort((x, y) => y.s.score - x.s.score || (x.id < y.id ? -1 : 1)).slice(0, 7).map((x) => x.id);
      expect(a.samples[band].map((s) => s.id)).toEqual(expected);
    }
    expect(Object.keys(a.flagCounts)).toEqual([...FLAG_CODES]);
  });

  it("empty network and empty ICP", () => {
    expect(previewIcp([], def, NOW)).toMatchObject({ total: 0, strong: 0, partial: 0, none: 0 });
    const p = previewIcp(people, emptyIcpDefinition(), NOW);
    expect(p).toMatchObject({ total: 6, strong: 0, partial: 0, none: 6 });
    expect(p.samples.none[0]?.reasons).toEqual([{ criterion: "noCriteria", points: 0, text: "no criteria yet" }]);
  });

  // Issue 16 item 13: the preview says which titles each keyword found, so a user sees what
  // "VP Sales" means in their network.
  it("lists the titles each keyword matched, most frequent first", () => {
    const titled = ["VP of Sales", "Vice President, Sales", "VP of Sales", "Sales Associate to the VP", "CTO", "Chief Technology Officer", null].map((position, i) =>
      conn({ id: `t${i}`, position }),
    );
    const p = previewIcp(titled, icp({ titleKeywords: { values: ["VP Sales", "CTO", "Head of Growth"] } }), NOW);
    expect(p.titleMatches).toEqual([
      { keyword: "VP Sales", count: 3, titles: [{ title: "VP of Sales", count: 2 }, { title: "Vice President, Sales", count: 1 }] },
      { keyword: "CTO", count: 2, titles: [{ title: "CTO", count: 1 }, { title: "Chief Technology Officer", count: 1 }] },
      { keyword: "Head of Growth", count: 0, titles: [] },
    ]);
    expect(previewIcp(titled, icp({}), NOW).titleMatches).toEqual([]);
  });
});
