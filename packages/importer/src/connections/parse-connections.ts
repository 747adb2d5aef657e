import { ImportFileError, type TRowErrorCode } from "../errors";
import { detectDelimiter, normalizeNewlines, readRecords, recordCaps, tooManyRows, type TCsvRecord } from "../text/csv";
import { decodeText } from "../text/decode";
import type { TColumnMapping, TConnectionRow, TParsedConnections, TRejectedRow } from "../types";
import { checkQuotes, hasQuoteLeftovers } from "./stray-quote";
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
/**
 * Bytes a connections file may have: 60,000 rows of even a wide contacts export stay far below
 * it, and it bounds the decoded text the worker holds (its heap is 384 MB).
 */
export const MAX_CONNECTIONS_BYTES = 64 * 1024 * 1024;
const SAMPLE_ROWS = 5;

/**
 * Reads a connections CSV (LinkedIn's or another tool's). Throws only ImportFileError, for
 * problems with the whole file (including the size, row and value caps, checked while the
 * records are read); every data row ends up accepted (perhaps with warnings for fields left
 * blank), rejected with its line, field, code and message, or counted as a hidden member. An
 * unrecognised layout without a mapping returns no rows but the headers, signature and a
 * sample, so the caller can ask the user for a mapping.
 */
export function parseConnectionsCsv(bytes: Uint8Array, opts: TParseConnectionsOptions = {}): TParsedConnections {
  const fileName = opts.fileName ?? "Connections.csv";
  assertConnectionsSize(fileName, bytes.length);
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const decoded = decodeText(bytes);
  const { encoding } = decoded;
  const text = normalizeNewlines(decoded.text);
  const delimiter = detectDelimiter(text);
  let records = readRecords(text, { delimiter, caps: recordCaps(fileName, maxRows) });
  let header = findHeader(records);
  if (!header) throw noHeader(fileName);
  if (hasMisalignedMultiLineRecord(records, header)) {
    // Knowing the header's width, a second pass can tell a stray quote from a quoted newline.
    records = readRecords(text, { delimiter, expectedFields: header.headers.length, expectFromLine: header.line + 1, caps: recordCaps(fileName, maxRows) });
    header = findHeader(records);
    if (!header) throw noHeader(fileName);
  }

  const data = records.slice(header.index + 1);
  if (data.length > maxRows) throw tooManyRows(fileName, maxRows, data.length);

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
    hidden: 0,
    warnings: [],
    sample: data.slice(0, SAMPLE_ROWS).map((r) => r.fields),
  };
  if (!plan) return result;

  const dateColumn = plan.candidates.get("connectedOn")?.[0];
  const dayFirst = dateColumn !== undefined && detectDayFirst(data.map((r) => r.fields[dateColumn] ?? ""));
  const dateHint = { dayFirst, now: opts.now ?? new Date() };
  const firstLineOf = new Map<string, number>();
  const reject = (record: TCsvRecord, field: string, code: TRowErrorCode, message: string) =>
    result.rejected.push(rejection(fileName, record, field, code, message));

  const lines = lineReader(text);
  const width = header.headers.length;
  for (const original of data) {
    let record = original;
    if (record.malformed) {
      reject(record, "(row)", record.malformedCode ?? "malformed_csv", record.malformed);
      continue;
    }
    let repaired = false;
    if (hasQuoteLeftovers(record.fields) && !record.fields.some((f) => f.includes("\n"))) {
      const check = checkQuotes(lines.line(record.line), delimiter, width);
      if (check.kind === "broken") {
        reject(record, "(row)", "stray_quote", STRAY_QUOTE);
        continue;
      }
      if (check.kind === "repaired") {
        record = { line: record.line, fields: check.fields };
        repaired = true;
      }
    }
    const outcome = buildRow(record, header, plan, dateHint);
    if (!outcome.ok) {
      if (outcome.error.code === "anonymous_member") result.hidden++;
      else reject(original, outcome.error.field, outcome.error.code, outcome.error.message);
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
    if (repaired) result.warnings.push({ line: row.line, field: "(row)", code: "stray_quote", message: repairedMessage(row), file: fileName });
    for (const w of outcome.warnings) result.warnings.push({ line: row.line, ...w, file: fileName });
  }
  return result;
}

const STRAY_QUOTE =
  'A stray quote (") breaks the columns of this row, so it was not read. Put quotes only around whole values and double any quote inside one (""), then upload the file again.';

function repairedMessage(row: TConnectionRow): string {
  return `A stray quote (") was removed to read this row: it was read as first name "${row.firstName}", last name "${row.lastName}". Check it in the file.`;
}

/** The text of physical lines in increasing order, walking the text once (no array of lines). */
function lineReader(text: string) {
  let lineNo = 1;
  let offset = 0;
  return {
    line(n: number): string {
      if (n < lineNo) {
        lineNo = 1;
        offset = 0;
      }
      while (lineNo < n && offset !== -1) {
        const next = text.indexOf("\n", offset);
        offset = next === -1 ? -1 : next + 1;
        lineNo++;
      }
      if (offset === -1) return "";
      const end = text.indexOf("\n", offset);
      return text.slice(offset, end === -1 ? text.length : end);
    },
  };
}

/** Throws before a connections file is read whole when it is larger than any real one. */
export function assertConnectionsSize(fileName: string, bytes: number): void {
  if (bytes <= MAX_CONNECTIONS_BYTES) return;
  const mb = (n: number) => `${Math.ceil(n / (1024 * 1024)).toLocaleString("en")} MB`;
  throw new ImportFileError(
    "file_too_large",
    `${fileName} is ${mb(bytes)}; a connections file may be at most ${mb(MAX_CONNECTIONS_BYTES)} (far more than ${DEFAULT_MAX_ROWS.toLocaleString("en")} rows need). Check that it is the right file, or split it.`,
  );
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
