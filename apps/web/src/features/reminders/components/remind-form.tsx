"use client";
import { useEffect, useId, useState, type FormEvent, type ReactNode } from "react";
import { Alert, Button } from "@crm/ui";
import { appNow } from "../app-clock";
import { browserZone, dateProblem, reminderDays } from "../dates";
import { createReminders, type TReminderTarget } from "../reminders-api";

type TProps = {
  slug: string;
  target: TReminderTarget;
  submitLabel: string;
  /** What the form applies to, above the fields (the bulk bar's "all N matching"). */
  intro?: ReactNode;
  autoFocus?: boolean;
  onCreated: (result: { created: number; date: string }) => void;
};

const fieldClass = "rounded-md border px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-600";
const NOTE_MAX = 2000;
/** The counter shows from here on: a long note nears the cap before it is refused. */
const NOTE_COUNT_FROM = 1500;
const n = (x: number) => x.toLocaleString("en");

/**
 * "Remind me": a day (a week ahead unless changed; it comes due at 9:00 that day in the
 * browser's zone) and an optional note. Enter in the date field or Ctrl/Cmd+Enter in the note
 * submits. Errors show at the field the server names.
 */
export function RemindForm({ slug, target, submitLabel, intro, autoFocus, onCreated }: TProps) {
  const id = useId();
  // Set after mount: the server's render does not know the browser's zone (no hydration mismatch).
  const [days, setDays] = useState<{ min: string; suggested: string } | null>(null);
  const [date, setDate] = useState("");
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);

  useEffect(() => {
    const d = reminderDays(appNow(), browserZone());
    setDays(d);
    setDate((was) => was || d.suggested);
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const bad = dateProblem(date, days?.min);
    const length = [...note.trim()].length;
    const refused = bad ? { field: "date", message: bad } : length > NOTE_MAX ? { field: "note", message: `A note has at most ${n(NOTE_MAX)} characters; this one has ${n(length)}.` } : null;
    if (refused) {
      setError(refused);
      // The field takes the focus, so its message (aria-describedby) is read with it.
      document.getElementById(`${id}-${refused.field}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const r = await createReminders(slug, { target, date, note });
    setBusy(false);
    if (!r.ok) return setError({ field: r.field, message: r.message });
    setNote("");
    onCreated({ created: r.data.created, date });
  }

  const dateError = error && (error.field === "date" || error.field === "timeZone") ? error.message : null;
  const noteError = error?.field === "note" ? error.message : null;
  const otherError = error && !dateError && !noteError ? error.message : null;
  const noteLength = [...note.trim()].length;
  const counted = noteLength >= NOTE_COUNT_FROM;
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" data-testid="remind-form" noValidate>
      {intro}
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-date`} className="text-sm font-medium text-gray-800">Remind me on</label>
        <input
          id={`${id}-date`}
          type="date"
          required
          autoFocus={autoFocus}
          min={days?.min}
          value={date}
          onChange={(e) => {
            setDate(e.target.value);
            if (dateError) setError(null);
          }}
          aria-invalid={dateError ? true : undefined}
          aria-describedby={`${id}-date-msg`}
          className={`${fieldClass} w-fit ${dateError ? "border-red-600" : "border-gray-300"}`}
        />
        <p id={`${id}-date-msg`} aria-live="polite" className={dateError ? "text-sm text-red-700" : "text-xs text-gray-600"}>{dateError ?? "It comes due at 9:00 that day, your time."}</p>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-note`} className="text-sm font-medium text-gray-800">Note (optional)</label>
        <textarea
          id={`${id}-note`}
          rows={2}
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
            if (noteError) setError(null);
          }}
          onKeyDown={(e) => {
            // Ctrl/Cmd+Enter submits, as in the notes field.
            if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void submit(e);
          }}
          placeholder="Ask about the new role"
          aria-invalid={noteError ? true : undefined}
          aria-describedby={noteError || counted ? `${id}-note-msg` : undefined}
          className={`${fieldClass} ${noteError ? "border-red-600" : "border-gray-300"}`}
        />
        {(noteError || counted) && (
          <p id={`${id}-note-msg`} className={noteError ? "text-sm text-red-700" : `text-xs ${noteLength > NOTE_MAX ? "font-semibold text-red-700" : "text-gray-600"}`}>
            {noteError ?? `${n(noteLength)} / ${n(NOTE_MAX)} characters`}
          </p>
        )}
      </div>
      {otherError && <Alert tone="error">{otherError}</Alert>}
      <div>
        <Button type="submit" disabled={busy}>{busy ? "Saving…" : submitLabel}</Button>
      </div>
    </form>
  );
}
