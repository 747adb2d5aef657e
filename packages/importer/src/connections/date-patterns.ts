import { isValid, parse } from "date-fns";

/** A calendar date as written, plus the time of day when one was given (UTC when zoned). */
export interface TDateParts {
  year: number;
  month: number; // 1-12
  day: number;
  /** Milliseconds to add to the date's UTC midnight: time of day minus the zone offset. */
  timeMs: number;
  /** True when the text carried a time zone, so the instant is exact (ISO "Z", " UTC"...). */
  zoned: boolean;
}

export interface TPatternOptions {
  dayFirst: boolean | undefined;
  currentYear: number;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** LinkedIn's own `07 Mar 2020`: checked first because it is nearly every row of a real file. */
const LINKEDIN = /^(\d{1,2}) ([A-Za-z]{3}) (\d{4})$/;
const ISO_LIKE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;
const NUMERIC = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?)?$/;
const EXCEL_SERIAL = /^\d{5}(?:\.\d+)?$/;
const TRAILING_TIME = /,?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:UTC|GMT|Z)?$/;

/** Month-name spellings other tools and spreadsheets write; read with date-fns. */
const NAMED_FORMATS = ["MMM d, yyyy", "MMMM d, yyyy", "d MMMM yyyy", "d MMM yyyy", "d-MMM-yyyy", "MMM d yyyy", "MMMM d yyyy", "EEEE, MMMM d, yyyy", "EEE, MMM d, yyyy", "d. MMMM yyyy"];
let lastNamedFormat = 0;

export function matchDate(text: string, opts: TPatternOptions): TDateParts | null {
  const fast = LINKEDIN.exec(text);
  if (fast) {
    const month = MONTHS.indexOf(fast[2]!.toLowerCase()) + 1;
    if (month > 0) return checked(Number(fast[3]), month, Number(fast[1]), 0, false);
  }
  const iso = ISO_LIKE.exec(text);
  if (iso) {
    const time = hms(iso[4], iso[5], iso[6], undefined);
    const zone = iso[7];
    return checked(Number(iso[1]), Number(iso[2]), Number(iso[3]), time - offsetMs(zone), zone !== undefined);
  }
  const numeric = NUMERIC.exec(text);
  if (numeric) {
    const a = Number(numeric[1]);
    const b = Number(numeric[3]);
    // Dots are German-style D.M.Y; slashes and dashes follow the column's detected order.
    const dayFirst = numeric[2] === "." || a > 12 || (opts.dayFirst === true && b <= 12);
    const year = expandYear(numeric[4]!, opts.currentYear);
    const time = hms(numeric[5], numeric[6], numeric[7], numeric[8]);
    return dayFirst ? checked(year, b, a, time, false) : checked(year, a, b, time, false);
  }
  if (EXCEL_SERIAL.test(text)) return fromExcelSerial(Number(text));
  return matchNamed(text, opts.currentYear);
}

/** Two-digit years: up to next year's two digits means 20xx, the rest 19xx. */
export function expandYear(digits: string, currentYear: number): number {
  if (digits.length !== 2) return Number(digits);
  const yy = Number(digits);
  return yy <= (currentYear % 100) + 1 ? 2000 + yy : 1900 + yy;
}

function matchNamed(text: string, currentYear: number): TDateParts | null {
  if (!/[A-Za-z]{3}/.test(text)) return null;
  const cleaned = text
    .replace(TRAILING_TIME, "")
    .replace(/\bSept\b/i, "Sep")
    .replace(/([-\s])(\d{2})$/, (_m, sep: string, yy: string) => `${sep}${expandYear(yy, currentYear)}`);
  const reference = new Date(2000, 0, 1);
  for (let k = 0; k < NAMED_FORMATS.length; k++) {
    const index = (lastNamedFormat + k) % NAMED_FORMATS.length;
    const date = parse(cleaned, NAMED_FORMATS[index]!, reference);
    if (isValid(date)) {
      lastNamedFormat = index; // columns use one spelling: try it first next time
      return checked(date.getFullYear(), date.getMonth() + 1, date.getDate(), 0, false);
    }
  }
  return null;
}

function fromExcelSerial(serial: number): TDateParts | null {
  // Excel counts days from 1899-12-30; only a plausible range, so ids are not taken for dates.
  if (serial < 36_000 || serial > 80_000) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), timeMs: 0, zoned: false };
}

function checked(year: number, month: number, day: number, timeMs: number, zoned: boolean): TDateParts | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (day > daysInMonth(year, month)) return null; // 31 Feb
  if (Number.isNaN(timeMs)) return null;
  return { year, month, day, timeMs, zoned };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function hms(h: string | undefined, m: string | undefined, s: string | undefined, ampm: string | undefined): number {
  if (h === undefined || m === undefined) return 0;
  let hours = Number(h);
  const minutes = Number(m);
  const seconds = s === undefined ? 0 : Number(s);
  if (ampm) {
    if (hours < 1 || hours > 12) return Number.NaN;
    const pm = ampm[0]!.toLowerCase() === "p";
    hours = (hours % 12) + (pm ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return Number.NaN;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

function offsetMs(zone: string | undefined): number {
  if (!zone || !/^[+-]/.test(zone)) return 0;
  const digits = zone.replace(":", "");
  const sign = digits[0] === "-" ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
}
