// Pure helpers shared by the bell and the notifications page (client islands import them, so
// nothing here may pull in @crm/core's services).

export const BADGE_CAP = 99;
/** The bell asks again this often while the tab is visible. */
export const BELL_POLL_MS = 20_000;
/** Fired on window when this tab marked notifications read: the bell asks for its count at once. */
export const NOTIFICATIONS_CHANGED = "crm:notifications-changed";

export const badgeText = (count: number): string => (count > BADGE_CAP ? `${BADGE_CAP}+` : String(count));

/** The bell's accessible name: "Notifications, 3 unread" (a screen reader hears what the badge shows). */
export const bellLabel = (count: number): string => (count > 0 ? `Notifications, ${badgeText(count)} unread` : "Notifications");

export const unreadUrl = (slug: string) => `/api/t/${slug}/notifications/unread`;
export const readUrl = (slug: string) => `/api/t/${slug}/notifications/read`;
export const listUrl = (slug: string, cursor: string) => `/api/t/${slug}/notifications?cursor=${encodeURIComponent(cursor)}`;

/**
 * Where a notification leads. Only a path inside this team is followed; anything else (a stale
 * or malformed href) falls back to the notifications page rather than leaving the app.
 */
export function safeHref(slug: string, href: string): string {
  const base = `/t/${slug}/`;
  return href.startsWith(base) && !href.startsWith("//") && !/[\\\s]/.test(href) ? href : `/t/${slug}/notifications`;
}

const timeFmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
/** Server and browser print the same text (UTC), so hydration never disagrees. */
export const formatWhen = (iso: string): string => `${timeFmt.format(new Date(iso))} UTC`;
