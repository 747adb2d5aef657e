import { describe, expect, it } from "vitest";
import { emptyIcpDefinition, ICP_LIMITS, WEIGHT_LABELS, WEIGHTS, ZIcpDefinition, ZWeight } from "./definition";

const issues = (input: unknown) => {
  const r = ZIcpDefinition.safeParse(input);
  expect(r.success).toBe(false);
  return r.error!.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
};
const many = (n: number, prefix = "v") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe("ZIcpDefinition: defaults and cleaning", () => {
  it("an empty object is the empty ICP", () => {
    expect(ZIcpDefinition.parse({})).toEqual(emptyIcpDefinition());
    expect(emptyIcpDefinition()).not.toBe(emptyIcpDefinition());
    expect(emptyIcpDefinition().staleAfterMonths).toBe(24);
  });

  it("weights default to important; unknown keys are dropped", () => {
    const d = ZIcpDefinition.parse({ titleKeywords: { values: ["CTO"] }, tags: [{ tag: "x" }], interaction: { withinMonths: 3 }, extra: 1 });
    expect(d.titleKeywords.weight).toBe("important");
    expect(d.tags[0]!.weight).toBe("important");
    expect(d.interaction).toEqual({ withinMonths: 3, weight: "important" });
    expect(d).not.toHaveProperty("extra");
  });

  it("trims, drops blanks and de-duplicates case- and accent-insensitively (first spelling wins)", () => {
    const d = ZIcpDefinition.parse({
      titleKeywords: { values: ["  VP Sales ", "vp sales", "VP  SALES", "", "   ", "Directrice Générale", "directrice generale"], weight: "nice" },
      companies: { values: ["Acme", "ACME", "Globex"] },
      excludedCompanies: ["Initech", " initech "],
    });
    expect(d.titleKeywords.values).toEqual(["VP Sales", "Directrice Générale"]);
    expect(d.companies.values).toEqual(["Acme", "Globex"]);
    expect(d.excludedCompanies).toEqual(["Initech"]);
  });

  it("de-duplicates enums and tags (by id; names only for rules saved before ids); names keep their case", () => {
    const d = ZIcpDefinition.parse({
      seniorities: { values: ["vp", "vp", "director"] },
      functions: { values: ["sales", "sales"] },
      tags: [
        { tagId: "t1", tag: " Customer ", weight: "nice" },
        { tagId: "t1", tag: "Customer", weight: "negative" },
        { tagId: "t2", tag: "Customer", weight: "negative" },
        { tag: "Do-Not-Contact", weight: "negative" },
        { tag: "do not contact", weight: "nice" },
      ],
    });
    expect(d.seniorities.values).toEqual(["vp", "director"]);
    expect(d.functions.values).toEqual(["sales"]);
    expect(d.tags).toEqual([
      { tagId: "t1", tag: "Customer", weight: "nice" },
      { tagId: "t2", tag: "Customer", weight: "negative" },
      { tagId: null, tag: "Do-Not-Contact", weight: "negative" },
    ]);
  });

  it.each([
    ["acme.com", "acme.com"],
    ["  ACME.com ", "acme.com"],
    ["@acme.com", "acme.com"],
    ["https://www.acme.com/", "acme.com"],
    ["mail.acme.co.uk", "mail.acme.co.uk"],
  ])("email domain %j is stored as %j", (input, stored) => {
    expect(ZIcpDefinition.parse({ emailDomains: { values: [input] } }).emailDomains.values).toEqual([stored]);
  });

  it("email domains are de-duplicated exactly (a-b.com and a.b.com are different)", () => {
    expect(ZIcpDefinition.parse({ emailDomains: { values: ["a-b.com", "a.b.com", "A-B.com", "@a-b.com"] } }).emailDomains.values).toEqual(["a-b.com", "a.b.com"]);
  });

  it("drops values without a letter or digit", () => {
    expect(ZIcpDefinition.parse({ titleKeywords: { values: ["!!!", "—", "CTO"] } }).titleKeywords.values).toEqual(["CTO"]);
  });

  it("accepts exactly the limits: 50 values of 100 characters; duplicates do not count", () => {
    const long = (i: number) => `${i}`.padEnd(ICP_LIMITS.maxValueLength, "x");
    const d = ZIcpDefinition.parse({ titleKeywords: { values: Array.from({ length: 50 }, (_, i) => long(i)) } });
    expect(d.titleKeywords.values).toHaveLength(50);
    expect(ZIcpDefinition.parse({ companies: { values: [...many(50), ...many(50)] } }).companies.values).toHaveLength(50);
  });

  it("connection age may be open-ended on either side; equal bounds are fine", () => {
    expect(ZIcpDefinition.parse({ connectionAge: { minMonths: 12 } }).connectionAge).toEqual({ minMonths: 12, maxMonths: null, weight: "important" });
    expect(ZIcpDefinition.parse({ connectionAge: { maxMonths: 6, weight: "nice" } }).connectionAge).toEqual({ minMonths: null, maxMonths: 6, weight: "nice" });
    expect(ZIcpDefinition.parse({ connectionAge: { minMonths: 6, maxMonths: 6 } }).connectionAge?.minMonths).toBe(6);
  });

  it("is plain JSON and parsing is idempotent", () => {
    const d = ZIcpDefinition.parse({
      titleKeywords: { values: ["CTO"], weight: "must" },
      connectionAge: { minMonths: 1, maxMonths: 2 },
      tags: [{ tag: "vip" }],
    });
    const roundTrip = JSON.parse(JSON.stringify(d)) as unknown;
    expect(roundTrip).toEqual(d);
    expect(ZIcpDefinition.parse(roundTrip)).toEqual(d);
  });

  it("exports the weights with labels", () => {
    expect(WEIGHTS).toEqual(["must", "important", "nice", "negative"]);
    for (const w of WEIGHTS) expect(WEIGHT_LABELS[w]).toBeTruthy();
    expect(ZWeight.parse("nice")).toBe("nice");
    expect(ZWeight.safeParse("maybe").error?.issues[0]?.message).toMatch(/^Weight: choose a weight/);
  });
});

describe("ZIcpDefinition: errors name the field", () => {
  it.each<[string, unknown, string, RegExp]>([
    ["not an object", "hello", "", /^The ICP definition must be an object/],
    ["list is not a list", { titleKeywords: { values: "CTO" } }, "titleKeywords.values", /^Title keywords: expected a list/],
    ["criterion is not an object", { companies: ["Acme"] }, "companies", /^Target companies: expected a list of values and a weight/],
    ["value is not text", { titleKeywords: { values: [42] } }, "titleKeywords.values.0", /^Title keywords: each value must be text/],
    ["value too long", { companies: { values: ["x".repeat(101)] } }, "companies.values.0", /^Target companies: 'x{30}…' is longer than 100 characters/],
    ["too many values", { titleKeywords: { values: many(51) } }, "titleKeywords.values", /^Title keywords: use at most 50 values/],
    ["too many excluded", { excludedCompanies: many(51) }, "excludedCompanies", /^Excluded companies \(competitors\): use at most 50/],
    ["bad weight", { functions: { values: ["sales"], weight: "maybe" } }, "functions.weight", /^Functions: choose a weight/],
    ["unknown seniority", { seniorities: { values: ["boss"] } }, "seniorities.values.0", /^Seniorities: 'boss' is not a known seniority/],
    ["unknown function", { functions: { values: ["law"] } }, "functions.values.0", /^Functions: 'law' is not a known function/],
    ["bad domain", { emailDomains: { values: ["not a domain"] } }, "emailDomains.values.0", /^Email domains: 'not a domain' is not a domain like acme.com/],
    ["domain without dot", { emailDomains: { values: ["localhost"] } }, "emailDomains.values.0", /^Email domains: 'localhost'/],
    ["age min > max", { connectionAge: { minMonths: 10, maxMonths: 5 } }, "connectionAge.minMonths", /^Connection age: the minimum \(10 months\) is more than the maximum \(5 months\)/],
    ["age not a number", { connectionAge: { minMonths: "12" } }, "connectionAge.minMonths", /^Connection age: the minimum must be a number of months/],
    ["age fractional", { connectionAge: { maxMonths: 1.5 } }, "connectionAge.maxMonths", /^Connection age: the maximum must be a whole number/],
    ["age negative", { connectionAge: { minMonths: -1 } }, "connectionAge.minMonths", /^Connection age: the minimum must be at least 0/],
    ["age too large", { connectionAge: { maxMonths: 601 } }, "connectionAge.maxMonths", /^Connection age: the maximum must be at most 600 months/],
    ["interaction zero", { interaction: { withinMonths: 0 } }, "interaction.withinMonths", /^Last message: the period must be at least 1/],
    ["interaction missing months", { interaction: { weight: "nice" } }, "interaction.withinMonths", /^Last message: the period must be a number/],
    ["empty tag", { tags: [{ tag: "  " }] }, "tags.0.tagId", /^Tags: choose a tag for each rule/],
    ["tag id not text", { tags: [{ tagId: 5 }] }, "tags.0.tagId", /^Tags: each rule needs a tag/],
    ["tag weight", { tags: [{ tag: "vip", weight: "high" }] }, "tags.0.weight", /^Tags: choose a weight/],
    ["tags not a list", { tags: "vip" }, "tags", /^Tags: expected a list of tags/],
    ["stale zero", { staleAfterMonths: 0 }, "staleAfterMonths", /^Stale after \(months\): the number must be at least 1/],
  ])("%s", (_name, input, path, message) => {
    const found = issues(input);
    expect(found).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it("reports every problem at once", () => {
    const found = issues({ titleKeywords: { values: [1], weight: "x" }, staleAfterMonths: -3, seniorities: { values: ["boss"] } });
    expect(found.map((f) => f.path).sort()).toEqual(["seniorities.values.0", "staleAfterMonths", "titleKeywords.values.0", "titleKeywords.weight"]);
  });
});
