import { TZDate } from "@date-fns/tz";
import { invalid } from "../errors";
import { localDateOf } from "../removals/local-day";

// A reminder's date is a local calendar date in the browser's zone; it comes due at 09:00 there
// (a start-of-work-day nudge), stored as a UTC instant. DST days are handled by @date-fns/tz: the
// instant is 09:00 wall time, whatever the offset that day.

export const DUE_HOUR = 9;
export const MAX_YEARS_AHEAD = 5;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isTimeZone(tz: unknown): tz is string {
  if (typeof tz !== "string" || tz.length === 0 || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function calendarDate(date: unknown): { y: number; m: number; d: number } | null {
  const match = typeof date === "string" ? DATE.exec(date) : null;
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.toISOString().slice(0, 10) === date ? { y, m, d } : null;
}

/** 09:00 on `date` in `timeZone`, as an instant. Pure: no validation of "today or later". */
export function nineAmOn(date: string, timeZone: string): Date {
  const c = calendarDate(date);
  if (!c) throw invalid("date", `“${String(date).slice(0, 20)}” is not a date like 2026-12-24.`);
  return new Date(new TZDate(c.y, c.m - 1, c.d, DUE_HOUR, 0, 0, timeZone).getTime());
}

/**
 * The due instant for a date the user picked: today (in their zone) or later, at most five years
 * ahead. A date of today whose 09:00 has passed comes due at once.
 */
export function dueInstantFor(date: unknown, timeZone: unknown, at: Date): Date {
  if (!isTimeZone(timeZone)) throw invalid("timeZone", "The time zone is not one we know (send an IANA name like Europe/Berlin).");
  if (typeof date !== "string" || !calendarDate(date)) throw invalid("date", "Pick a date like 2026-12-24.");
  const today = localDateOf(at, timeZone);
  if (date < today) throw invalid("date", `Pick today (${today}) or a later date.`);
  const [y, rest] = [Number(today.slice(0, 4)), today.slice(4)];
  const limit = rest === "-02-29" ? `${y + MAX_YEARS_AHEAD}-02-28` : `${y + MAX_YEARS_AHEAD}${rest}`;
  if (date > limit) throw invalid("date", `Pick a date at most ${MAX_YEARS_AHEAD} years ahead (up to ${limit}).`);
  return nineAmOn(date, timeZone);
}
