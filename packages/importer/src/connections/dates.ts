import { matchDate } from "./date-patterns";

export interface TDateHint {
  /** For `12/01/2024`-style values: the column's order, from detectDayFirst(). */
  dayFirst?: boolean;
  /** "Now", for the future-date check and two-digit years (tests pin it). */
  now?: Date;
}

export type TDateResult =
  | { ok: true; value: string; at: Date } // value: YYYY-MM-DD (UTC date for zoned timestamps)
  | { ok: false; code: "invalid_date"; message: string };

/**
 * Only impossible dates are refused. LinkedIn opened in 2003, but refusing earlier dates would
 * throw away people whose only fault is a date: public sample exports are synthetic and dated in
 * the 1830s. A year before 1000 is a typo ("0224"), not a date.
 */
export const EARLIEST_DATE = "1000-01-01";
const FUTURE_SLACK_MS = 2 * 86_400_000;
const DAY_FIRST_PROBE = /^\s*(\d{1,2})[/-]\d{1,2}[/-]\d{2,4}/;

/**
 * Reads the date spellings found in LinkedIn and spreadsheet files into a calendar date.
 * Timestamps without a zone (`1/8/18, 6:14 PM`) keep the date as written.
 */
export function parseDate(raw: string, hint: TDateHint = {}): TDateResult {
  const text = isTidy(raw) ? raw : raw.trim().replace(/\s+/g, " ");
  const now = hint.now ?? new Date();
  const parts = text === "" ? null : matchDate(text, { dayFirst: hint.dayFirst, currentYear: now.getUTCFullYear() });
  if (!parts) {
    return invalid(`"${clip(raw)}" is not a date we can read; expected something like "07 Mar 2020" or "2020-03-07".`);
  }
  const at = new Date(Date.UTC(parts.year, parts.month - 1, parts.day) + parts.timeMs);
  if (Number.isNaN(at.getTime())) return invalid(`"${clip(raw)}" is not a valid date.`);
  // Zoned timestamps name an instant: its UTC date is the calendar date we keep.
  const value = parts.zoned ? at.toISOString().slice(0, 10) : isoDate(parts.year, parts.month, parts.day);
  if (value < EARLIEST_DATE) {
    return invalid(`"${clip(raw)}" has an impossible year; the date is probably mistyped or in the wrong column.`);
  }
  if (value > latestDate(now)) {
    return invalid(`"${clip(raw)}" is in the future; check the date (or the column it came from).`);
  }
  return { ok: true, value, at };
}

/**
 * Decides once per column whether `01/02/2024` means 1 Feb (day first) or 2 Jan. Any value
 * whose first number is over 12 settles it as day-first; otherwise month-first, which is what
 * LinkedIn's US-style exports write.
 */
export function detectDayFirst(values: Iterable<string>): boolean {
  for (const value of values) {
    const m = DAY_FIRST_PROBE.exec(value);
    if (m && Number(m[1]) > 12) return true;
  }
  return false;
}

/** Cheap check that trimming and collapsing spaces would change nothing (the usual case). */
function isTidy(raw: string): boolean {
  const last = raw.length - 1;
  return last >= 0 && raw.charCodeAt(0) > 32 && raw.charCodeAt(last) > 32 && !/\s\s|[\t\n\r]/.test(raw);
}

let cachedNow = Number.NaN;
let cachedLatest = "";
/** The last acceptable date for a given "now" (cached: a file passes the same "now" per row). */
function latestDate(now: Date): string {
  if (now.getTime() !== cachedNow) {
    cachedNow = now.getTime();
    cachedLatest = new Date(cachedNow + FUTURE_SLACK_MS).toISOString().slice(0, 10);
  }
  return cachedLatest;
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function invalid(message: string): TDateResult {
  return { ok: false, code: "invalid_date", message };
}

function clip(raw: string): string {
  return raw.length > 60 ? `${raw.slice(0, 60)}…` : raw;
}
