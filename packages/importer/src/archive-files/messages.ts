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
/** Distinct participants (by URL or by name) held in memory; real accounts have tens of thousands. */
export const MAX_MESSAGE_PEOPLE = 200_000;

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
  const stats: TMessageStats = { rows: 0, counted: 0, skipped: 0, byKey: new Map(), byName: new Map(), rejected: [], rejectedCount: 0, people: 0 };
  const named = new Set<string>(); // names seen beside their own profile URL
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
          if (columns) stats.headers = headers = record.fields.map((f) => f.trim());
          continue;
        }
        stats.rows++;
        if (record.malformed) {
          reject(record, undefined, record.malformedCode ?? "malformed_csv", record.malformed);
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
        count(stats, record, columns, date.at, named);
        stats.counted++;
        if (stats.byKey.size > MAX_MESSAGE_PEOPLE || stats.byName.size > MAX_MESSAGE_PEOPLE) throw tooManyPeople(file);
      }
    }
  } catch (error) {
    text.destroy();
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError("undecodable_text", `${file} could not be read (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!columns) throw noHeader(file);
  let unnamed = 0;
  for (const name of stats.byName.keys()) if (!named.has(name)) unnamed++;
  stats.people = stats.byKey.size + unnamed;
  return stats;
}

function count(stats: TMessageStats, record: TCsvRecord, columns: TColumns, at: Date, named: Set<string>): void {
  const keys = new Set<string>();
  const names = new Set<string>();
  // The sender's name sits beside the sender's URL, and the recipients' names line up with their
  // URLs when both lists have the same length: such a name is the same person as the URL, so the
  // people count does not count them twice (files before 2023 have no recipient URLs).
  const pair = (nameCells: string[], urlCells: string[]) => {
    const urls = urlCells.map((u) => {
      // A missing or odd URL (LinkedIn system messages, "unknown") is not an error: the message
      // still counts for the names.
      const parsed = u === "" ? null : normalizeProfileUrl(u);
      return parsed?.ok ? parsed.key : null;
    });
    for (const key of urls) if (key) keys.add(key);
    const people = nameCells.map((p) => cleanText(p)).filter((p): p is string => p !== null).map((p) => nameKey(p, ""));
    for (const [i, name] of people.entries()) {
      names.add(name);
      if (people.length === urls.length && urls[i]) named.add(name);
    }
  };
  pair([value(record, columns.from)], splitUrls(value(record, columns.senderUrl)));
  pair(value(record, columns.to).split(","), splitUrls(value(record, columns.recipientUrls)));
  for (const key of keys) bump(stats.byKey, key, at);
  for (const name of names) bump(stats.byName, name, at);
}

function splitUrls(cell: string): string[] {
  return cell.split(/[\s,;]+/).filter((u) => u !== "");
}

function tooManyPeople(file: string): ImportFileError {
  return new ImportFileError(
    "too_many_values",
    `${file} names more than ${MAX_MESSAGE_PEOPLE.toLocaleString("en")} different people, far more than any LinkedIn account talks to; it was not read. Check that it is the right file.`,
  );
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
