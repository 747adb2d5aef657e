"use client";
import Link from "next/link";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import type { TReminderView } from "@crm/core";
import { dayIn, dayText, dueText } from "../dates";
import { CLOSED_TEXT, kindText, personLine } from "../labels";
import { personHref } from "../reminders-api";
import { RescheduleForm } from "./reschedule-form";

export type TRowAction = "done" | "snooze" | "reschedule";

type TProps = {
  slug: string;
  reminder: TReminderView;
  now: number;
  zone: string;
  busy: boolean;
  /** Lists show who the reminder is about; the drawer is already that person. */
  showPerson: boolean;
  rowRef: (el: HTMLLIElement | null) => void;
  /** D, S or R pressed while this row's change is being saved. */
  onBusyKey: () => void;
  onDone: () => void;
  onSnooze: () => void;
  onReschedule: (date: string) => Promise<string | null>;
  onOpen: () => void;
  onMove: (step: 1 | -1) => void;
};

const small = "rounded px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-60";

/** Typing in a field, or any modifier (browser and OS shortcuts), is never a row key. */
function ignored(e: KeyboardEvent<HTMLElement>): boolean {
  if (e.defaultPrevented || e.nativeEvent.isComposing || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return true;
  const t = e.target as HTMLElement;
  return t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName);
}

/**
 * One reminder. The row takes the focus (Tab, or ↑ ↓ from the next one) and answers single keys:
 * D done, S snooze a day, R reschedule (a date field opens in place), Enter opens the person.
 */
export function ReminderRow({ slug, reminder: r, now, zone, busy, showPerson, rowRef, onBusyKey, onDone, onSnooze, onReschedule, onOpen, onMove }: TProps) {
  const [rescheduling, setRescheduling] = useState(false);
  const self = useRef<HTMLLIElement | null>(null);
  const id = useId();
  const closeForm = () => {
    setRescheduling(false);
    self.current?.focus();
  };
  const open = r.state !== "done";
  const acts = open && r.canAct;
  const name = r.connection.name || "Unnamed connection";
  const when = open ? dueText(r.dueAt, now, zone) : dayText(dayIn(Date.parse(r.dueAt), zone));

  function onKeyDown(e: KeyboardEvent<HTMLLIElement>) {
    if (ignored(e) || rescheduling) return;
    const onRow = e.target === e.currentTarget;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    // The connections table's keys: ↓ or J next, ↑ or K previous.
    if (key === "ArrowDown" || key === "ArrowUp" || key === "j" || key === "k") {
      e.preventDefault();
      onMove(key === "ArrowDown" || key === "j" ? 1 : -1);
      return;
    }
    // Enter on a button or link inside the row is that control's own.
    if (key === "Enter" && onRow && showPerson) {
      e.preventDefault();
      onOpen();
      return;
    }
    if (!acts || !["d", "s", "r"].includes(key)) return;
    e.preventDefault();
    if (e.repeat) return;
    if (busy) return onBusyKey();
    if (key === "d") onDone();
    else if (key === "s") onSnooze();
    else setRescheduling(true);
  }

  return (
    <li
      ref={(el) => {
        self.current = el;
        rowRef(el);
      }}
      tabIndex={0}
      data-testid="reminder"
      data-state={r.state}
      aria-labelledby={`${id}-name`}
      aria-describedby={`${id}-when`}
      aria-keyshortcuts={acts ? (showPerson ? "D S R Enter" : "D S R") : showPerson ? "Enter" : undefined}
      aria-busy={busy || undefined}
      onKeyDown={onKeyDown}
      className="flex flex-col gap-2 rounded-md px-2 py-3 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <span className="min-w-0">
          {showPerson ? (
            <Link id={`${id}-name`} href={personHref(slug, r.connection.id)} tabIndex={-1} className="font-medium text-blue-800 underline hover:text-blue-950">{name}</Link>
          ) : (
            <span id={`${id}-name`} className="font-medium text-gray-900">{kindText(r)}</span>
          )}
          {showPerson && personLine(r) && <span className="text-sm text-gray-700"> · {personLine(r)}</span>}
        </span>
        <span id={`${id}-when`} className={`text-sm ${r.state === "due" ? "font-semibold text-amber-900" : "text-gray-700"}`}>
          {open ? `Due ${when}` : `${CLOSED_TEXT[r.closedReason ?? "done"] ?? "Closed"} · was due ${when}`}
        </span>
      </div>
      {r.note && <p className="whitespace-pre-wrap break-words text-sm text-gray-900">{r.note}</p>}
      <p className="text-xs text-gray-600">
        {showPerson && <>{kindText(r)} · </>}
        {r.connection.accountLabel}
        {r.kind === "FOLLOW_UP" && r.createdBy && <> · set by {r.createdBy.name}</>}
      </p>
      {acts && !rescheduling && (
        <div className="flex flex-wrap gap-1" role="group" aria-label={`Actions for ${showPerson ? name : kindText(r)}`}>
          <button type="button" disabled={busy} onClick={onDone} aria-keyshortcuts="D" className={`${small} text-blue-800 hover:bg-blue-50`}>
            Done<span className="sr-only"> with {name}</span>
          </button>
          <button type="button" disabled={busy} onClick={onSnooze} aria-keyshortcuts="S" className={`${small} text-blue-800 hover:bg-blue-50`}>
            Snooze a day<span className="sr-only"> for {name}</span>
          </button>
          <button type="button" disabled={busy} onClick={() => setRescheduling(true)} aria-keyshortcuts="R" className={`${small} text-blue-800 hover:bg-blue-50`}>
            Reschedule…<span className="sr-only"> {name}</span>
          </button>
        </div>
      )}
      {rescheduling && (
        <RescheduleForm
          name={name}
          now={now}
          zone={zone}
          current={dayIn(Date.parse(r.dueAt), zone)}
          onCancel={closeForm}
          onConfirm={async (date) => {
            const problem = await onReschedule(date);
            // A rescheduled row may leave this list; the list then moves the focus on.
            if (!problem) setRescheduling(false);
            return problem;
          }}
        />
      )}
      {!acts && open && <p className="sr-only">Only its creator, the account owner or an admin can change this reminder.</p>}
    </li>
  );
}
