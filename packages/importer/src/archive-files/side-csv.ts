import { ImportFileError, type TRowErrorCode } from "../errors";
import { normalizeHeader } from "../connections/formats";
import { detectDayFirst, parseDate } from "../connections/dates";
import { detectDelimiter, readRecords, recordCaps, type TCsvRecord } from "../text/csv";
import { decodeText } from "../text/decode";
import type { TRejectedRow } from "../types";

/** A small archive file (Invitations, Endorsements, Recommendations) read whole. */
export interface TSideTable {
  file: string;
  headerLine: number;
  headers: string[];
  /** Data records after the header (blank lines dropped). */
  records: TCsvRecord[];
  /** Index of the first header matching one of the names (normalised), if any. */
  column(...names: string[]): number | undefined;
}

const HEADER_SCAN_RECORDS = 30;
/** Far more invitations, endorsements or recommendations than any account has: refused while read. */
export const MAX_SIDE_ROWS = 200_000;

/**
 * Decodes and reads a side file, finding its header by names (case and spacing ignored):
 * the first of the first 30 records that contains every `required` name.
 */
export function readSideCsv(bytes: Uint8Array, file: string, required: readonly string[]): TSideTable {
  const { text } = decodeText(bytes);
  const records = readRecords(text, { delimiter: detectDelimiter(text), caps: recordCaps(file, MAX_SIDE_ROWS) });
  const wanted = required.map(normalizeHeader);
  const limit = Math.min(records.length, HEADER_SCAN_RECORDS);
  for (let index = 0; index < limit; index++) {
    const record = records[index]!;
    if (record.malformed) continue;
    const normalized = record.fields.map(normalizeHeader);
    if (!wanted.every((name) => normalized.includes(name))) continue;
    return {
      file,
      headerLine: record.line,
      headers: record.fields.map((f) => f.replace(/^\uFEFF/, "").trim()),
      records: records.slice(index + 1),
      column: (...names) => {
        for (const name of names) {
          const at = normalized.indexOf(normalizeHeader(name));
          if (at !== -1) return at;
        }
        return undefined;
      },
    };
  }
  throw new ImportFileError("no_header", `No header row with ${required.join(", ")} was found in ${file}.`);
}

export function sideRejection(table: Pick<TSideTable, "file" | "headers">, record: TCsvRecord, column: number | undefined, code: TRowErrorCode, message: string, raw: string[] = record.fields): TRejectedRow {
  const field = column === undefined ? "(row)" : (table.headers[column] ?? "(row)");
  return { line: record.line, field, code, message, file: table.file, raw };
}

export function cell(record: TCsvRecord, column: number | undefined): string {
  return column === undefined ? "" : (record.fields[column] ?? "").trim();
}

/**
 * Reads one optional date cell: blank → null, unreadable or implausible → the error message.
 * `dayFirst` comes from the whole column (see detectDayFirst).
 */
export function readDateCell(value: string, dayFirst: boolean, now: Date): { at: Date | null } | { error: string } {
  if (value === "") return { at: null };
  const result = parseDate(value, { dayFirst, now });
  return result.ok ? { at: result.at } : { error: result.message };
}

export function columnDayFirst(records: readonly TCsvRecord[], column: number | undefined): boolean {
  if (column === undefined) return false;
  return detectDayFirst(records.map((r) => r.fields[column] ?? ""));
}
