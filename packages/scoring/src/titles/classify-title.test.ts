import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FUNCTIONS, SENIORITIES, type TFunction, type TSeniority } from "../types";
import { classifyTitle } from "./classify-title";
import { HOLDOUT_TITLES } from "./holdout-titles";
import { LABELLED_TITLES } from "./labelled-titles";
import { FUNCTION_LABELS, SENIORITY_LABELS } from "./labels";

type TCase = readonly [title: string, seniority: TSeniority, fn: TFunction];
const check = (cases: readonly TCase[]) =>
  it.each(cases)("%j → %s / %s", (title, seniority, fn) => {
    const r = classifyTitle(title);
    expect({ seniority: r.seniority, function: r.function }).toEqual({ seniority, function: fn });
  });

describe("classifyTitle rules", () => {
  describe("languages, accents, case and gender forms", () => {
    check([
      ["GESCHÄFTSFÜHRERIN", "c_level", "other"],
      ["Geschaeftsfuehrer", "c_level", "other"],
      ["geschaftsfuhrer", "c_level", "other"],
      ["Gründerin & Inhaberin", "owner", "other"],
      ["Abteilungsleiterin Vertrieb", "head", "sales"],
      ["Bereichsleiterin Finanzen", "director", "finance"],
      ["Teamleiterin Softwareentwicklung", "manager", "engineering"],
      ["Werkstudentin Personal", "intern_student", "hr_recruiting"],
      ["Directrice Commerciale", "director", "sales"],
      ["PRÉSIDENT-DIRECTEUR GÉNÉRAL", "c_level", "other"],
      ["Développeuse", "ic", "engineering"],
      ["Chargé de recrutement", "ic", "hr_recruiting"],
      ["Directora de Ventas", "director", "sales"],
      ["Jefa de Marketing", "head", "marketing"],
      ["Desarrolladora", "ic", "engineering"],
      ["Becaria", "intern_student", "other"],
    ]);
  });
  describe("abbreviations", () => {
    check([
      ["CEO", "c_level", "other"], ["CTO", "c_level", "engineering"], ["CFO", "c_level", "finance"],
      ["COO", "c_level", "operations"], ["CMO", "c_level", "marketing"], ["CRO", "c_level", "sales"],
      ["CPO", "c_level", "product"], ["CISO", "c_level", "engineering"], ["CIO", "c_level", "engineering"],
      ["CHRO", "c_level", "hr_recruiting"], ["VP Marketing", "vp", "marketing"], ["SVP Sales", "vp", "sales"],
      ["EVP Operations", "vp", "operations"], ["AVP Finance", "vp", "finance"], ["GM", "director", "other"],
      ["MD", "c_level", "other"], ["BDR", "ic", "sales"], ["SDR", "ic", "sales"], ["AE", "ic", "sales"],
      ["AM", "ic", "sales"], ["CSM", "ic", "sales"], ["PM", "manager", "product"], ["QA", "ic", "engineering"],
      ["SRE", "ic", "engineering"], ["DevOps", "ic", "engineering"], ["UX/UI", "ic", "design"],
      ["HRBP", "senior_ic", "hr_recruiting"], ["TA Specialist", "ic", "hr_recruiting"], ["IT Director", "director", "engineering"],
    ]);
  });
  describe("noise and multiple roles", () => {
    check([
      ["Helping X do Y | Speaker | 🚀", "unknown", "other"],
      ["Founder & CEO | Advisor", "owner", "other"],
      ["Engineer at Salesforce", "ic", "engineering"],
      ["Designer @ Product Hunt", "ic", "design"],
      ["VP Sales • ex-Google • #hiring", "vp", "sales"],
      ["\"Head of People\"", "head", "hr_recruiting"],
      ["Advisor | Founder & CEO", "owner", "other"],
      ["🚀🚀🚀", "unknown", "other"],
      ["   ", "unknown", "other"],
      ["Physician, MD", "ic", "other"],
    ]);
    it("handles null and undefined", () => {
      expect(classifyTitle(null)).toEqual({ seniority: "unknown", function: "other", evidence: {} });
      expect(classifyTitle(undefined)).toEqual({ seniority: "unknown", function: "other", evidence: {} });
    });
  });
  describe("founders, partners, leads and other decisions", () => {
    check([
      ["Co-founder", "owner", "other"], ["Founding Engineer", "senior_ic", "engineering"], ["Owner", "owner", "other"],
      ["Partner", "owner", "consulting"], ["Managing Partner", "owner", "consulting"], ["Partner Manager", "manager", "sales"],
      ["Head of Finance", "head", "finance"], ["Team Lead", "manager", "other"], ["Tech Lead", "senior_ic", "engineering"],
      ["Lead Engineer", "senior_ic", "engineering"], ["Principal Engineer", "senior_ic", "engineering"],
      ["Staff Engineer", "senior_ic", "engineering"], ["Sr. Designer", "senior_ic", "design"], ["Junior Analyst", "ic", "other"],
      ["Associate", "ic", "other"], ["Assistant to the CEO", "ic", "operations"], ["Executive Assistant", "ic", "operations"],
      ["Vice President", "vp", "other"], ["Chief of Staff", "director", "operations"], ["Board Member", "c_level", "other"],
      ["Advisor", "senior_ic", "consulting"], ["Managing Director", "c_level", "other"],
      ["Intern", "intern_student", "other"], ["Software Engineering Intern", "intern_student", "engineering"],
      ["Trainee", "intern_student", "other"], ["Apprentice", "intern_student", "other"], ["Student", "intern_student", "other"],
    ]);
  });
  describe("recruiting", () => {
    check([
      ["Recruiter", "ic", "hr_recruiting"], ["Talent Acquisition", "ic", "hr_recruiting"], ["Sourcer", "ic", "hr_recruiting"],
      ["Headhunter", "ic", "hr_recruiting"], ["HR Business Partner", "senior_ic", "hr_recruiting"],
      ["People Partner", "senior_ic", "hr_recruiting"], ["Technical Recruiter", "ic", "hr_recruiting"],
    ]);
  });
  it("explains its decision with the matched text", () => {
    expect(classifyTitle("SVP Sales").evidence).toEqual({ seniority: "SVP", function: "Sales" });
    expect(classifyTitle("Geschäftsführerin | Vertrieb").evidence).toEqual({ seniority: "Geschäftsführerin", function: "Vertrieb" });
    expect(classifyTitle("🚀").evidence).toEqual({});
    expect(classifyTitle("Former VP Sales, now exploring")).toEqual({ seniority: "unknown", function: "sales", evidence: { function: "Sales" } });
    expect(classifyTitle("Partner @ Sequoia Capital").evidence).toEqual({ seniority: "Partner", function: "Capital" });
    expect(classifyTitle("Directeur Général · Vertrieb").evidence).toEqual({ seniority: "Directeur Général", function: "Vertrieb" });
  });
  it("is deterministic (no state leaks between calls)", () => {
    const titles = ["IT Manager", "Head of IT", "TA Lead", "AM", "it is what it is", "Bereichsleiter IT", "Physician, MD", "MD"];
    const first = titles.map((t) => classifyTitle(t));
    for (let i = 0; i < 3; i++) expect(titles.map((t) => classifyTitle(t))).toEqual(first);
    expect([...titles].reverse().map((t) => classifyTitle(t))).toEqual([...first].reverse());
  });
});

function accuracy(name: string, set: readonly TCase[]) {
  let sen = 0;
  let fn = 0;
  let both = 0;
  const misses: string[] = [];
  for (const [title, s, f] of set) {
    const r = classifyTitle(title);
    sen += r.seniority === s ? 1 : 0;
    fn += r.function === f ? 1 : 0;
    both += r.seniority === s && r.function === f ? 1 : 0;
    if (r.seniority !== s || r.function !== f) misses.push(`${JSON.stringify(title)}: expected ${s}/${f}, got ${r.seniority}/${r.function}`);
  }
  const n = set.length;
  const pct = (x: number) => (x / n).toFixed(3);
  console.log(`${name}: ${n} titles; seniority ${pct(sen)}, function ${pct(fn)}, both ${pct(both)}`);
  console.log(`${name} misclassified (${misses.length}):\n  ${misses.join("\n  ")}`);
  return { seniority: sen / n, function: fn / n };
}

describe("labelled set", () => {
  const all = [...LABELLED_TITLES, ...HOLDOUT_TITLES];
  it("is big, varied and uses valid labels", () => {
    expect(all.length).toBeGreaterThanOrEqual(320);
    expect(new Set(all.map(([t]) => t)).size).toBe(all.length);
    for (const s of SENIORITIES) expect(all.some(([, l]) => l === s), s).toBe(true);
    for (const f of FUNCTIONS) expect(all.some(([, , l]) => l === f), f).toBe(true);
  });
  it("reaches the accuracy minimums", () => {
    accuracy("development set", LABELLED_TITLES);
    const held = accuracy("held-out set", HOLDOUT_TITLES);
    const total = accuracy("whole labelled set", all);
    for (const r of [held, total]) {
      expect(r.seniority).toBeGreaterThanOrEqual(0.9);
      expect(r.function).toBeGreaterThanOrEqual(0.85);
    }
  });
  it("classifies 30,000 titles fast", () => {
    const pick = (i: number) => LABELLED_TITLES[i % LABELLED_TITLES.length]?.[0] ?? "";
    // network-like: the labelled titles with company suffixes / case variants (segments repeat)
    const network = Array.from({ length: 30_000 }, (_, i) => (i % 3 === 0 ? `${pick(i)} @ Company ${i}` : i % 3 === 1 ? pick(i).toUpperCase() : pick(i)));
    // worst case: every role segment is new, so the per-segment memo never hits
    const unique = Array.from({ length: 30_000 }, (_, i) => `${pick(i)} ${i}x${i % 7}`);
    for (let i = 0; i < 3000; i++) classifyTitle(`${pick(i)} warm${i}`); // JIT warm-up; segments never repeat
    for (const [name, titles] of [["all-unique", unique], ["network-like", network]] as const) {
      const t0 = performance.now();
      for (const t of titles) classifyTitle(t);
      const ms = performance.now() - t0;
      console.log(`classified 30,000 ${name} titles in ${ms.toFixed(1)} ms`);
      expect(ms).toBeLessThan(1000);
    }
  });
});

describe("properties", () => {
  const pieces = fc.constantFrom("CEO", "Head of", "Leiterin", "|", "@", "🚀", "#x", "ex-", " ", "Vertrieb", "é", "ß", "İ", "\u0301", "(", "-", "/");
  it("never throws and always returns valid labels", () => {
    const title = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.array(pieces).map((a) => a.join("")));
    fc.assert(
      fc.property(title, (t) => {
        const r = classifyTitle(t);
        expect(SENIORITIES).toContain(r.seniority);
        expect(FUNCTIONS).toContain(r.function);
      }),
      { numRuns: 2000 },
    );
  });
  it("labels have a description for every value", () => {
    for (const s of SENIORITIES) expect(SENIORITY_LABELS[s]).toMatch(/\w/);
    for (const f of FUNCTIONS) expect(FUNCTION_LABELS[f]).toMatch(/\w/);
  });
});
