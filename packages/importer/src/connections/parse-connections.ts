import { ImportFileError, type TRowErrorCode } from "../errors";
import { detectDelimiter, readRecords, type TCsvRecord } from "../text/csv";
import { decodeText } from "../text/decode";
import type { TColumnMapping, TConnectionRow, TParsedConnections, TRejectedRow } from "../types";
import { planFromFormat, planFromMapping } from "./columns";
import { findHeader, headerSignature, type THeaderRow } from "./headers";
import { detectDayFirst } from "./normalize";
import { buildRow } from "./row";

export interface TParseConnectionsOptions {
  fileName?: string;
  /** Column mapping for a layout that is not recognised (ignored for known layouts). */
  mapping?: TColumnMapping;
  /** More data rows than this → ImportFileError("too_many_rows"). Default 60,000. */
  maxRows?: number;
  /** "Now" for the future-date check; tests pin it. */
  now?: Date;
}

export const DEFAULT_MAX_ROWS = 60_000;
const SAMPLE_ROWS = 5;

/**
 * Reads a connections CSV (LinkedIn's or another tool's). Throws only ImportFileError, for
 * problems with the whole file; every data row ends up either accepted or rejected with its
 * line, field, code and message. An unrecognised layout without a mapping returns no rows
 * but the headers, signature and a sample, so the caller can ask the user for a mapping.
 */
export function parseConnectionsCsv(bytes: Uint8Array, opts: TParseConnectionsOptions = {}): TParsedConnections {
  const fileName = opts.fileName ?? "Connections.csv";
  const { text, encoding } = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  let records = readRecords(text, { delimiter });
  let header = findHeader(records);
  if (!header) throw noHeader(fileName);
  if (hasMisalignedMultiLineRecord(records, header)) {
    // Knowing the header's width, a second pass can tell a stray quote from a quoted newline.
    records = readRecords(text, { delimiter, expectedFields: header.headers.length, expectFromLine: header.line + 1 });
    header = findHeader(records);
    if (!header) throw noHeader(fileName);
  }

  const data = records.slice(header.index + 1);
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  if (data.length > maxRows) {
    throw new ImportFileError(
      "too_many_rows",
      `${fileName} has ${data.length} rows; at most ${maxRows} can be imported at once. Split the file and import the parts.`,
    );
  }

  const plan = header.def ? planFromFormat(header.def, header) : opts.mapping ? planFromMapping(opts.mapping, header) : null;
  const result: TParsedConnections = {
    format: header.def ? header.format : plan ? "mapped" : "unknown",
    fileName,
    encoding,
    delimiter,
    headerLine: header.line,
    headers: header.headers,
    signature: headerSignature(header.headers),
    mapping: plan?.mapping ?? {},
    rows: data.length,
    accepted: [],
    rejected: [],
    sample: data.slice(0, SAMPLE_ROWS).map((r) => r.fields),
  };
  if (!plan) return result;

  const dateColumn = plan.candidates.get("connectedOn")?.[0];
  const dayFirst = dateColumn !== undefined && detectDayFirst(data.map((r) => r.fields[dateColumn] ?? ""));
  const dateHint = { dayFirst, now: opts.now ?? new Date() };
  const firstLineOf = new Map<string, number>();
  const reject = (record: TCsvRecord, field: string, code: TRowErrorCode, message: string) =>
    result.rejected.push(rejection(fileName, record, field, code, message));

  for (const record of data) {
    if (record.malformed) {
      reject(record, "(row)", "malformed_csv", record.malformed);
      continue;
    }
    const outcome = buildRow(record, header, plan, dateHint);
    if (!outcome.ok) {
      reject(record, outcome.error.field, outcome.error.code, outcome.error.message);
      continue;
    }
    const row: TConnectionRow = outcome.row;
    const earlier = firstLineOf.get(row.identityKey);
    if (earlier !== undefined) {
      reject(record, "(row)", "duplicate", `Same person as line ${earlier} (${row.identityKey}); only the first row is kept.`);
      continue;
    }
    firstLineOf.set(row.identityKey, row.line);
    result.accepted.push(row);
  }
  return result;
}

export function rejection(file: string, record: TCsvRecord, field: string, code: TRowErrorCode, message: string): TRejectedRow {
  return { line: record.line, field, code, message, file, raw: record.fields };
}

/** A quoted value spanning lines whose row has the wrong width: likely a quote never closed. */
function hasMisalignedMultiLineRecord(records: readonly TCsvRecord[], header: THeaderRow): boolean {
  const width = header.headers.length;
  for (let i = header.index + 1; i < records.length; i++) {
    const fields = records[i]!.fields;
    if (fields.length === width || !fields.some((f) => f.includes("\n"))) continue;
    if (fields.length < width || fields.slice(width).some((f) => f !== "")) return true;
  }
  return false;
}

function noHeader(fileName: string): ImportFileError {
  return new ImportFileError(
    "no_header",
    `No header row was found in ${fileName}: the first lines should name the columns (First Name, Last Name, URL...).`,
  );
}
