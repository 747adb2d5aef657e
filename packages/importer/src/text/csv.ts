import { parse } from "csv-parse/sync";

export { detectDelimiter, type TDelimiter } from "./delimiter";

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

interface TStop {
  offset: number; // where the failed record starts, within the parsed text
  line: number;
  consumed: number; // characters the parser went through, charged to the re-parse budget
  reason: string;
}

class StopParse extends Error {}

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
 */
export function readRecords(input: string, opts: TReadOptions): TCsvRecord[] {
  const text = normalizeNewlines(input);
  const out: TCsvRecord[] = [];
  let offset = 0;
  let line = opts.firstLine ?? 1;
  // Each restart re-parses the rest of the text; past this budget (only hostile files get
  // there) the rest is read without quote handling, which always terminates quickly.
  let budget = text.length * 4 + 1_000_000;
  while (offset < text.length) {
    const rest = offset === 0 ? text : text.slice(offset);
    const stop = parseUntilProblem(rest, line, opts, budget > 0, out);
    if (!stop) break;
    budget -= stop.consumed;
    const lineEnd = rest.indexOf("\n", stop.offset);
    const lineText = rest.slice(stop.offset, lineEnd === -1 ? rest.length : lineEnd);
    out.push({ line: stop.line, fields: [lineText], malformed: stop.reason });
    if (lineEnd === -1) break;
    offset += lineEnd + 1;
    line = stop.line + 1;
  }
  return out;
}

function parseUntilProblem(text: string, firstLine: number, opts: TReadOptions, quoting: boolean, out: TCsvRecord[]): TStop | null {
  let line = firstLine;
  let offset = 0;
  let stop: TStop | null = null;
  const expected = opts.expectedFields;
  const expectFrom = opts.expectFromLine ?? 1;
  try {
    parse(text, {
      delimiter: opts.delimiter,
      quote: quoting ? '"' : false,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_records_with_error: true,
      max_record_size: opts.maxRecordChars ?? 256 * 1024,
      on_record: (value: unknown) => {
        const { record, raw } = value as { record: string[]; raw: string };
        const breaks = countNewlines(raw);
        const inner = raw.endsWith("\n") ? breaks - 1 : breaks;
        if (inner > 0) {
          const reason = swallowedLines(record, expected !== undefined && line >= expectFrom ? expected : undefined);
          if (reason) {
            stop = { offset, line, consumed: offset + raw.length, reason };
            throw new StopParse();
          }
        }
        if (!isBlankRecord(record)) out.push({ line, fields: record });
        line += breaks;
        offset += raw.length;
        return null;
      },
      on_skip: (error, raw) => {
        stop = { offset, line, consumed: offset + (raw?.length ?? 0), reason: describe(error) };
        throw new StopParse();
      },
    });
  } catch (error) {
    if (!(error instanceof StopParse)) {
      // Not expected from csv-parse with these options; report it instead of losing the file.
      stop = { offset, line, consumed: text.length, reason: describe(error) };
    }
  }
  return stop;
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

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `The CSV quoting is broken here and the line could not be read (${message.slice(0, 200)}).`;
}
