import { describe, expect, it } from "vitest";
import type { TScoringConnection } from "../types";
import type { TIcpDefinitionInput } from "./definition";
import { companyKey, companyMatcher, connectionAgeMonths, domainIndex, fold, keywordMatcher, monthsSince, parseDay, prepare } from "./normalize";
import { compileIcp } from "./score";
import { titleMatcher } from "./title-match";
import { conn, icp, NOW } from "./test-fixtures";

const scoreOf = (def: TIcpDefinitionInput, c: Partial<TScoringConnection>) => compileIcp(icp(def))(conn(c), NOW).score;
const titleMatches = (keyword: string, position: string) => titleMatcher([keyword])(position) !== null;
const companyMatches = (value: string, company: string) => companyMatcher([value])(prepare({ position: null, company, connectedOn: null, lastInteractionAt: null }, NOW).company) !== null;

describe("fold", () => {
  it.each([
    ["Directrice Générale", "directrice generale"],
    ["  VP,   Sales — EMEA ", "vp sales emea"],
    ["Geschäftsführer", "geschaftsfuhrer"],
    ["Straße", "strasse"],
    ["Œuvre Æsir Ørsted Łódź", "oeuvre aesir orsted lodz"],
    ["R&D / M&A", "r d m a"],
    ["C++ & C# dev", "c++ c# dev"],
    ["#growth #hacker", "growth hacker"],
    ["İstanbul", "istanbul"],
    ["ＦＵＬＬＷＩＤＴＨ", "fullwidth"],
    ["", ""],
  ])("%j → %j", (input, out) => expect(fold(input)).toBe(out));
});

describe("title keywords: case/accent-insensitive, whole words", () => {
  it.each([
    ["ae", "Michael Jones", false],
    ["ae", "Senior AE, EMEA", true],
    ["AE", "Account Executive (AE)", true],
    ["cto", "Director", false],
    ["cto", "CTO & co-founder", true],
    ["sales", "Salesforce admin", false],
    ["sales", "Head of Sales", true],
    ["directrice generale", "Directrice Générale", true],
    ["Directrice Générale", "DIRECTRICE GENERALE adjointe", true],
    ["vp sales", "VP, Sales", true],
    // Stop words do not count (issue 16 item 13; more in title-match.test.ts).
    ["vp sales", "VP of Sales", true],
    ["head of growth", "Head of Growth Marketing", true],
    ["head of growth", "Head of Growthy things", false],
    ["c++", "C++ developer", true],
    ["c", "C++ developer", false],
    ["growth", "#growth hacker", true],
    ["geschäftsführer", "Geschaftsfuhrer", true],
    ["ceo", "", false],
  ] as const)("%j in %j → %s", (keyword, position, expected) => {
    expect(titleMatches(keyword, position)).toBe(expected);
    expect(scoreOf({ titleKeywords: { values: [keyword] } }, { position })).toBe(expected ? 100 : 0);
  });
  it("an empty position never matches", () => {
    expect(scoreOf({ titleKeywords: { values: ["ceo"] } }, { position: null })).toBe(0);
  });
});

describe("companies: legal forms ignored", () => {
  it.each([
    ["acme", "ACME Corporation GmbH", true],
    ["Acme Inc", "Acme, Inc.", true],
    ["Acme Corp", "ACME Corporation", true],
    ["Acme S.L.", "Acme SL", true],
    ["Acme SAS", "ACME S.A.S.", true],
    ["Acme SA", "Acme S.A", true],
    ["Acme Ltd", "Acme Limited", true],
    ["Acme LLC", "Acme", true],
    ["Acme AG", "acme ag", true],
    ["Acme & Co.", "Acme & Co. KG", true],
    ["Société Générale", "SOCIETE GENERALE SA", true],
    ["acme", "Acme Labs Ltd", true],
    ["acme", "Acmeon Ltd", false],
    ["Globex", "Initech", false],
    ["GmbH", "Acme GmbH", true],
    ["acme.com", "Acme.com", true],
    ["Acme", "", false],
  ] as const)("%j ~ %j → %s", (value, company, expected) => {
    expect(companyMatches(value, company)).toBe(expected);
  });
  it.each([
    ["ACME Corporation GmbH", "acme"],
    ["Acme S.L.", "acme"],
    ["Acme, Inc.", "acme"],
    ["Inc", "inc"],
    ["Corporation Bank Co", "corporation bank"],
  ])("companyKey(%j) = %j", (name, key) => expect(companyKey(name)).toBe(key));
});

describe("email domains", () => {
  const find = domainIndex(["acme.com", "globex.io"]);
  const match = (email: string | null) => (find(email) < 0 ? null : ["acme.com", "globex.io"][find(email)]);
  it.each([
    ["jane@acme.com", "acme.com"],
    ["Jane@ACME.COM", "acme.com"],
    ["jane@eu.acme.com", "acme.com"],
    ["jane@mail.eu.acme.com", "acme.com"],
    ["jane@globex.io", "globex.io"],
    ["jane@notacme.com", null],
    ["jane@acme.com.evil.org", null],
    ["jane@acme.co", null],
    ["jane", null],
    ["", null],
    [null, null],
  ] as const)("%j → %j", (email, domain) => expect(match(email)).toBe(domain));
  it("no email gives its own reason", () => {
    const s = compileIcp(icp({ emailDomains: { values: ["acme.com"] } }))(conn({ email: null }), NOW);
    expect(s.reasons.map((r) => r.text)).toEqual(["no email address"]);
  });
});

describe("connection age (whole calendar months, bounds inclusive)", () => {
  it.each([
    ["2024-06-15", 12],
    ["2024-06-16", 11],
    ["2025-06-15", 0],
    ["2025-07-01", 0], // in the future: 0
    ["2015-06-15", 120],
    ["2025-05-31", 0],
  ])("%s → %i months", (day, months) => expect(connectionAgeMonths(day, NOW)).toBe(months));
  it.each([null, "", "15/06/2024", "2024-13-01", "2024-00-10", "2024-1-1"])("%j is unknown", (day) => {
    expect(connectionAgeMonths(day, NOW)).toBeNull();
    expect(parseDay(day)).toBeNull();
  });
  it.each<[number | null, number | null, string, boolean]>([
    [12, null, "2024-06-15", true],
    [12, null, "2024-06-16", false],
    [null, 12, "2024-06-15", true],
    [null, 12, "2024-05-15", false],
    [12, 36, "2022-06-15", true],
    [12, 36, "2022-06-14", true], // 36 months and a day: still 36 whole months
    [12, 36, "2022-05-15", false],
    [0, 0, "2025-06-01", true],
    [12, 36, "unknown", false],
  ])("min %j max %j, connected %s → %s", (minMonths, maxMonths, connectedOn, met) => {
    expect(scoreOf({ connectionAge: { minMonths, maxMonths } }, { connectedOn })).toBe(met ? 100 : 0);
  });
  it("texts name the range", () => {
    const t = (minMonths: number | null, maxMonths: number | null, connectedOn: string | null) =>
      compileIcp(icp({ connectionAge: { minMonths, maxMonths, weight: "must" } }))(conn({ connectedOn }), NOW).reasons[0]?.text;
    expect(t(12, null, "2020-06-15")).toBe("+100 connected 60 months ago (at least 12 months) (must-have)");
    expect(t(null, 1, "2025-06-01")).toBe("+100 connected 0 months ago (at most 1 month) (must-have)");
    expect(t(null, 1, "2020-06-15")).toBe("must-have not met: connected at most 1 month ago");
    expect(t(12, 12, null)).toBe("must-have not met: connected 12 months ago");
  });
});

describe("interaction recency", () => {
  it.each<[Date | null, boolean]>([
    [new Date("2025-06-01T00:00:00Z"), true],
    [new Date("2024-12-15T00:00:00Z"), true], // exactly 6 months
    [new Date("2024-12-16T00:00:00Z"), true],
    [new Date("2024-12-14T00:00:00Z"), true], // 6 months and a day: still 6 whole months
    [new Date("2024-11-15T00:00:00Z"), false], // 7 months
    [new Date("2030-01-01T00:00:00Z"), true], // clock skew: treated as now
    [new Date("invalid"), false],
    [null, false],
  ])("last message %s within 6 months → %s", (lastInteractionAt, met) => {
    expect(scoreOf({ interaction: { withinMonths: 6 } }, { lastInteractionAt })).toBe(met ? 100 : 0);
  });
  it("monthsSince", () => {
    expect(monthsSince(null, NOW)).toBeNull();
    expect(monthsSince(new Date("2025-03-15T00:00:00Z"), NOW)).toBe(3);
  });
  it("miss texts", () => {
    const t = (lastInteractionAt: Date | null) => compileIcp(icp({ interaction: { withinMonths: 1 } }))(conn({ lastInteractionAt }), NOW).reasons[0]?.text;
    expect(t(null)).toBe("no messages yet");
    expect(t(new Date("2024-06-15T00:00:00Z"))).toBe("last message 12 months ago (wanted within 1 month)");
  });
});
