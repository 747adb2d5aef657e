import fc from "fast-check";
import { ImportFileError } from "../errors";
import type { TRejectedRow } from "../types";

/** Test-only: arbitraries and invariants shared by the fuzz tests. */

const ROW_CODES = new Set([
  "anonymous_member",
  "stray_quote",
  "missing_identity",
  "invalid_profile_url",
  "invalid_email",
  "invalid_date",
  "too_long",
  "column_count",
  "malformed_csv",
  "duplicate",
  "invalid_value",
]);

/** CSV-ish text: delimiters, quotes, line breaks, BOM/NUL, and pieces of real values. */
export const csvishText = fc.string({
  unit: fc.constantFrom(
    ",", ",", '"', '"', "\n", "\r\n", "\r", ";", "\t", " ", "a", "Zoë", "1", "/", ":", "@", ".", "-",
    "\u0000", "\uFEFF", "\u0096", "https://www.linkedin.com/in/", "www.linkedin.com/in/x", "/sales/lead/ACwAA1,x",
    "Notes:", "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On",
    "profileUrl", "firstName", "E-mail 1 - Value", "Record ID", "Sales Navigator URL", "LinkedIn Profile", "Tags",
    "07 Mar 2020", "1/8/18, 6:14 PM", "2024-03-05 14:02:11 UTC", "31.12.2024", "13/13/13", "a@b.co",
    "From", "To", "Sent At", "Direction", "OUTGOING", "INCOMING", "DATE", "FROM", "IS MESSAGE DRAFT", "Yes",
    "Endorser Public Url", "Endorsement Date", "Text", "Creation Date",
  ),
  maxLength: 120,
});

/** Small edits to real bytes: flips, quotes, NULs, line breaks, deletions. */
export const mutation = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom("flip", "quote", "nul", "newline", "cr", "delete", "comma"),
  bits: fc.integer({ min: 1, max: 255 }),
});

export function mutate(source: Uint8Array, edits: Array<{ at: number; kind: string; bits: number }>, truncateAt?: number): Uint8Array {
  const bytes = [...source.subarray(0, truncateAt ?? source.length)];
  for (const edit of edits) {
    if (bytes.length === 0) break;
    const at = edit.at % bytes.length;
    const insert = { quote: 0x22, nul: 0, newline: 0x0a, cr: 0x0d, comma: 0x2c }[edit.kind as "quote"];
    if (edit.kind === "flip") bytes[at] = bytes[at]! ^ edit.bits;
    else if (edit.kind === "delete") bytes.splice(at, 1 + (edit.bits % 8));
    else bytes.splice(at, 0, insert!);
  }
  return new Uint8Array(bytes);
}

/** Runs a parser: it must return (then `check` holds) or throw ImportFileError, nothing else. */
export function returnsOrFileError<T>(parse: () => T, check: (result: T) => void): void {
  let result: T;
  try {
    result = parse();
  } catch (error) {
    if (error instanceof ImportFileError) return;
    throw error;
  }
  check(result);
}

export async function resolvesOrFileError<T>(parse: () => Promise<T>, check: (result: T) => void): Promise<void> {
  let result: T;
  try {
    result = await parse();
  } catch (error) {
    if (error instanceof ImportFileError) return;
    throw error;
  }
  check(result);
}

export function assertRejectedRows(rows: readonly TRejectedRow[], file: string): void {
  for (const row of rows) {
    if (!Number.isInteger(row.line) || row.line < 1) throw new Error(`bad line ${row.line}`);
    if (!ROW_CODES.has(row.code)) throw new Error(`unknown code ${row.code}`);
    if (typeof row.field !== "string" || row.field === "" || row.message === "") throw new Error("empty field or message");
    if (row.file !== file || !Array.isArray(row.raw)) throw new Error("bad file or raw");
  }
}
