import { describe, expect, it } from "vitest";
import type { TScoringConnection } from "../types";
import type { TIcpDefinitionInput, TWeight } from "./definition";
import { activeCriteria } from "./criteria";
import { allocatePoints, BAND_THRESHOLDS, bandForScore, compileIcp, MUST_CAP, scoreConnection } from "./score";
import { clamp, conn, icp, NOW, reasonSum } from "./test-fixtures";

const run = (def: TIcpDefinitionInput, c: Partial<TScoringConnection> = {}) => {
  const s = compileIcp(icp(def))(conn(c), NOW);
  expect(clamp(reasonSum(s))).toBe(s.score); // every point is explained, in every test
  expect(s.band).toBe(bandForScore(s.score));
  return s;
};
const texts = (def: TIcpDefinitionInput, c: Partial<TScoringConnection> = {}) => run(def, c).reasons.map((r) => r.text);

// Each criterion, alone with its weight: how to activate it, a connection that meets it, one that
// does not, and the reason texts for each case.
interface TCase {
  name: string;
  def: (w: TWeight) => TIcpDefinitionInput;
  hit: Partial<TScoringConnection>;
  miss: Partial<TScoringConnection>;
  hitText: string;
  missText: string;
  mustText: string;
}
const CRITERIA: TCase[] = [
  { name: "titleKeywords", def: (weight) => ({ titleKeywords: { values: ["VP Sales"], weight } }), hit: { position: "VP Sales EMEA" }, miss: { position: "Engineer" }, hitText: "title matches 'VP Sales'", missText: "title matches none of 'VP Sales'", mustText: "title matches 'VP Sales'" },
  { name: "seniorities", def: (weight) => ({ seniorities: { values: ["vp", "director"], weight } }), hit: { seniority: "vp" }, miss: { seniority: "manager" }, hitText: "seniority: VP", missText: "seniority: Manager (wanted VP or Director)", mustText: "seniority is VP or Director" },
  { name: "functions", def: (weight) => ({ functions: { values: ["sales"], weight } }), hit: { function: "sales" }, miss: { function: "engineering" }, hitText: "function: Sales", missText: "function: Engineering (wanted Sales)", mustText: "function is Sales" },
  { name: "companies", def: (weight) => ({ companies: { values: ["Acme"], weight } }), hit: { company: "ACME Corporation GmbH" }, miss: { company: "Initech" }, hitText: "company matches 'Acme'", missText: "company matches none of 'Acme'", mustText: "company matches 'Acme'" },
  { name: "emailDomains", def: (weight) => ({ emailDomains: { values: ["acme.com"], weight } }), hit: { email: "jane@eu.acme.com" }, miss: { email: "jane@gmail.com" }, hitText: "email at acme.com", missText: "email not at acme.com", mustText: "email at acme.com" },
  { name: "connectionAge", def: (weight) => ({ connectionAge: { minMonths: 12, maxMonths: 36, weight } }), hit: { connectedOn: "2023-06-15" }, miss: { connectedOn: "2025-01-01" }, hitText: "connected 24 months ago (12–36 months)", missText: "connected 5 months ago (wanted 12–36 months)", mustText: "connected 12–36 months ago" },
  { name: "interaction", def: (weight) => ({ interaction: { withinMonths: 6, weight } }), hit: { lastInteractionAt: new Date("2025-04-01") }, miss: { lastInteractionAt: null }, hitText: "last message 2 months ago (within 6 months)", missText: "no messages yet", mustText: "a message in the last 6 months" },
  { name: "tags", def: (weight) => ({ tags: [{ tagId: "t-customer", tag: "Customer", weight }] }), hit: { tags: ["t-customer"] }, miss: { tags: ["t-prospect"] }, hitText: "tag 'Customer'", missText: "not tagged 'Customer'", mustText: "tagged 'Customer'" },
];

// Each case runs next to a companion criterion that the connection always meets (important).
const companion = (name: string): TIcpDefinitionInput => (name === "functions" ? { seniorities: { values: ["ic"] } } : { functions: { values: ["sales"] } });
const companionText = (name: string, points: number) => (name === "functions" ? `+${points} seniority: Individual contributor` : `+${points} function: Sales`);

describe("every criterion × every weight", () => {
  for (const k of CRITERIA) {
    describe(k.name, () => {
      it("is active only with values", () => {
        expect(activeCriteria(icp(k.def("important")))).toEqual([k.name]);
      });
      it("alone: met → 100, not met → 0", () => {
        for (const w of ["must", "important", "nice"] as const) {
          const must = w === "must" ? " (must-have)" : "";
          expect(texts(k.def(w), k.hit)).toEqual([`+100 ${k.hitText}${must}`]);
          expect(run(k.def(w), k.miss)).toMatchObject({ score: 0, band: "none" });
        }
        expect(texts(k.def("must"), k.miss)).toEqual([`must-have not met: ${k.mustText}`]);
        expect(texts(k.def("important"), k.miss)).toEqual([k.missText]);
        expect(texts(k.def("negative"), k.hit)).toEqual(["no positive criteria yet", `−40 ${k.hitText}`]);
        expect(run(k.def("negative"), k.hit).score).toBe(0);
      });
      it.each<[TWeight, boolean, number, string[]]>([
        ["must", true, 100, [companionText(k.name, 50), `+50 ${k.hitText} (must-have)`]],
        ["must", false, MUST_CAP, [companionText(k.name, 50), `must-have not met: ${k.mustText}`, "−20 capped at 30 because a must-have is not met"]],
        ["important", true, 100, [companionText(k.name, 50), `+50 ${k.hitText}`]],
        ["important", false, 50, [companionText(k.name, 50), k.missText]],
        ["nice", true, 100, [companionText(k.name, 67), `+33 ${k.hitText}`]],
        ["nice", false, 67, [companionText(k.name, 67), k.missText]],
        ["negative", true, 60, [companionText(k.name, 100), `−40 ${k.hitText}`]],
        ["negative", false, 100, [companionText(k.name, 100)]],
      ])("with a met companion, weight %s, met=%s → %i", (w, met, score, reasons) => {
        const def = { ...companion(k.name), ...k.def(w) };
        const s = run(def, met ? k.hit : k.miss);
        expect(s.score).toBe(score);
        // Reasons follow the form's order of criteria; the cap, when any, comes last.
        expect(s.reasons.map((r) => r.text).sort()).toEqual([...reasons].sort());
        if (w === "must" && !met) expect(s.reasons.at(-1)).toEqual({ criterion: "mustCap", points: -20, text: reasons[2] });
        expect(s.reasons.filter((r) => r.criterion === k.name)).toHaveLength(w === "negative" && !met ? 0 : 1);
      });
    });
  }
});

describe("scoring model", () => {
  it("allocates exactly 100 points by weight (largest remainder)", () => {
    expect(allocatePoints([30, 30, 15])).toEqual([40, 40, 20]);
    expect(allocatePoints([30, 30, 30])).toEqual([34, 33, 33]);
    expect(allocatePoints([30, 15])).toEqual([67, 33]);
    expect(allocatePoints([15])).toEqual([100]);
    expect(allocatePoints([])).toEqual([]);
    for (let n = 1; n <= 12; n++) {
      const raw = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 15 : 30));
      expect(allocatePoints(raw).reduce((a, b) => a + b, 0)).toBe(100);
    }
  });

  it("an ICP with no active criteria scores everyone 0 with 'no criteria yet'", () => {
    const s = run({}, { position: "CEO", seniority: "c_level" });
    expect(s).toMatchObject({ score: 0, band: "none", reasons: [{ criterion: "noCriteria", points: 0, text: "no criteria yet" }] });
    expect(activeCriteria(icp({}))).toEqual([]);
    // Empty lists, a connection age without bounds and empty tags are all inactive.
    expect(texts({ titleKeywords: { values: [], weight: "must" }, connectionAge: { minMonths: null, maxMonths: null } })).toEqual(["no criteria yet"]);
  });

  it("several failed must-haves: one reason each, one cap", () => {
    const def: TIcpDefinitionInput = {
      titleKeywords: { values: ["CTO"], weight: "must" },
      functions: { values: ["engineering"], weight: "must" },
      seniorities: { values: ["ic"] },
      companies: { values: ["Initech"] },
    };
    const s = run(def);
    expect(s.reasons.map((r) => r.text)).toEqual([
      "must-have not met: title matches 'CTO'",
      "+25 seniority: Individual contributor",
      "must-have not met: function is Engineering",
      "+25 company matches 'Initech'",
      "−20 capped at 30 because a must-have is not met",
    ]);
    expect(s.score).toBe(30);
  });

  it("a failed must-have with few points left adds no cap reason", () => {
    const def: TIcpDefinitionInput = {
      titleKeywords: { values: ["CTO"], weight: "must" },
      functions: { values: ["engineering"] },
      seniorities: { values: ["ic"], weight: "nice" },
    };
    const s = run(def);
    expect(s.reasons.map((r) => r.text)).toEqual([
      "must-have not met: title matches 'CTO'",
      "+20 seniority: Individual contributor",
      "function: Sales (wanted Engineering)",
    ]);
    expect(s.score).toBe(20);
    expect(s.reasons.some((r) => r.criterion === "mustCap")).toBe(false);
  });

  it("negatives add up and the score is clamped at 0 while the reasons keep the true sum", () => {
    const def: TIcpDefinitionInput = {
      functions: { values: ["sales"], weight: "nice" },
      titleKeywords: { values: ["executive"], weight: "negative" },
      tags: [{ tagId: "t-dnc", tag: "do-not-contact", weight: "negative" }, { tagId: "t-churned", tag: "churned", weight: "negative" }],
    };
    const s = run(def, { tags: ["t-dnc", "t-churned"] });
    expect(s.reasons.map((r) => r.text)).toEqual(["−40 title matches 'executive'", "+100 function: Sales", "−40 tag 'do-not-contact'", "−40 tag 'churned'"]);
    expect(reasonSum(s)).toBe(-20);
    expect(s.score).toBe(0);
  });

  // Issue 16 item 9: rules name tags by id, so a renamed tag keeps its rule; the name is only
  // what the reason says. A rule whose tag is unknown (a name never resolved to an id) matches nobody.
  it("tags add and subtract by id, whatever the tag is called now", () => {
    const def: TIcpDefinitionInput = { functions: { values: ["sales"] }, tags: [{ tagId: "t1", tag: "Client Privilégié", weight: "important" }, { tagId: "t2", tag: "Do-Not-Contact", weight: "negative" }] };
    expect(run(def, { tags: ["t1"] }).score).toBe(100);
    expect(run(def, { tags: [] }).score).toBe(50);
    expect(run(def, { tags: ["t1", "t2"] }).score).toBe(60);
    expect(run(def, { tags: ["t2"] }).score).toBe(10);
    expect(run(def, { tags: ["Client Privilégié", "client privilégié"] }).score).toBe(50);
    expect(run(def, { tags: ["t1"] }).reasons.map((r) => r.text)).toContain("+50 tag 'Client Privilégié'");
    expect(run({ functions: { values: ["sales"] }, tags: [{ tag: "legacy name", weight: "important" }] }, { tags: ["legacy name"] }).score).toBe(50);
  });

  it("a competitor scores 0 whatever else matches", () => {
    const def: TIcpDefinitionInput = { functions: { values: ["sales"] }, companies: { values: ["Acme"] }, excludedCompanies: ["Globex Inc."] };
    const s = run(def, { company: "GLOBEX, Inc", tags: [] });
    expect(s.score).toBe(0);
    expect(s.band).toBe("none");
    expect(s.reasons[0]).toEqual({ criterion: "competitor", points: -100, text: "−100 competitor: Globex Inc." });
    expect(s.flags.map((f) => f.code)).toContain("competitor");
    const full = run({ functions: { values: ["sales"] }, excludedCompanies: ["Acme"] }, { company: "Acme SA" });
    expect(reasonSum(full)).toBe(0);
    expect(full.score).toBe(0);
    // Also without any criteria.
    expect(texts({ excludedCompanies: ["Acme"] }, { company: "ACME" })).toEqual(["−100 competitor: Acme", "no criteria yet"]);
    expect(run(def, { company: "Globexia" }).reasons[0]?.criterion).not.toBe("competitor");
  });

  it("reads like the product copy", () => {
    const def: TIcpDefinitionInput = {
      titleKeywords: { values: ["VP Sales", "Head of Growth"], weight: "important" },
      seniorities: { values: ["vp"], weight: "nice" },
      functions: { values: ["sales"], weight: "important" },
    };
    expect(texts(def, { position: "VP Sales", seniority: "vp" })).toEqual(["+40 title matches 'VP Sales'", "+20 seniority: VP", "+40 function: Sales"]);
    expect(texts(def, { position: null, seniority: "unknown" })).toEqual(["no job title", "seniority: Unknown (wanted VP)", "+40 function: Sales"]);
    expect(texts({ titleKeywords: { values: ["a", "b", "c", "d", "e"], weight: "must" } }, { position: "x" })).toEqual([
      "must-have not met: title matches 'a', 'b', 'c' or 2 more",
    ]);
  });

  it("reasons are shared frozen objects, so a network's scores stay small", () => {
    const score = compileIcp(icp({ functions: { values: ["sales"] }, seniorities: { values: ["vp"] } }));
    const [a, b] = [score(conn({ id: "a" }), NOW), score(conn({ id: "b" }), NOW)];
    expect(a.reasons[0]).toBe(b.reasons[0]);
    expect(a.reasons).not.toBe(b.reasons);
    expect(Object.isFrozen(a.reasons[0])).toBe(true);
  });

  it("scoreConnection is compileIcp in one call", () => {
    const def = icp({ functions: { values: ["sales"] } });
    expect(scoreConnection(conn(), def, NOW)).toEqual(compileIcp(def)(conn(), NOW));
  });
});

describe("bands", () => {
  it.each([
    [0, "none"], [39, "none"], [40, "partial"], [69, "partial"], [70, "strong"], [100, "strong"],
  ] as const)("score %i is %s", (score, band) => {
    expect(bandForScore(score)).toBe(band);
  });
  it("thresholds are exported", () => expect(BAND_THRESHOLDS).toEqual({ strong: 70, partial: 40 }));
  it("real scores at the edges: 67 partial (one nice missed), 33 none", () => {
    const def: TIcpDefinitionInput = { functions: { values: ["sales"] }, seniorities: { values: ["vp"], weight: "nice" } };
    expect(run(def)).toMatchObject({ score: 67, band: "partial" });
    expect(run({ functions: { values: ["engineering"] }, seniorities: { values: ["ic"], weight: "nice" } })).toMatchObject({ score: 33, band: "none" });
    // 3 important + 1 nice share 29/29/28/14: missing the company (28) leaves 72: strong.
    const four: TIcpDefinitionInput = { functions: { values: ["sales"] }, seniorities: { values: ["ic"] }, companies: { values: ["Initech"] }, tags: [{ tagId: "x", tag: "X", weight: "nice" }] };
    const s = run(four, { company: "Other", tags: ["x"] });
    expect(s.score).toBe(72);
    expect(s.band).toBe("strong");
  });
});
