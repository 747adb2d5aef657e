import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NOW, readCorpus } from "../testing/corpus";
import { assertRejectedRows, csvishText, mutate, mutation, returnsOrFileError } from "../testing/fuzz";
import type { TParsedConnections } from "../types";
import { inspectConnections } from "./inspect";
import { parseConnectionsCsv } from "./parse-connections";

const FILE = "Connections.csv";

function checkParsed(parsed: TParsedConnections): void {
  if (parsed.format === "unknown") {
    expect([parsed.accepted.length, parsed.rejected.length]).toEqual([0, 0]);
    return;
  }
  expect(parsed.accepted.length + parsed.rejected.length + parsed.hidden).toBe(parsed.rows);
  assertRejectedRows(parsed.rejected, FILE);
  assertRejectedRows(parsed.warnings.map((w) => ({ ...w, raw: [] })), FILE);
  const lines = parsed.accepted.map((r) => r.line);
  expect(lines).toEqual([...lines].sort((a, b) => a - b));
  expect(new Set(parsed.accepted.map((r) => r.identityKey)).size).toBe(parsed.accepted.length);
  for (const row of parsed.accepted) {
    expect(row.line).toBeGreaterThan(parsed.headerLine ?? 0);
    if (row.connectedOn !== null) expect(row.connectedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
}

const parse = (bytes: Uint8Array) => () => parseConnectionsCsv(bytes, { fileName: FILE, now: NOW });
const encode = (text: string) => new TextEncoder().encode(text);
const HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
/** The public sample as is: its 1833–1852 dates are accepted, so mutated rows can be accepted too. */
const realSample = () => readCorpus("silkyrich__linkedin-export-viewer__Connections.csv");

describe("parseConnectionsCsv never fails on bad input (fuzz)", () => {
  it("random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => returnsOrFileError(parse(bytes), checkParsed)),
      { numRuns: 300 },
    );
  });

  it("random CSV-ish text, with and without a known header", () => {
    fc.assert(
      fc.property(fc.boolean(), csvishText, (withHeader, body) => returnsOrFileError(parse(encode((withHeader ? HEADER : "") + body)), checkParsed)),
      { numRuns: 400 },
    );
  });

  it("inspectConnections on random CSV-ish text", () => {
    fc.assert(
      fc.property(csvishText, (body) =>
        returnsOrFileError(
          () => inspectConnections(encode(HEADER + body), FILE),
          (summary) => {
            expect(summary.accepted + summary.rejected + summary.hidden).toBe(summary.rows);
            if (summary.format !== "unknown") expect(summary.errors.length).toBe(summary.rejected);
          },
        ),
      ),
      { numRuns: 200 },
    );
  });

  it("mutations of the real sample (byte flips, truncation, inserted quotes, NULs and line breaks)", () => {
    const sample = realSample().subarray(0, 12_000);
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.option(fc.nat({ max: 12_000 })), (edits, cut) =>
        returnsOrFileError(parse(mutate(sample, edits, cut ?? undefined)), checkParsed),
      ),
      { numRuns: 200 },
    );
  });

  it("mutations of the whole real sample keep every row accounted for", () => {
    const sample = realSample();
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => returnsOrFileError(parse(mutate(sample, edits)), checkParsed)),
      { numRuns: 8 },
    );
  });
});
