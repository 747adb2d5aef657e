// Local days in an IANA time zone (DST-correct, 30-minute shifts included), via @date-fns/tz.
// A local day is 23, 23.5, 24, 24.5 or 25 hours long; we never add 24 h to find the next one.
import { tzOffset } from "@date-fns/tz";

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The zone's UTC offset at `ms`, in ms; a zone the runtime does not know is a programming error. */
function offsetMs(timeZone: string, ms: number): number {
  const minutes = tzOffset(timeZone, new Date(ms));
  if (!Number.isFinite(minutes)) throw new RangeError(`Unknown time zone "${timeZone}".`);
  return minutes * 60_000;
}

/** "YYYY-MM-DD" → the date's midnight as if it were UTC (a wall-clock reading, not an instant). */
function wallMs(localDate: string): number {
  const m = DATE.exec(localDate);
  if (!m) throw new RangeError(`Expected a date like 2026-12-05, got "${localDate}".`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== localDate) throw new RangeError(`"${localDate}" is not a calendar date.`);
  return ms;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The local calendar date ("YYYY-MM-DD") of `at` in `timeZone`. */
export function localDateOf(at: Date, timeZone: string): string {
  const ms = at.getTime();
  return isoDate(ms + offsetMs(timeZone, ms));
}

/** The instant the local day `localDate` starts in `timeZone`. */
export function startOfLocalDay(localDate: string, timeZone: string): Date {
  const wall = wallMs(localDate);
  const isStart = (t: number) => localDateOf(new Date(t), timeZone) >= localDate && localDateOf(new Date(t - 1), timeZone) < localDate;
  // Usual case: midnight exists once; two offset lookups find it.
  const guess = wall - offsetMs(timeZone, wall - offsetMs(timeZone, wall));
  if (isStart(guess)) return new Date(guess);
  // Midnight skipped by a DST change (the day starts at the change) or repeated (the first one
  // counts): search the first instant whose local date is `localDate`. Offsets lie within
  // −12 h … +14 h, so that instant is within a day of the wall-clock midnight.
  let lo = wall - DAY_MS - 1; // its local date is before `localDate`
  let hi = wall + DAY_MS; // its local date is `localDate` or later
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDateOf(new Date(mid), timeZone) >= localDate) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** `localDate` plus `days` calendar days ("YYYY-MM-DD"). */
export function addLocalDays(localDate: string, days: number): string {
  return isoDate(wallMs(localDate) + days * DAY_MS);
}

/** The local day of `at`, its start and the start of the next one (resetsAt). */
export function localDay(at: Date, timeZone: string): { localDate: string; startsAt: Date; resetsAt: Date } {
  const localDate = localDateOf(at, timeZone);
  return { localDate, startsAt: startOfLocalDay(localDate, timeZone), resetsAt: startOfLocalDay(addLocalDays(localDate, 1), timeZone) };
}

/** The rolling weekly window ending on `localDate`: the 7 local dates from `from` to `localDate`. */
export function weekWindow(localDate: string): { from: string; to: string } {
  return { from: addLocalDays(localDate, -6), to: localDate };
}

/** A date column value (Postgres DATE, read back as midnight UTC) → "YYYY-MM-DD". */
export function dateColumnToLocalDate(d: Date): string {
  return isoDate(d.getTime());
}

/** "YYYY-MM-DD" → the value to bind to a Postgres DATE parameter (midnight UTC of that date). */
export function localDateToDateColumn(localDate: string): Date {
  return new Date(wallMs(localDate));
}
