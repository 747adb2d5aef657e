import { parse } from "csv-parse/sync";
import { ImportFileError } from "../errors";
import { lastRecordBoundary } from "./record-boundary";

export { detectDelimiter, type TDelimiter } from "./delimiter";
export { lastRecordBoundary } from "./record-boundary";

export interface TCsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  /** Fields as read; for a malformed record, the one physical line that could not be read. */
  fields: string[];
  /** Set when quoting could not be recovered: the parser's explanation. */
  malformed?: string;
  /** Why the record could not be read: broken quoting, or longer than maxRecordChars. */
  malformedCode?: "malformed_csv" | "too_long";
}

/**
 * Caps checked while records are read, before they are held: a hostile file (millions of tiny
 * lines, or of empty fields) is refused after one block instead of exhausting the worker's heap.
 * The counters run across calls, so a streaming reader can share one object between blocks.
 */
export interface TRecordCaps {
  file: string;
  /** Data rows the user may import; the message names this number. */
  maxRows: number;
  /** Non-blank records allowed in all (data rows plus a preamble and header). */
  maxRecords: number;
  /** Fields summed over every non-blank record. */
  maxFields: number;
  records: number;
  fields: number;
}

export const DEFAULT_MAX_FIELDS = 3_000_000;
/** Preamble lines and header a file may have on top of its data rows. */
export const HEADER_ALLOWANCE = 31;

export function recordCaps(file: string, maxRows: number, maxFields = DEFAULT_MAX_FIELDS): TRecordCaps {
  return { file, maxRows, maxRecords: maxRows + HEADER_ALLOWANCE, maxFields, records: 0, fields: 0 };
}

export function tooManyRows(file: string, maxRows: number, found?: number): ImportFileError {
  const count = found === undefined ? `more than ${maxRows.toLocaleString("en")}` : found.toLocaleString("en");
  return new ImportFileError(
    "too_many_rows",
    `${file} has ${count} rows; at most ${maxRows.toLocaleString("en")} can be imported at once. Split the file and import the parts.`,
  );
}

function tooManyValues(caps: TRecordCaps): ImportFileError {
  return new ImportFileError(
    "too_many_values",
    `${caps.file} has more than ${caps.maxFields.toLocaleString("en")} values (cells) in all, far more than an export of ${caps.maxRows.toLocaleString("en")} rows has; it was not read. Check that it is the right file, or split it.`,
  );
}

/** Stored copies of unreadable lines are clipped: the user fixes the file, not this copy. */
const MAX_RAW_CHARS = 10_000;
const DEFAULT_MAX_RECORD_CHARS = 256 * 1024;
const BLANK: string[] = [""];

export interface TReadOptions {
  delimiter: string;
  /** Line number of the text's first line (the streaming reader parses blocks). */
  firstLine?: number;
  /**
   * Fields a data record should have (the header's count). A multi-line record with another
   * count is taken for an unclosed quote that swallowed the following lines.
   */
  expectedFields?: number;
  /** expectedFields only applies from this line on (the header line + 1). */
  expectFromLine?: number;
  /** Longest record, in characters, before the parser gives up on it. */
  maxRecordChars?: number;
  /** Row and value caps; reading throws ImportFileError as soon as one is passed. */
  caps?: TRecordCaps;
}

/** The first block is small so the data rows after a preamble start a block of their own. */
const FIRST_BLOCK_CHARS = 2 * 1024;
const BLOCK_CHARS = 64 * 1024;

export function normalizeNewlines(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

/** A record with no content at all: a blank line, or one a spreadsheet padded with delimiters. */
export function isBlankRecord(fields: readonly string[]): boolean {
  return fields.every((f) => f.trim() === "");
}

/**
 * Reads every record of a whole text, throwing only when a cap in `opts.caps` is passed. Blank records are dropped (they are not
 * data rows). When quoting breaks (an opening quote never closed, or one that swallowed the
 * following lines), the record's first physical line becomes a `malformed` record and reading
 * starts again on the next line, so the rows after a bad one are still read.
 *
 * The text is read in blocks cut at record boundaries: a restart then re-reads one block, not
 * the rest of the file, and csv-parse (which builds a costly error object for every record
 * whose width differs from its first record's) sees data rows apart from any preamble.
 */
export function readRecords(input: string, opts: TReadOptions): TCsvRecord[] {
  const text = normalizeNewlines(input);
  const out: TCsvRecord[] = [];
  let line = opts.firstLine ?? 1;
  let start = 0;
  let target = FIRST_BLOCK_CHARS;
  while (start < text.length) {
    const end = blockEnd(text, start, target, opts.delimiter);
    const block = text.slice(start, end);
    readBlock(block, line, opts, out);
    line += countNewlines(block);
    start = end;
    target = BLOCK_CHARS;
  }
  return out;
}

function blockEnd(text: string, start: number, target: number, delimiter: string): number {
  for (let size = target; start + size < text.length; size *= 2) {
    const cut = lastRecordBoundary(text.slice(start, start + size), delimiter);
    if (cut > 0) return start + cut;
  }
  return text.length;
}

function readBlock(block: string, firstLine: number, opts: TReadOptions, out: TCsvRecord[]): void {
  let offset = 0;
  let line = firstLine;
  // Each restart re-reads the rest of the block; past this budget (only hostile files get
  // there) the rest is read without quote handling, which cannot fail.
  let budget = block.length * 16 + BLOCK_CHARS;
  while (offset < block.length) {
    const rest = offset === 0 ? block : block.slice(offset);
    const { records, skip } = parseText(rest, opts, budget > 0);
    budget -= rest.length;
    const expected = opts.expectedFields;
    const expectFrom = opts.expectFromLine ?? 1;
    let stopAt = skip ? Math.min(skip.index, records.length) : records.length;
    let reason = skip?.reason ?? "";
    let code: TCsvRecord["malformedCode"] = "malformed_csv";
    let fromSkip = skip !== undefined;
    const startLine = line;
    for (let i = 0; i < stopAt; i++) {
      const record = records[i]!;
      // Newlines are normalised to \n, and every character of a record except delimiters,
      // quotes and its terminator ends up in a field: its line breaks are the fields' ones.
      const inner = record.some((f) => f.includes("\n")) ? record.reduce((n, f) => n + countNewlines(f), 0) : 0;
      if (inner > 0) {
        const why = swallowedLines(record, expected !== undefined && line >= expectFrom ? expected : undefined);
        if (why) {
          stopAt = i;
          reason = why;
          fromSkip = false;
          break;
        }
      }
      if (!isBlankRecord(record)) {
        out.push({ line, fields: record });
        if (opts.caps) commitCaps(opts.caps, record.length);
      }
      line += inner + 1;
    }
    if (stopAt === records.length && !skip) return;
    const position = lineOffset(rest, line - startLine);
    const lineEnd = position === -1 ? -1 : rest.indexOf("\n", position);
    const raw = position === -1 ? "" : rest.slice(position, lineEnd === -1 ? rest.length : lineEnd);
    const limit = opts.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
    if (fromSkip && skip?.code === "CSV_MAX_RECORD_SIZE" && raw.length > limit) {
      // One physical line over the limit is a long value, not a quote that swallowed lines.
      code = "too_long";
      reason = `This row is ${raw.length.toLocaleString("en")} characters long; a row may have at most ${limit.toLocaleString("en")} characters, so it was not read. Shorten its longest value.`;
    }
    out.push({ line, fields: [clip(raw)], malformed: reason, malformedCode: code });
    if (opts.caps) commitCaps(opts.caps, 1);
    if (lineEnd === -1) return;
    offset += lineEnd + 1;
    line += 1;
  }
}

function clip(raw: string): string {
  return raw.length > MAX_RAW_CHARS ? `${raw.slice(0, MAX_RAW_CHARS)}… (${(raw.length - MAX_RAW_CHARS).toLocaleString("en")} more characters not shown)` : raw;
}

function commitCaps(caps: TRecordCaps, fields: number): void {
  caps.records++;
  caps.fields += fields;
  if (caps.records > caps.maxRecords) throw tooManyRows(caps.file, caps.maxRows);
  if (caps.fields > caps.maxFields) throw tooManyValues(caps);
}

/** Where the text's n-th line (0-based) starts, or -1 past the end. */
function lineOffset(text: string, n: number): number {
  let position = 0;
  for (let k = 0; k < n; k++) {
    const next = text.indexOf("\n", position);
    if (next === -1) return -1;
    position = next + 1;
  }
  return position;
}

type TSkip = { index: number; reason: string; code: unknown };

function parseText(text: string, opts: TReadOptions, quoting: boolean): { records: string[][]; skip?: TSkip } {
  let skip: TSkip | undefined;
  // Counted as csv-parse emits records, so a cap stops the parse before its output is held.
  const caps = opts.caps;
  let records = 0;
  let fields = 0;
  let exceeded: ImportFileError | undefined;
  // csv-parse creates an Error for every ragged record even when relaxed; without stack
  // traces those are cheap. Restored at once: parsing is synchronous.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const parsed: string[][] = parse(text, {
      delimiter: opts.delimiter,
      quote: quoting ? '"' : false,
      relax_column_count: true,
      relax_quotes: true,
      skip_records_with_error: true,
      max_record_size: opts.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS,
      on_record: (record: string[]) => {
        // Blank lines share one array: a file of millions of empty lines holds no records.
        if (isBlankRecord(record)) return BLANK;
        if (caps && !exceeded) {
          records++;
          fields += record.length;
          if (caps.records + records > caps.maxRecords) exceeded = tooManyRows(caps.file, caps.maxRows);
          else if (caps.fields + fields > caps.maxFields) exceeded = tooManyValues(caps);
          if (exceeded) throw exceeded;
        }
        return record;
      },
      on_skip: (error) => {
        // The parser reports how many records it emitted before this one; only the first
        // failure matters, as reading restarts there.
        skip ??= { index: Number(error?.records ?? 0), reason: describe(error), code: (error as { code?: unknown } | undefined)?.code };
        return undefined;
      },
    });
    if (exceeded) throw exceeded;
    return { records: parsed, skip };
  } catch (error) {
    if (exceeded) throw exceeded;
    // Not expected with these options; reported as a broken first line instead of a crash.
    return { records: [], skip: { index: 0, reason: describe(error), code: (error as { code?: unknown } | undefined)?.code } };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** Why a multi-line record looks like a broken quote rather than a quoted newline, or null. */
function swallowedLines(record: string[], expected: number | undefined): string | null {
  // relax_quotes keeps an opening quote it could not match as text: a field starting with a
  // quote and running over several lines is an opening quote that was never closed.
  if (record.some((f) => f.startsWith('"') && f.includes("\n"))) {
    return "An opening quote is never closed, so the following lines ran into this one.";
  }
  if (expected !== undefined && !alignsWith(record, expected)) {
    return `A quote spans several lines and leaves ${record.length} fields instead of ${expected}: probably a stray quote.`;
  }
  return null;
}

function alignsWith(record: string[], expected: number): boolean {
  if (record.length === expected) return true;
  if (record.length < expected) return false;
  return record.slice(expected).every((f) => f === "");
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

/** csv-parse's messages name lines within a block; the user gets the reason in plain words. */
function describe(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === "CSV_QUOTE_NOT_CLOSED") return "An opening quote is never closed, so the rest of the file ran into this line.";
  if (code === "CSV_MAX_RECORD_SIZE") return "This line starts a value that never ends (probably an unclosed quote).";
  return "The quoting on this line is broken, so the line could not be read.";
}
