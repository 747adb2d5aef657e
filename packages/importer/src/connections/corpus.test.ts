import { describe, expect, it } from "vitest";
import { NOW, readCorpus } from "../testing/corpus";
import type { TFormat } from "../types";
import { inspectConnections } from "./inspect";
import { parseConnectionsCsv } from "./parse-connections";

interface TCase {
  file: string;
  format: TFormat;
  rows: number;
  accepted: number;
  rejected: number;
  errors?: Array<[line: number, field: string, code: string]>;
}

// Expected counts are worked out by hand from each file's content (see test-corpus/README.md),
// never copied from the parser's output.
const CASES: TCase[] = [
  // Real sample: 2000 data rows (Python's csv module counts 2004 records, 4 of them preamble +
  // header), all of 7 fields, 2000 distinct profile URLs (case-folded) and 2000 distinct emails,
  // every "Connected On" a real date between 1833 and 1852: before LinkedIn, but a possible year.
  { file: "silkyrich__linkedin-export-viewer__Connections.csv", format: "linkedin-connections", rows: 2000, accepted: 2000, rejected: 0 },
  { file: "2018-no-preamble.csv", format: "linkedin-connections", rows: 3, accepted: 3, rejected: 0 },
  { file: "2020-six-columns.csv", format: "linkedin-connections", rows: 4, accepted: 4, rejected: 0 },
  {
    file: "2022-preamble-six-columns.csv",
    format: "linkedin-connections",
    rows: 5,
    accepted: 3,
    rejected: 2,
    errors: [
      [6, "(row)", "anonymous_member"],
      [8, "(row)", "anonymous_member"],
    ],
  },
  {
    file: "2024-preamble-url.csv",
    format: "linkedin-connections",
    rows: 6,
    accepted: 4,
    rejected: 2,
    errors: [
      [6, "(row)", "anonymous_member"],
      [9, "(row)", "anonymous_member"],
    ],
  },
  { file: "utf8-bom-crlf.csv", format: "linkedin-connections", rows: 3, accepted: 2, rejected: 1, errors: [[8, "(row)", "anonymous_member"]] },
  { file: "utf16le-bom-tabs.csv", format: "linkedin-connections", rows: 3, accepted: 3, rejected: 0 },
  { file: "windows-1252.csv", format: "linkedin-connections", rows: 3, accepted: 3, rejected: 0 },
  { file: "semicolon-spreadsheet.csv", format: "linkedin-connections", rows: 4, accepted: 3, rejected: 1, errors: [[7, "(row)", "anonymous_member"]] },
  { file: "reordered-columns.csv", format: "linkedin-connections", rows: 3, accepted: 3, rejected: 0 },
  { file: "deleted-column.csv", format: "linkedin-connections", rows: 3, accepted: 3, rejected: 0 },
  { file: "quoted-commas-newlines.csv", format: "linkedin-connections", rows: 3, accepted: 3, rejected: 0 },
  { file: "trailing-blank-lines.csv", format: "linkedin-connections", rows: 2, accepted: 2, rejected: 0 },
  { file: "no-final-newline.csv", format: "linkedin-connections", rows: 2, accepted: 2, rejected: 0 },
  {
    file: "invalid-values.csv",
    format: "linkedin-connections",
    rows: 12,
    accepted: 2,
    rejected: 10,
    errors: [
      [6, "Email Address", "invalid_email"],
      [7, "Connected On", "invalid_date"],
      [8, "URL", "invalid_profile_url"],
      [9, "Connected On", "invalid_date"],
      [10, "Connected On", "invalid_date"],
      [11, "(row)", "duplicate"],
      [12, "(row)", "missing_identity"],
      [14, "(row)", "anonymous_member"],
      [15, "URL", "invalid_profile_url"],
      [16, "Last Name", "too_long"],
    ],
  },
  { file: "unclosed-quote-middle.csv", format: "linkedin-connections", rows: 4, accepted: 3, rejected: 1, errors: [[6, "(row)", "malformed_csv"]] },
  { file: "unclosed-quote-to-eof.csv", format: "linkedin-connections", rows: 4, accepted: 3, rejected: 1, errors: [[3, "(row)", "malformed_csv"]] },
  { file: "ragged-rows.csv", format: "linkedin-connections", rows: 3, accepted: 2, rejected: 1, errors: [[3, "(row)", "column_count"]] },
  { file: "phantombuster.csv", format: "phantombuster", rows: 3, accepted: 3, rejected: 0 },
  { file: "sales-navigator.csv", format: "sales-navigator", rows: 3, accepted: 3, rejected: 0 },
  { file: "leaddelta.csv", format: "leaddelta", rows: 3, accepted: 3, rejected: 0 },
  { file: "hubspot.csv", format: "hubspot", rows: 3, accepted: 3, rejected: 0 },
  { file: "google-contacts-new.csv", format: "google-contacts", rows: 3, accepted: 3, rejected: 0 },
  { file: "google-contacts-old.csv", format: "google-contacts", rows: 3, accepted: 2, rejected: 1, errors: [[4, "(row)", "missing_identity"]] },
  { file: "unknown-layout.csv", format: "unknown", rows: 2, accepted: 0, rejected: 0 },
];

describe("connections corpus", () => {
  it.each(CASES)("$file → $format, $rows rows, $accepted accepted, $rejected rejected", (c) => {
    const parsed = parseConnectionsCsv(readCorpus(c.file), { fileName: c.file, now: NOW });
    expect(parsed.format).toBe(c.format);
    expect(parsed.rows).toBe(c.rows);
    expect(parsed.accepted.length).toBe(c.accepted);
    expect(parsed.rejected.length).toBe(c.rejected);
    expect(parsed.accepted.length + parsed.rejected.length).toBe(c.format === "unknown" ? 0 : parsed.rows);
    if (c.errors) expect(parsed.rejected.map((r) => [r.line, r.field, r.code])).toEqual(c.errors);
    for (const row of parsed.rejected) expect(row.file).toBe(c.file);
  });

  it("accepts every row of the real sample and keeps its 1833–1852 dates as written", () => {
    const parsed = parseConnectionsCsv(readCorpus("silkyrich__linkedin-export-viewer__Connections.csv"), { now: NOW });
    expect([parsed.rows, parsed.accepted.length, parsed.rejected.length]).toEqual([2000, 2000, 0]);
    expect(parsed.headerLine).toBe(4);
    // Python found 2000 distinct profile URLs (case-folded): one person per row.
    expect(new Set(parsed.accepted.map((r) => r.identityKey)).size).toBe(2000);
    expect(parsed.accepted[0]).toEqual({
      line: 5,
      identityKey: "li:fake-charles-babbage",
      profileUrl: "https://www.linkedin.com/in/fake-charles-babbage/",
      firstName: "Charles",
      lastName: "Babbage",
      email: "charles.babbage@example.com",
      company: "Analytical Engines (stealth)",
      position: "Founder & CTO",
      connectedOn: "1833-06-05",
    });
    expect(parsed.accepted.at(-1)).toMatchObject({ line: 2004, identityKey: "li:fake-faramir-tesla-1999", connectedOn: "1843-06-17" });
    // Earliest and latest "Connected On", from Python's datetime.strptime(..., "%d %b %Y").
    const dates = parsed.accepted.map((r) => r.connectedOn!).sort();
    expect([dates[0], dates.at(-1)]).toEqual(["1833-01-04", "1852-12-28"]);
  });

  it("inspectConnections summarises counts and errors, and asks for a mapping on unknown layouts", () => {
    const summary = inspectConnections(readCorpus("2022-preamble-six-columns.csv"), "Connections.csv");
    expect(summary).toEqual({
      format: "linkedin-connections",
      rows: 5,
      accepted: 3,
      rejected: 2,
      errors: [
        { line: 6, field: "(row)", code: "anonymous_member", message: expect.stringContaining("hid their profile") },
        { line: 8, field: "(row)", code: "anonymous_member", message: expect.stringContaining("hid their profile") },
      ],
    });
    const unknown = inspectConnections(readCorpus("unknown-layout.csv"), "contacts.csv");
    expect(unknown).toEqual({
      format: "unknown",
      rows: 2,
      accepted: 0,
      rejected: 2,
      errors: [{ line: 1, field: "(header)", code: "unknown_format", message: expect.stringContaining("mapping") }],
    });
  });
});
