// The reminders vocabulary (issue 12, docs/decisions/0012): follow-ups people set on a person, and
// keep-in-touch (cadence) reminders derived from tags.

export const REMINDER_KINDS = ["FOLLOW_UP", "CADENCE"] as const;
export type TReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_VIEWS = ["due", "upcoming", "done"] as const;
export type TReminderListView = (typeof REMINDER_VIEWS)[number];

export const CLOSED_REASONS = ["done", "messaged", "untagged", "gone", "cancelled"] as const;
export type TClosedReason = (typeof CLOSED_REASONS)[number];

export const REMINDER_NOTE_MAX = 2000;
export const REMINDER_PAGE_LIMITS = { default: 50, max: 100 } as const;
export const SNOOZE_DAYS_MAX = 30;
export const CONNECTION_REMINDERS_MAX = 50;
/** One pass gives a member at most this many single notifications; more become one summary. */
export const SINGLE_NOTIFICATIONS_MAX = 5;

export type TReminderView = {
  id: string;
  kind: TReminderKind;
  dueAt: string; // ISO
  note: string | null;
  state: "upcoming" | "due" | "done";
  closedReason: TClosedReason | null;
  connection: { id: string; name: string; company: string | null; position: string | null; accountId: string; accountLabel: string; profileUrl: string | null };
  createdBy: { id: string; name: string } | null;
  tag: { id: string; name: string } | null;
  /** The viewer may mark it done, snooze, reschedule or cancel it (creator, account owner, admin+). */
  canAct: boolean;
};

export type TReminderAction =
  | { action: "done" }
  | { action: "snooze"; days?: number }
  | { action: "reschedule"; date: string; timeZone: string }
  | { action: "cancel" };

export type TReminderPage = { items: TReminderView[]; nextCursor: string | null; counts: { due: number; upcoming: number } };
