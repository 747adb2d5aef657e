import { parse } from "csv-parse/sync";
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
}

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
 * Reads every record of a whole text, never throwing. Blank records are dropped (they are not
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
          break;
        }
      }
      if (!isBlankRecord(record)) out.push({ line, fields: record });
      line += inner + 1;
    }
    if (stopAt === records.length && !skip) return;
    const position = lineOffset(rest, line - startLine);
    const lineEnd = position === -1 ? -1 : rest.indexOf("\n", position);
    out.push({ line, fields: [position === -1 ? "" : rest.slice(position, lineEnd === -1 ? rest.length : lineEnd)], malformed: reason });
    if (lineEnd === -1) return;
    offset += lineEnd + 1;
    line += 1;
  }
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

function parseText(text: string, opts: TReadOptions, quoting: boolean): { records: string[][]; skip?: { index: number; reason: string } } {
  let skip: { index: number; reason: string } | undefined;
  // csv-parse creates an Error for every ragged record even when relaxed; without stack
  // traces those are cheap. Restored at once: parsing is synchronous.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const records = parse(text, {
      delimiter: opts.delimiter,
      quote: quoting ? '"' : false,
      relax_column_count: true,
      relax_quotes: true,
      skip_records_with_error: true,
      max_record_size: opts.maxRecordChars ?? 256 * 1024,
      on_skip: (error) => {
        // The parser reports how many records it emitted before this one; only the first
        // failure matters, as reading restarts there.
        skip ??= { index: Number(error?.records ?? 0), reason: describe(error) };
        return undefined;
      },
    });
    return { records, skip };
  } catch (error) {
    // Not expected with these options; reported as a broken first line instead of a crash.
    return { records: [], skip: { index: 0, reason: describe(error) } };
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
