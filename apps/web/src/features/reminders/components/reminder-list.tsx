"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { TReminderAction, TReminderListView, TReminderPage, TReminderView } from "@crm/core";
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
  /**
   * Today's card: the view's counts (kept up to date here, so "nothing due" can say how many are
   * coming up and how many more are due), and the page is refreshed after each change so its
   * other figures (the "Follow-ups due" tile) follow.
   */
  counts?: TReminderPage["counts"];
};

type TCounts = TReminderPage["counts"];
const n = (x: number) => x.toLocaleString("en");
/** After the last change of a quick run of keys, the server page (Today's tiles) is read again. */
const REFRESH_AFTER_MS = 1000;

/** Whether an updated reminder still belongs to this list. */
const belongs = (view: TProps["view"], r: TReminderView) => (view === "person" ? r.state !== "done" : r.state === view);

/**
 * Reminders with one-key actions on the focused row. The result of each action is announced in a
 * polite live region; a reminder that leaves the list (done, or snoozed out of "due") hands the
 * focus to the next row, so a keyboard user can work down the list with D and S alone.
 */
export function ReminderList({ slug, view, initial, nextCursor = null, serverNow, emptyText, label, counts: initialCounts }: TProps) {
  const router = useRouter();
  const zone = useViewerZone() ?? "UTC";
  const [items, setItems] = useState(initial);
  const [counts, setCounts] = useState<TCounts | null>(initialCounts ?? null);
  // The list as of the last render, for code that runs after an await (a stale closure would
  // drop rows that "Show more" added meanwhile).
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const busyRef = useRef(false);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
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

  useEffect(() => () => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
  }, []);

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

  function busyKey() {
    // Keys pressed while a change is being saved are dropped; say so instead of doing nothing.
    setAnnouncement("Still saving…");
  }

  async function act(r: TReminderView, action: TReminderAction): Promise<string | null> {
    if (busyRef.current) {
      busyKey();
      return null;
    }
    busyRef.current = true;
    setBusyId(r.id);
    setError(null);
    const res = await actOnReminder(slug, r.id, action);
    busyRef.current = false;
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
    const current = itemsRef.current;
    const i = current.findIndex((x) => x.id === r.id);
    if (belongs(view, u)) {
      focusNext.current = u.id;
      setItems(current.map((x) => (x.id === u.id ? u : x)));
    } else {
      const rest = current.filter((x) => x.id !== r.id);
      focusNext.current = (rest[i] ?? rest[i - 1])?.id ?? null;
      // The last row gone: the focus goes to the "nothing left" line (or the first refilled row).
      focusEmpty.current = rest.length === 0;
      setItems(rest);
      if (rest.length === 0 && (cursor || counts)) void refill();
    }
    if (counts) {
      setCounts((c) => c && { due: c.due - (r.state === "due" && u.state !== "due" ? 1 : 0), upcoming: c.upcoming + (u.state === "upcoming" && r.state !== "upcoming" ? 1 : 0) });
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
      refreshTimer.current = setTimeout(() => router.refresh(), REFRESH_AFTER_MS);
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
    if (!cursor || view === "person" || loadingMore) return;
    setLoadingMore(true);
    const res = await fetchReminders(slug, view, cursor);
    setLoadingMore(false);
    if (!res.ok) return setError(res.message);
    const seen = new Set(itemsRef.current.map((r) => r.id));
    const added = res.data.items.filter((r) => !seen.has(r.id));
    // The button may go away (last page): the first new row takes the focus, not the page.
    focusNext.current = added[0]?.id ?? null;
    setItems([...itemsRef.current, ...added]);
    setCursor(res.data.nextCursor);
    if (counts) setCounts(res.data.counts);
  }

  /** The last row has gone: read the view again (rows not loaded yet, and fresh counts). */
  async function refill() {
    if (view === "person") return;
    setLoadingMore(true);
    const res = await fetchReminders(slug, view);
    setLoadingMore(false);
    if (!res.ok) {
      focusEmpty.current = true;
      return setError(res.message);
    }
    const fresh = res.data.items;
    focusNext.current = fresh[0]?.id ?? null;
    focusEmpty.current = fresh.length === 0;
    // Rows the server still lists were not acted on here; the ones acted on are gone from it.
    if (itemsRef.current.length === 0) setItems(fresh);
    setCursor(res.data.nextCursor);
    if (counts) setCounts(res.data.counts);
  }

  const shownEmpty = view === "due" && counts && counts.upcoming > 0 ? `Nothing due right now; ${n(counts.upcoming)} coming up.` : emptyText;
  const moreDue = view === "due" && counts ? counts.due - items.length : 0;
  const canAct = view !== "done" && items.some((r) => r.canAct && r.state !== "done");

  return (
    <div className="flex flex-col gap-2">
      {canAct && <p className="text-xs text-gray-600">{KEY_HINT.replace(view === "person" ? ", Enter opens the person" : "", "")}</p>}
      {/* Always in the DOM (so it announces), but takes no room while it has nothing to say. */}
      <p role="status" aria-live="polite" aria-atomic="true" data-testid="reminder-announcer" className={announcement ? "text-sm text-gray-800" : "sr-only"}>{announcement}</p>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      {items.length === 0 ? (
        <p ref={emptyRef} tabIndex={-1} className="text-sm text-gray-700 focus-visible:outline-2 focus-visible:outline-blue-600">{loadingMore ? "Loading…" : shownEmpty}</p>
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
              onBusyKey={busyKey}
              onDone={() => void act(r, { action: "done" })}
              onSnooze={() => void act(r, { action: "snooze", days: 1 })}
              onReschedule={(date) => act(r, { action: "reschedule", date, timeZone: browserZone() })}
              onOpen={() => router.push(personHref(slug, r.connection.id))}
              onMove={(step) => move(r.id, step)}
            />
          ))}
        </ul>
      )}
      {cursor && view !== "person" && items.length > 0 && (
        <div className="flex flex-wrap items-center gap-3">
          {/* aria-disabled, not disabled: a disabled button drops the keyboard focus to the page. */}
          <Button variant="secondary" className="aria-disabled:cursor-wait aria-disabled:opacity-70" onClick={() => void more()} aria-disabled={loadingMore || undefined} aria-busy={loadingMore || undefined}>
            {loadingMore ? "Loading…" : "Show more reminders"}
          </Button>
          {moreDue > 0 && <span className="text-sm text-gray-700">{n(moreDue)} more due</span>}
        </div>
      )}
    </div>
  );
}
