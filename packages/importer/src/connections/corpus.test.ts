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
  // header), every "Connected On" between 1833 and 1852: all before LinkedIn existed.
  { file: "silkyrich__linkedin-export-viewer__Connections.csv", format: "linkedin-connections", rows: 2000, accepted: 0, rejected: 2000 },
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

  it("rejects every row of the real sample for its pre-2003 dates, and accepts all of them once the years are moved into LinkedIn's lifetime", () => {
    const bytes = readCorpus("silkyrich__linkedin-export-viewer__Connections.csv");
    const parsed = parseConnectionsCsv(bytes, { now: NOW });
    expect(new Set(parsed.rejected.map((r) => `${r.field}/${r.code}`))).toEqual(new Set(["Connected On/invalid_date"]));
    expect(parsed.rejected[0]).toMatchObject({ line: 5, raw: expect.arrayContaining(["Charles", "Babbage"]) });

    // 1833–1852 + 170 years = 2003–2022. Python found 2000 distinct profile URLs (case-folded).
    const shifted = Buffer.from(bytes).toString("utf8").replace(/ (18\d\d)(\r?\n|$)/g, (_m, y: string, end: string) => ` ${Number(y) + 170}${end}`);
    const moved = parseConnectionsCsv(new TextEncoder().encode(shifted), { now: NOW });
    expect([moved.rows, moved.accepted.length, moved.rejected.length]).toEqual([2000, 2000, 0]);
    expect(moved.headerLine).toBe(4);
    expect(moved.accepted[0]).toEqual({
      line: 5,
      identityKey: "li:fake-charles-babbage",
      profileUrl: "https://www.linkedin.com/in/fake-charles-babbage/",
      firstName: "Charles",
      lastName: "Babbage",
      email: "charles.babbage@example.com",
      company: "Analytical Engines (stealth)",
      position: "Founder & CTO",
      connectedOn: "2003-06-05",
    });
    expect(moved.accepted.at(-1)!.line).toBe(2004);
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
