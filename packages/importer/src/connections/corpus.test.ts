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
  /** Date-only rows (members LinkedIn hides): skipped, not rejected. */
  hidden?: number;
  errors?: Array<[line: number, field: string, code: string]>;
  /** Accepted rows with a field left blank: [line, field, code]. */
  warnings?: Array<[line: number, field: string, code: string]>;
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
    rejected: 0,
    hidden: 2, // lines 6 and 8
  },
  {
    file: "2024-preamble-url.csv",
    format: "linkedin-connections",
    rows: 6,
    accepted: 4,
    rejected: 0,
    hidden: 2, // lines 6 and 9
  },
  { file: "utf8-bom-crlf.csv", format: "linkedin-connections", rows: 3, accepted: 2, rejected: 0, hidden: 1 },
  { file: "utf16le-bom-tabs.csv", format: "linkedin-connections", rows: 3, accepted: 3, rejected: 0 },
  { file: "windows-1252.csv", format: "linkedin-connections", rows: 3, accepted: 3, rejected: 0 },
  { file: "semicolon-spreadsheet.csv", format: "linkedin-connections", rows: 4, accepted: 3, rejected: 0, hidden: 1 },
  { file: "reordered-columns.csv", format: "linkedin-connections", rows: 3, accepted: 3, rejected: 0 },
  { file: "deleted-column.csv", format: "linkedin-connections", rows: 3, accepted: 3, rejected: 0 },
  { file: "quoted-commas-newlines.csv", format: "linkedin-connections", rows: 3, accepted: 3, rejected: 0 },
  { file: "trailing-blank-lines.csv", format: "linkedin-connections", rows: 2, accepted: 2, rejected: 0 },
  { file: "no-final-newline.csv", format: "linkedin-connections", rows: 2, accepted: 2, rejected: 0 },
  {
    file: "invalid-values.csv",
    format: "linkedin-connections",
    rows: 12,
    accepted: 6,
    rejected: 5,
    hidden: 1, // line 14
    errors: [
      [8, "URL", "invalid_profile_url"],
      [11, "(row)", "duplicate"],
      [12, "(row)", "missing_identity"],
      [15, "URL", "invalid_profile_url"],
      [16, "Last Name", "too_long"],
    ],
    // A bad optional field keeps the person, with the field left blank.
    warnings: [
      [6, "Email Address", "invalid_email"],
      [7, "Connected On", "invalid_date"],
      [9, "Connected On", "invalid_date"],
      [10, "Connected On", "invalid_date"],
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
  // Issue 16 items 5–7, a real-looking 2025 export: 15 data rows (lines 5–19). Five are date-only
  // hidden members (7, 11, 13, 17, 19); Jane's email "jane.doe@gmail" (6) and Wei's 559-character
  // position (9) are blanked, not the people; the stray quote of "Rahul,"Jones, Jr." (10) has
  // exactly one repair; "Ana,"Lima, "Jr." (16) has none and is rejected. 15 − 5 − 1 = 9 accepted.
  {
    file: "2025-hidden-warnings-stray-quotes.csv",
    format: "linkedin-connections",
    rows: 15,
    accepted: 9,
    rejected: 1,
    hidden: 5,
    errors: [[16, "(row)", "stray_quote"]],
    warnings: [
      [6, "Email Address", "invalid_email"],
      [9, "Position", "too_long"],
      [10, "(row)", "stray_quote"],
    ],
  },
  // A valid but 3,145,728-character unquoted Position on line 3: over the record-length limit.
  { file: "long-value-3mb.csv", format: "linkedin-connections", rows: 3, accepted: 2, rejected: 1, errors: [[3, "(row)", "too_long"]] },
];

describe("connections corpus", () => {
  it.each(CASES)("$file → $format, $rows rows, $accepted accepted, $rejected rejected", (c) => {
    const parsed = parseConnectionsCsv(readCorpus(c.file), { fileName: c.file, now: NOW });
    expect(parsed.format).toBe(c.format);
    expect(parsed.rows).toBe(c.rows);
    expect(parsed.accepted.length).toBe(c.accepted);
    expect(parsed.rejected.length).toBe(c.rejected);
    expect(parsed.hidden).toBe(c.hidden ?? 0);
    expect(parsed.accepted.length + parsed.rejected.length + parsed.hidden).toBe(c.format === "unknown" ? 0 : parsed.rows);
    expect(parsed.rejected.map((r) => [r.line, r.field, r.code])).toEqual(c.errors ?? []);
    expect(parsed.warnings.map((r) => [r.line, r.field, r.code])).toEqual(c.warnings ?? []);
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

  it("keeps people with a bad optional field, repairs a single stray quote, and says why", () => {
    const parsed = parseConnectionsCsv(readCorpus("2025-hidden-warnings-stray-quotes.csv"), { now: NOW });
    const byLine = new Map(parsed.accepted.map((r) => [r.line, r]));
    expect(byLine.get(6)).toMatchObject({ firstName: "Jane", lastName: "Doe", email: null, company: "Acme Corp", identityKey: "li:janedoe" });
    expect(byLine.get(9)).toMatchObject({ firstName: "Wei", lastName: "Zhang", position: null, company: "ByteDance" });
    expect(byLine.get(10)).toMatchObject({ firstName: "Rahul", lastName: "Jones, Jr.", company: "Deloitte", identityKey: "li:rahul-jones-jr" });
    const warning = (line: number) => parsed.warnings.find((w) => w.line === line)!.message;
    expect(warning(6)).toBe('"jane.doe@gmail" is not an email address (expected name@domain.tld). The person was kept with Email Address left blank.');
    expect(warning(9)).toBe("The position is 559 characters long; at most 500 are allowed. The person was kept with Position left blank.");
    expect(warning(10)).toContain('read as first name "Rahul", last name "Jones, Jr."');
    expect(parsed.rejected[0]!.message).toContain("stray quote");
    expect(parsed.rejected[0]!.raw[0]).toBe('"Ana,"Lima');
  });

  it("inspectConnections summarises counts and errors, and asks for a mapping on unknown layouts", () => {
    const summary = inspectConnections(readCorpus("2022-preamble-six-columns.csv"), "Connections.csv");
    expect(summary).toEqual({
      format: "linkedin-connections",
      rows: 5,
      accepted: 3,
      rejected: 0,
      hidden: 2,
      errors: [],
      warnings: [],
    });
    const unknown = inspectConnections(readCorpus("unknown-layout.csv"), "contacts.csv");
    expect(unknown).toEqual({
      format: "unknown",
      rows: 2,
      accepted: 0,
      rejected: 2,
      hidden: 0,
      warnings: [],
      errors: [{ line: 1, field: "(header)", code: "unknown_format", message: expect.stringContaining("mapping") }],
    });
  });
});
