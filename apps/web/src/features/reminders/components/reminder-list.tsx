"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { TReminderAction, TReminderListView, TReminderView } from "@crm/core";
import { Button } from "@crm/ui";
import { useViewerZone } from "@/features/removals/use-clock";
import { appNow, noteServerNow } from "../app-clock";
import { browserZone, dayIn, dayText, dueText } from "../dates";
import { KEY_HINT } from "../labels";
import { actOnReminder, fetchReminders, personHref } from "../reminders-api";
import { ReminderRow } from "./reminder-row";

type TProps = {
  slug: string;
  /** A list page's view, or "person": the open reminders of the person the drawer shows. */
  view: TReminderListView | "person";
  initial: TReminderView[];
  nextCursor?: string | null;
  /** The server's clock when it rendered (the test clock may be days ahead of the browser's). */
  serverNow?: number;
  emptyText: string;
  label: string;
};

/** Whether an updated reminder still belongs to this list. */
const belongs = (view: TProps["view"], r: TReminderView) => (view === "person" ? r.state !== "done" : r.state === view);

/**
 * Reminders with one-key actions on the focused row. The result of each action is announced in a
 * polite live region; a reminder that leaves the list (done, or snoozed out of "due") hands the
 * focus to the next row, so a keyboard user can work down the list with D and S alone.
 */
export function ReminderList({ slug, view, initial, nextCursor = null, serverNow, emptyText, label }: TProps) {
  const router = useRouter();
  const zone = useViewerZone() ?? "UTC";
  const [items, setItems] = useState(initial);
  const [cursor, setCursor] = useState(nextCursor);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState<string | null>(null);
  // The first render matches the server's HTML (its clock); the app's clock takes over after.
  const [now, setNow] = useState(() => serverNow ?? appNow());
  const rows = useRef(new Map<string, HTMLLIElement>());
  const focusNext = useRef<string | null>(null);
  // The last row gone: the focus goes to the "nothing left" line, not to the page's start.
  const emptyRef = useRef<HTMLParagraphElement>(null);
  const focusEmpty = useRef(false);

  useEffect(() => {
    if (serverNow !== undefined) noteServerNow(serverNow);
    setNow(appNow());
  }, [serverNow]);

  useEffect(() => {
    const id = focusNext.current;
    focusNext.current = null;
    if (id) rows.current.get(id)?.focus();
    else if (focusEmpty.current) emptyRef.current?.focus();
    focusEmpty.current = false;
  }, [items]);

  function move(from: string, step: 1 | -1) {
    const i = items.findIndex((r) => r.id === from);
    const to = items[i + step];
    if (to) rows.current.get(to.id)?.focus();
  }

  async function act(r: TReminderView, action: TReminderAction): Promise<string | null> {
    if (busyId) return null;
    setBusyId(r.id);
    setError(null);
    const res = await actOnReminder(slug, r.id, action);
    setBusyId(null);
    const name = r.connection.name || "this person";
    if (!res.ok) {
      setError(res.message);
      setAnnouncement(`Not saved: ${res.message}`);
      return res.message;
    }
    const u = res.data;
    const t = appNow();
    setNow(t);
    const i = items.findIndex((x) => x.id === r.id);
    if (belongs(view, u)) {
      focusNext.current = u.id;
      setItems(items.map((x) => (x.id === u.id ? u : x)));
    } else {
      const rest = items.filter((x) => x.id !== r.id);
      focusNext.current = (rest[i] ?? rest[i - 1])?.id ?? null;
      focusEmpty.current = rest.length === 0;
      setItems(rest);
    }
    const when = u.state === "due" ? `due ${dueText(u.dueAt, t, zone)}` : `until ${dayText(dayIn(Date.parse(u.dueAt), zone))}`;
    setAnnouncement(
      action.action === "done" ? `Done: ${name}.`
        : action.action === "snooze" ? `Snoozed ${name} ${when}.`
          : action.action === "reschedule" ? `Rescheduled ${name} to ${dayText(dayIn(Date.parse(u.dueAt), zone))}.`
            : `Cancelled the reminder for ${name}.`,
    );
    return null;
  }

  async function more() {
    if (!cursor || view === "person") return;
    setLoadingMore(true);
    const res = await fetchReminders(slug, view, cursor);
    setLoadingMore(false);
    if (!res.ok) return setError(res.message);
    const seen = new Set(items.map((r) => r.id));
    setItems([...items, ...res.data.items.filter((r) => !seen.has(r.id))]);
    setCursor(res.data.nextCursor);
  }

  return (
    <div className="flex flex-col gap-2">
      {items.length > 0 && view !== "done" && <p className="text-xs text-gray-600">{KEY_HINT.replace(view === "person" ? ", Enter opens the person" : "", "")}</p>}
      <p role="status" aria-live="polite" aria-atomic="true" data-testid="reminder-announcer" className="min-h-5 text-sm text-gray-800">{announcement}</p>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      {items.length === 0 ? (
        <p ref={emptyRef} tabIndex={-1} className="text-sm text-gray-700 focus-visible:outline-2 focus-visible:outline-blue-600">{emptyText}</p>
      ) : (
        <ul aria-label={label} className="divide-y divide-gray-200">
          {items.map((r) => (
            <ReminderRow
              key={r.id}
              slug={slug}
              reminder={r}
              now={now}
              zone={zone}
              busy={busyId === r.id}
              showPerson={view !== "person"}
              rowRef={(el) => {
                if (el) rows.current.set(r.id, el);
                else rows.current.delete(r.id);
              }}
              onDone={() => void act(r, { action: "done" })}
              onSnooze={() => void act(r, { action: "snooze", days: 1 })}
              onReschedule={(date) => act(r, { action: "reschedule", date, timeZone: browserZone() })}
              onOpen={() => router.push(personHref(slug, r.connection.id))}
              onMove={(step) => move(r.id, step)}
            />
          ))}
        </ul>
      )}
      {cursor && view !== "person" && (
        <div>
          <Button variant="secondary" onClick={() => void more()} disabled={loadingMore}>{loadingMore ? "Loading…" : "Show more reminders"}</Button>
        </div>
      )}
    </div>
  );
}
