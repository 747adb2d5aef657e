// Reminder dates as people pick them: a calendar day in their own zone (the server turns it into
// 09:00 there). Pure helpers, shared by the server render and the browser.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY_MS = 86_400_000;

/** The browser's IANA zone (the one sent with every reminder date); UTC when it cannot say. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** "2026-12-05": the calendar day `at` falls on in `zone` (UTC for an unknown zone). */
export function dayIn(at: number, zone: string): string {
  const fmt = (z: string) => new Intl.DateTimeFormat("en-CA", { timeZone: z, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
  try {
    return fmt(zone);
  } catch {
    return fmt("UTC");
  }
}

/** Calendar arithmetic on "YYYY-MM-DD" (no zone involved: a day plus n days). */
export function addDays(day: string, n: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + n * DAY_MS).toISOString().slice(0, 10);
}

/** "14 Dec 2026" from "2026-12-14". */
export function dayText(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/**
 * When a reminder is due, in words, in the viewer's zone: "today", "tomorrow", "yesterday",
 * "3 days ago" or the date. `now` is the app's clock (the server's, which a test may move), so
 * the words agree with what the server calls due.
 */
export function dueText(dueAt: string, now: number, zone: string): string {
  const at = Date.parse(dueAt);
  if (Number.isNaN(at)) return dueAt;
  const due = dayIn(at, zone);
  const today = dayIn(now, zone);
  const days = Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  if (days < 0 && days > -7) return `${-days} days ago`;
  return dayText(due);
}

/** The first day a new reminder may be set for (today, in the zone), and the usual one: a week ahead. */
export function reminderDays(now: number, zone: string): { min: string; suggested: string } {
  const min = dayIn(now, zone);
  return { min, suggested: addDays(min, 7) };
}

/**
 * What is wrong with a picked day, in the app's words ("5 Dec 2026"), or null: the forms check it
 * themselves because the browser's own bubble is US-formatted, fleeting and never announced.
 */
export function dateProblem(date: string, min: string | undefined): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return "Pick a date.";
  if (min && date < min) return `Pick today (${dayText(min)}) or a later date.`;
  return null;
}
