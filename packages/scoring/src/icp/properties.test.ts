import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FUNCTIONS, SENIORITIES, type TScoringConnection } from "../types";
import { WEIGHTS, ZIcpDefinition, type TIcpDefinitionInput } from "./definition";
import { FLAG_CODES } from "./flags";
import { fold } from "./normalize";
import { bandForScore, compileIcp } from "./score";
import { clamp, conn, NOW, reasonSum } from "./test-fixtures";

// Text that exercises the matcher: real words, accents, punctuation, emojis and arbitrary unicode.
const WORDS = ["VP", "Sales", "Head", "of", "Growth", "Générale", "acme", "GmbH", "S.L.", "Inc.", "LION", "🚀", "#ai", "c++", "ae", "Michael", ",", "-", "&"];
const text = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }).map((w) => w.join(" ")),
  fc.string({ maxLength: 40, unit: "grapheme" }),
  fc.string({ maxLength: 40, unit: "binary" }),
);
const value = text.map((t) => t.slice(0, 100));
const weight = fc.constantFrom(...WEIGHTS);
const list = <T>(arb: fc.Arbitrary<T>) => fc.record({ values: fc.array(arb, { maxLength: 6 }), weight });
const months = fc.integer({ min: 0, max: 600 });

const definition: fc.Arbitrary<TIcpDefinitionInput> = fc.record({
  titleKeywords: list(value),
  seniorities: list(fc.constantFrom(...SENIORITIES)),
  functions: list(fc.constantFrom(...FUNCTIONS)),
  companies: list(value),
  excludedCompanies: fc.array(value, { maxLength: 3 }),
  emailDomains: list(fc.constantFrom("acme.com", "eu.acme.com", "gmail.com", "globex.io")),
  connectionAge: fc.option(
    fc.record({ a: fc.option(months, { nil: null }), b: fc.option(months, { nil: null }), weight }).map(({ a, b, weight }) => ({
      minMonths: a !== null && b !== null ? Math.min(a, b) : a,
      maxMonths: a !== null && b !== null ? Math.max(a, b) : b,
      weight,
    })),
    { nil: null },
  ),
  interaction: fc.option(fc.record({ withinMonths: fc.integer({ min: 1, max: 600 }), weight }), { nil: null }),
  tags: fc.array(fc.record({ tag: fc.constantFrom("customer", "do-not-contact", "VIP", "Privilégié"), weight }), { maxLength: 4 }),
  staleAfterMonths: fc.integer({ min: 1, max: 600 }),
});

const date = fc.oneof(fc.constant(null), fc.date(), fc.date({ min: new Date("2000-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }));
const connection: fc.Arbitrary<TScoringConnection> = fc.record({
  id: fc.string({ maxLength: 8 }),
  firstName: text,
  lastName: text,
  position: fc.option(text, { nil: null }),
  company: fc.option(text, { nil: null }),
  email: fc.option(fc.oneof(fc.emailAddress(), text), { nil: null }),
  connectedOn: fc.oneof(
    fc.constant(null),
    fc.date({ min: new Date("1990-01-01"), max: new Date("2035-01-01"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.string({ maxLength: 12 }),
  ),
  lastInteractionAt: date,
  messageCount: fc.nat(),
  seniority: fc.constantFrom(...SENIORITIES),
  function: fc.constantFrom(...FUNCTIONS),
  tags: fc.array(fc.constantFrom("customer", "do-not-contact", "vip", "privilégié", "x"), { maxLength: 3 }),
  endorsedMe: fc.boolean(),
  recommendedMe: fc.boolean(),
  jobChangedAt: date,
});
const nowArb = fc.date({ min: new Date("2000-01-01"), max: new Date("2040-01-01"), noInvalidDate: true });

describe("properties", () => {
  it("generated definitions are valid and parsing is idempotent", () => {
    fc.assert(
      fc.property(definition, (input) => {
        const d = ZIcpDefinition.parse(input);
        expect(ZIcpDefinition.parse(JSON.parse(JSON.stringify(d)))).toEqual(d);
      }),
      { numRuns: 300 },
    );
  });

  it("any valid definition × any connection: integer 0..100, band from score, reasons explain it, never throws", () => {
    fc.assert(
      fc.property(definition, fc.array(connection, { minLength: 1, maxLength: 5 }), nowArb, (input, conns, now) => {
        const def = ZIcpDefinition.parse(input);
        const score = compileIcp(def);
        for (const c of conns) {
          const s = score(c, now);
          expect(Number.isInteger(s.score)).toBe(true);
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(100);
          expect(s.band).toBe(bandForScore(s.score));
          expect(clamp(reasonSum(s))).toBe(s.score);
          expect(s.reasons.length).toBeGreaterThan(0);
          for (const r of s.reasons) {
            expect(Number.isInteger(r.points)).toBe(true);
            expect(r.text.length).toBeGreaterThan(0);
          }
          const codes = s.flags.map((f) => f.code);
          expect(new Set(codes).size).toBe(codes.length);
          expect(codes.every((code) => FLAG_CODES.includes(code))).toBe(true);
          if (codes.includes("competitor")) expect(s.score).toBe(0);
          if (s.reasons.some((r) => r.text.startsWith("must-have not met"))) expect(s.score).toBeLessThanOrEqual(30);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("meeting every positive criterion with no negative match scores 100", () => {
    fc.assert(
      fc.property(fc.subarray([...SENIORITIES], { minLength: 1 }), fc.constantFrom(...WEIGHTS.filter((w) => w !== "negative")), (seniorities, w) => {
        const def = ZIcpDefinition.parse({ seniorities: { values: seniorities, weight: w }, functions: { values: ["sales"], weight: "nice" } });
        const s = compileIcp(def)(conn({ seniority: seniorities[0]!, function: "sales" }), NOW);
        expect(s.score).toBe(100);
      }),
    );
  });

  it("fold's fast paths agree with plain Unicode NFKD folding", () => {
    const special: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };
    const reference = (t: string) =>
      (
        t
          .toLowerCase()
          .normalize("NFKD")
          .replace(/\p{M}+/gu, "")
          .toLowerCase()
          .replace(/[ßæœøłđðþı]/g, (ch) => special[ch] ?? ch)
          .match(/[\p{L}\p{N}]+[+#]*/gu) ?? []
      ).join(" ");
    const latin = fc.string({ unit: fc.integer({ min: 0x20, max: 0x2ff }).map((c) => String.fromCharCode(c)), maxLength: 30 });
    fc.assert(
      fc.property(fc.oneof(text, latin), (t) => {
        expect(fold(t)).toBe(reference(t));
      }),
      { numRuns: 2000 },
    );
    for (let c = 0x80; c < 0x300; c++) expect(fold(`a${String.fromCharCode(c)}b`)).toBe(reference(`a${String.fromCharCode(c)}b`));
  });

  it("fold is idempotent and keyword matching ignores case", () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(fold(fold(t))).toBe(fold(t));
      }),
      { numRuns: 1000 },
    );
    const latin = fc.array(fc.constantFrom(..."abcdeéèàçñüöß ,.-&".split("")), { maxLength: 20 }).map((x) => x.join(""));
    fc.assert(
      fc.property(latin, latin, (k, t) => {
        const def = ZIcpDefinition.parse({ titleKeywords: { values: [k] } });
        const lower = compileIcp(def)(conn({ position: t }), NOW).score;
        const upper = compileIcp(def)(conn({ position: t.toUpperCase() }), NOW).score;
        expect(upper).toBe(lower);
      }),
      { numRuns: 500 },
    );
  });
});
