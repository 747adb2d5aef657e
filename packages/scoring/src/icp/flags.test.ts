import { describe, expect, it } from "vitest";
import type { TScoringConnection } from "../types";
import { compileFlags, computeFlags, FLAG_CODES, FLAG_LABELS, PROTECTED_FLAG_CODES, type TFlagCode } from "./flags";
import { compileIcp } from "./score";
import { conn, icp, NOW } from "./test-fixtures";

const codes = (c: Partial<TScoringConnection>, def: Parameters<typeof icp>[0] | null = null) =>
  computeFlags(conn(c), def === null ? null : icp(def), NOW).map((f) => f.code);
const has = (code: TFlagCode, c: Partial<TScoringConnection>, def: Parameters<typeof icp>[0] | null = null) => codes(c, def).includes(code);

describe("flags", () => {
  it("a plain recent connection has none", () => expect(codes({})).toEqual([]));

  it("every code has a label; protected codes are endorser and recommender", () => {
    for (const code of FLAG_CODES) expect(FLAG_LABELS[code]).toBeTruthy();
    expect(PROTECTED_FLAG_CODES).toEqual(["endorser", "recommender"]);
  });

  describe("open_networker", () => {
    it.each<[Partial<TScoringConnection>, boolean]>([
      [{ lastName: "Smith (LION)" }, true],
      [{ lastName: "Smith L.I.O.N." }, true],
      [{ position: "LION | Sales coach" }, true],
      [{ position: "LinkedIn Open Networker" }, true],
      [{ position: "Open networking, growth" }, true],
      [{ position: "TopLinked.com member" }, true],
      [{ position: "Coach — I accept all invites!" }, true],
      [{ position: "All invites accepted" }, true],
      [{ position: "Speaker | 30K+ followers" }, true],
      [{ position: "12,000+ connections" }, true],
      [{ position: "Creator 1.2M followers" }, true],
      [{ position: "🚀 Growth 🚀 Hacker 💡" }, true],
      [{ firstName: "🔥Jane🔥", lastName: "Doe ✨" }, true],
      [{ position: "#sales #growth #ai" }, true],
      [{ lastName: "Lion" }, false],
      [{ firstName: "Lionel" }, false],
      [{ position: "Lions Club treasurer" }, false],
      [{ position: "Managing 500+ connections" }, false],
      [{ position: "Sales 🚀" }, false],
      [{ position: "Proud parent 👨‍👩‍👧 and coach" }, false],
      [{ position: "C# developer #dotnet" }, false],
      [{ position: "Open to work" }, false],
    ])("%j → %s", (c, expected) => expect(has("open_networker", c)).toBe(expected));
    it("says why", () => {
      expect(computeFlags(conn({ position: "Speaker | 30K+ followers" }), null, NOW)[0]?.text).toBe(
        "Open networker ('30K+ followers'): accepts anyone, usually a weak tie.",
      );
    });
  });

  describe("recruiter", () => {
    it.each<[Partial<TScoringConnection>, boolean]>([
      [{ function: "hr_recruiting", position: "HR Business Partner" }, true],
      [{ function: "other", position: "Technical Recruiter" }, true],
      [{ function: "other", position: "Talent Acquisition Partner" }, true],
      [{ function: "other", position: "Chargée de recrutement" }, true],
      [{ function: "other", position: "Headhunter" }, true],
      [{ function: "sales", position: "Sales Director" }, false],
      [{ function: "other", position: null }, false],
    ])("%j → %s", (c, expected) => expect(has("recruiter", c)).toBe(expected));
  });

  it("student", () => {
    expect(has("student", { seniority: "intern_student" })).toBe(true);
    expect(has("student", { seniority: "ic" })).toBe(false);
  });

  it("competitor: only with an ICP that excludes the company", () => {
    const def = { excludedCompanies: ["Globex"] };
    expect(has("competitor", { company: "Globex Corporation" }, def)).toBe(true);
    expect(has("competitor", { company: "Globex Corporation" }, null)).toBe(false);
    expect(has("competitor", { company: "Initech" }, def)).toBe(false);
    expect(has("competitor", { company: null }, def)).toBe(false);
    expect(computeFlags(conn({ company: "GLOBEX SA" }), icp(def), NOW).find((f) => f.code === "competitor")?.text).toBe(
      "Works at a competitor: GLOBEX SA matches excluded company 'Globex'.",
    );
  });

  it.each<[string | null, boolean]>([
    [null, true],
    ["", true],
    ["   ", true],
    ["--", true],
    ["CEO", false],
  ])("no_title for %j → %s", (position, expected) => expect(has("no_title", { position })).toBe(expected));

  describe("stale", () => {
    it.each<[string | null, Date | null, number | null, boolean]>([
      ["2023-01-01", null, null, true], // 29 months, never messaged
      ["2023-05-15", null, null, true], // 25 months
      ["2023-06-15", null, null, false], // exactly 24 months: not more than 24
      ["2023-01-01", new Date("2025-03-01"), null, false], // recent message
      ["2023-01-01", new Date("2023-02-01"), null, true], // last message 28 months ago
      ["2023-01-01", new Date("2023-06-15"), null, false], // 24 months ago: within the window
      ["2024-01-01", null, null, false], // 17 months
      ["2024-01-01", null, 12, true], // the ICP's own threshold
      [null, null, null, false], // unknown date: not stale
    ])("connected %s, last message %s, after %s → %s", (connectedOn, lastInteractionAt, staleAfterMonths, expected) => {
      const def = staleAfterMonths === null ? null : { staleAfterMonths };
      expect(has("stale", { connectedOn, lastInteractionAt }, def)).toBe(expected);
    });
    it("explains", () => {
      expect(computeFlags(conn({ connectedOn: "2023-01-01" }), null, NOW)[0]?.text).toBe(
        "Stale: connected 29 months ago, never messaged (no message in the last 24 months).",
      );
      expect(computeFlags(conn({ connectedOn: "2023-01-01", lastInteractionAt: new Date("2024-05-01") }), icp({ staleAfterMonths: 12 }), NOW)[0]?.text).toBe(
        "Stale: connected 29 months ago, last message 13 months ago (no message in the last 12 months).",
      );
      // Far-away dates (outside the memoised range) are spelled out the same way.
      expect(computeFlags(conn({ connectedOn: "0100-01-01", lastInteractionAt: new Date("1000-01-01T00:00:00Z") }), null, NOW)[0]?.text).toBe(
        "Stale: connected 23105 months ago, last message 12305 months ago (no message in the last 24 months).",
      );
      expect(computeFlags(conn({ connectedOn: "2023-01-01", lastInteractionAt: new Date("2023-01-01T00:00:00Z") }), null, NOW)[0]?.text).toBe(
        "Stale: connected 29 months ago, last message 29 months ago (no message in the last 24 months).",
      );
    });
  });

  it("job_change, endorser and recommender (protected)", () => {
    const flags = computeFlags(conn({ jobChangedAt: new Date("2025-05-02T10:00:00Z"), endorsedMe: true, recommendedMe: true }), null, NOW);
    expect(flags).toEqual([
      { code: "job_change", text: "Changed job (seen 2025-05-02): a reason to reach out." },
      { code: "endorser", text: expect.stringMatching(/protected from removal/) },
      { code: "recommender", text: expect.stringMatching(/protected from removal/) },
    ]);
  });

  it("lists flags in FLAG_CODES order and each code once", () => {
    const c = conn({
      firstName: "Jane (LION)",
      position: "Recruiter",
      function: "hr_recruiting",
      seniority: "intern_student",
      company: "Globex",
      connectedOn: "2010-01-01",
      jobChangedAt: NOW,
      endorsedMe: true,
      recommendedMe: true,
    });
    expect(computeFlags(c, icp({ excludedCompanies: ["globex"] }), NOW).map((f) => f.code)).toEqual(FLAG_CODES.filter((f) => f !== "no_title"));
    expect(computeFlags({ ...c, position: null }, icp({ excludedCompanies: ["globex"] }), NOW).map((f) => f.code)).toEqual(
      FLAG_CODES.filter((f) => f !== "recruiter" || c.function === "hr_recruiting"),
    );
  });

  it("the scorer attaches the same flags", () => {
    const def = icp({ functions: { values: ["sales"] }, excludedCompanies: ["Initech"] });
    const c = conn({ endorsedMe: true, connectedOn: "2015-01-01" });
    expect(compileIcp(def)(c, NOW).flags).toEqual(computeFlags(c, def, NOW));
    expect(compileFlags(def)(c, NOW)).toEqual(computeFlags(c, def, NOW));
  });
});
