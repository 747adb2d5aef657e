import { detectDelimiter } from "./delimiter";
import { lastRecordBoundary, readRecords, type TCsvRecord } from "./csv";

const BLOCK_CHARS = 256 * 1024;
/** Without a record boundary in this much text, cut at a line end anyway (memory bound). */
const MAX_PENDING_CHARS = 8 * 1024 * 1024;

export interface TStreamReadOptions {
  delimiter?: string;
  maxRecordChars?: number;
}

/**
 * Reads records from a stream of text chunks, holding only one block at a time. Blocks end on a
 * record boundary (found with the same relaxed quoting rules as csv-parse) and each is read with
 * readRecords, so streaming and whole-file reading treat broken quotes the same way.
 *
 * csv-parse's own stream API is not used: after a record exceeds max_record_size it stops
 * emitting records for the rest of the input, which would lose everything after one bad quote.
 */
export async function* readRecordStream(chunks: AsyncIterable<string>, opts: TStreamReadOptions = {}): AsyncGenerator<TCsvRecord[]> {
  let pending = "";
  let carryCr = false;
  let line = 1;
  let delimiter = opts.delimiter;
  let nextScanAt = BLOCK_CHARS;
  const read = (block: string): TCsvRecord[] => {
    delimiter ??= detectDelimiter(block);
    const records = readRecords(block, { delimiter, firstLine: line, maxRecordChars: opts.maxRecordChars });
    line += countNewlines(block);
    return records;
  };

  for await (const chunk of chunks) {
    let text: string = carryCr ? "\r" + chunk : chunk;
    // A CRLF split between chunks must not count as two line breaks.
    carryCr = text.endsWith("\r");
    if (carryCr) text = text.slice(0, -1);
    pending += text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
    // Rescanning only after another block arrived keeps a long quoted field from costing O(n²).
    if (pending.length < nextScanAt) continue;
    delimiter ??= detectDelimiter(pending);
    let cut = lastRecordBoundary(pending, delimiter);
    if (cut <= 0) {
      nextScanAt = pending.length + BLOCK_CHARS;
      if (pending.length < MAX_PENDING_CHARS) continue;
      cut = pending.lastIndexOf("\n") + 1 || pending.length;
    }
    const block = pending.slice(0, cut);
    pending = pending.slice(cut);
    nextScanAt = pending.length + BLOCK_CHARS;
    yield read(block);
  }
  if (carryCr) pending += "\n";
  if (pending !== "") yield read(pending);
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
