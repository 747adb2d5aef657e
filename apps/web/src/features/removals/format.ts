import type { TRemovalBudget } from "@crm/core";

// Words and times the removal screens share. Pure and client-safe: client islands import it, so
// nothing here may pull in @crm/core at runtime (types only).

const n = (x: number) => x.toLocaleString("en");

/** "12 of 20 today, 61 this week": the line every removal screen shows. */
export function progressText(b: Pick<TRemovalBudget, "used" | "limit" | "weekUsed">): string {
  return `${n(b.used)} of ${n(b.limit)} today, ${n(b.weekUsed)} this week`;
}

/** "1 min 12 s", "45 s", "2 h 5 min": a wait, rounded up to the second. */
export function durationText(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return rest > 0 ? `${m} min ${rest} s` : `${m} min`;
}

/** A coarse wait for screen readers, so the live region does not change every second. */
export function roughDurationText(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s <= 60) return s <= 10 ? "a few seconds" : `about ${Math.ceil(s / 10) * 10} seconds`;
  if (s < 3600) return `about ${Math.ceil(s / 60)} minutes`;
  return `about ${durationText(Math.ceil(s / 600) * 600_000)}`;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * The wall clock in `timeZone` as numbers. Built from formatToParts (numbers only) rather than a
 * formatted string, so the server's ICU and the browser's give the same text (no hydration mismatch).
 */
function wallClock(iso: string, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number } | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  try {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", hourCycle: "h23" }).formatToParts(at);
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? NaN);
    return { y: get("year"), mo: get("month"), d: get("day"), h: get("hour") % 24, mi: get("minute") };
  } catch {
    return null;
  }
}

/** "14:05" in the zone. */
export function timeIn(iso: string, timeZone: string): string {
  const w = wallClock(iso, timeZone);
  if (!w) return iso;
  return `${String(w.h).padStart(2, "0")}:${String(w.mi).padStart(2, "0")}`;
}

/** "Sun 6 Dec, 00:00" in the zone. */
export function dayTimeIn(iso: string, timeZone: string): string {
  const w = wallClock(iso, timeZone);
  if (!w) return iso;
  const weekday = WEEKDAYS[new Date(Date.UTC(w.y, w.mo - 1, w.d)).getUTCDay()];
  return `${weekday} ${w.d} ${MONTHS[w.mo - 1]}, ${timeIn(iso, timeZone)}`;
}

export const zoneName = (timeZone: string) => timeZone.replace(/_/g, " ");

export const OUTCOME_LABELS: Record<string, string> = { removed: "Removed", not_found: "Couldn’t find them", kept: "Kept after all" };

export const LIMIT_LABELS: Record<string, string> = {
  PACE_WAIT: "Spacing between removals",
  HOURLY_LIMIT: "Hourly ceiling",
  DAILY_LIMIT: "Today’s safe limit",
  WEEKLY_LIMIT: "Weekly ceiling",
};

export const removalsPath = (slug: string, accountId?: string, sub?: "removed" | "policy") =>
  `/t/${slug}/removals${accountId ? `/${accountId}` : ""}${sub ? `/${sub}` : ""}`;

/** A teammate's vote, in words ("keep" → "Keep"). */
export const VOTE_LABELS: Record<string, string> = { keep: "Keep", remove: "Remove", follow_up: "Follow up", snooze: "Snooze" };
