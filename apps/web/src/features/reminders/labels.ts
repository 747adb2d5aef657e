import type { TReminderView } from "@crm/core";

// Words for reminders, shared by the lists, the drawer and the announcements.

export const CLOSED_TEXT: Record<string, string> = {
  done: "Marked done",
  messaged: "Closed: a newer export shows a message",
  untagged: "Closed: the keep-in-touch tag was removed",
  gone: "Closed: no longer connected",
  cancelled: "Cancelled",
};

export function kindText(r: Pick<TReminderView, "kind" | "tag">): string {
  if (r.kind === "CADENCE") return r.tag ? `Keep in touch (${r.tag.name})` : "Keep in touch";
  return "Follow up";
}

export const personLine = (r: TReminderView) => [r.connection.position, r.connection.company].filter(Boolean).join(" at ");

export const KEY_HINT = "Keys on a focused reminder: D done, S snooze a day, R reschedule, Enter opens the person, ↑ ↓ (or J K) move.";
