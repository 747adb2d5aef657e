import { pipeline, Readable } from "node:stream";
import { normalizeHeader } from "../connections/formats";
import { cleanText, nameKey, normalizeProfileUrl, parseDate } from "../connections/normalize";
import { ImportFileError } from "../errors";
import type { TCsvRecord } from "../text/csv";
import { readRecordStream } from "../text/csv-stream";
import { decodeStream } from "../text/decode";
import type { TRejectedRow } from "../types";
import type { TActivity, TMessageStats } from "./types";

export const MAX_STORED_REJECTIONS = 1000;
const HEADER_SCAN_RECORDS = 30;
/** Message bodies can be long (InMail HTML); far longer "records" are broken quoting. */
const MAX_MESSAGE_CHARS = 1024 * 1024;

export interface TMessagesOptions {
  fileName?: string;
  now?: Date;
}

interface TColumns {
  from?: number;
  senderUrl?: number;
  to?: number;
  recipientUrls?: number;
  date: number;
  draft?: number;
}

/**
 * Streams messages.csv (hundreds of MB in big accounts) into per-person message counts and
 * last-message dates, holding one block of text at a time. Every participant of a message
 * (sender and recipients, the account owner included) gets it counted, by profile URL and by
 * name: files before 2023 have no recipient URLs, so outgoing messages only match by name.
 */
export async function aggregateMessages(source: AsyncIterable<Uint8Array> | Readable, opts: TMessagesOptions = {}): Promise<TMessageStats> {
  const file = opts.fileName ?? "messages.csv";
  const now = opts.now ?? new Date();
  const stats: TMessageStats = { rows: 0, counted: 0, skipped: 0, byKey: new Map(), byName: new Map(), rejected: [], rejectedCount: 0 };
  const input = source instanceof Readable ? source : Readable.from(source, { objectMode: false });
  const text = pipeline(input, decodeStream(), () => undefined);
  let headers: string[] | null = null;
  let columns: TColumns | null = null;
  let scanned = 0;

  const reject = (record: TCsvRecord, column: number | undefined, code: TRejectedRow["code"], message: string) => {
    stats.rejectedCount++;
    if (stats.rejected.length >= MAX_STORED_REJECTIONS) return;
    const field = column === undefined ? "(row)" : (headers?.[column] ?? "(row)");
    stats.rejected.push({ line: record.line, field, code, message, file, raw: record.fields });
  };

  try {
    for await (const batch of readRecordStream(text, { maxRecordChars: MAX_MESSAGE_CHARS })) {
      for (const record of batch) {
        if (!columns) {
          if (++scanned > HEADER_SCAN_RECORDS) throw noHeader(file);
          if (record.malformed) continue;
          columns = findColumns(record.fields);
          if (columns) headers = record.fields.map((f) => f.trim());
          continue;
        }
        stats.rows++;
        if (record.malformed) {
          reject(record, undefined, "malformed_csv", record.malformed);
          continue;
        }
        if (/^(yes|true|1)$/i.test(value(record, columns.draft))) {
          stats.skipped++;
          continue;
        }
        const date = parseDate(value(record, columns.date), { now });
        if (!date.ok) {
          reject(record, columns.date, "invalid_date", date.message);
          continue;
        }
        count(stats, record, columns, date.at);
        stats.counted++;
      }
    }
  } catch (error) {
    text.destroy();
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError("undecodable_text", `${file} could not be read (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!columns) throw noHeader(file);
  return stats;
}

function count(stats: TMessageStats, record: TCsvRecord, columns: TColumns, at: Date): void {
  const keys = new Set<string>();
  const urls = `${value(record, columns.senderUrl)} ${value(record, columns.recipientUrls)}`;
  for (const url of urls.split(/[\s,;]+/)) {
    if (url === "") continue;
    // A missing or odd URL (LinkedIn system messages, "unknown") is not an error: the message
    // still counts for the names below.
    const parsed = normalizeProfileUrl(url);
    if (parsed.ok) keys.add(parsed.key);
  }
  const names = new Set<string>();
  const people = [value(record, columns.from), ...value(record, columns.to).split(",")];
  for (const person of people) {
    const name = cleanText(person);
    if (name) names.add(nameKey(name, ""));
  }
  for (const key of keys) bump(stats.byKey, key, at);
  for (const name of names) bump(stats.byName, name, at);
}

function bump(map: Map<string, TActivity>, key: string, at: Date): void {
  const entry = map.get(key);
  if (!entry) map.set(key, { lastAt: at, count: 1 });
  else {
    entry.count++;
    if (at > entry.lastAt) entry.lastAt = at;
  }
}

/** Column names changed over the years; the header is the row naming DATE and FROM (or an id). */
function findColumns(fields: string[]): TColumns | null {
  const normalized = fields.map(normalizeHeader);
  const at = (...names: string[]) => {
    for (const name of names) {
      const index = normalized.indexOf(normalizeHeader(name));
      if (index !== -1) return index;
    }
    return undefined;
  };
  const date = at("DATE");
  if (date === undefined || (at("FROM") === undefined && at("CONVERSATION ID") === undefined)) return null;
  return {
    date,
    from: at("FROM"),
    senderUrl: at("SENDER PROFILE URL"),
    to: at("TO"),
    recipientUrls: at("RECIPIENT PROFILE URLS", "RECIPIENT PROFILE URL"),
    draft: at("IS MESSAGE DRAFT"),
  };
}

function value(record: TCsvRecord, column: number | undefined): string {
  return column === undefined ? "" : (record.fields[column] ?? "").trim();
}

function noHeader(file: string): ImportFileError {
  return new ImportFileError("no_header", `No header row with DATE and FROM columns was found in ${file}.`);
}
