"use client";
import { useId, useState } from "react";
import { Button } from "@crm/ui";
import { dateProblem, reminderDays } from "../dates";

type TProps = {
  name: string;
  now: number;
  zone: string;
  /** The reminder's current due day, where the field starts. */
  current: string;
  onConfirm: (date: string) => Promise<string | null>;
  onCancel: () => void;
};

/** The new date, asked in place: focused when it opens, Enter confirms, Escape cancels. */
export function RescheduleForm({ name, now, zone, current, onConfirm, onCancel }: TProps) {
  const id = useId();
  const { min } = reminderDays(now, zone);
  const [date, setDate] = useState(current < min ? min : current);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      data-testid="reschedule-form"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if (busy) return;
        const bad = dateProblem(date, min);
        if (bad) return setError(bad);
        setBusy(true);
        setError(await onConfirm(date));
        setBusy(false);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-date`} className="text-sm font-medium text-gray-800">Remind me about {name} on</label>
        <input
          id={`${id}-date`}
          type="date"
          autoFocus
          required
          min={min}
          value={date}
          onChange={(e) => {
            setDate(e.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-msg`}
          className={`rounded-md border px-3 py-2 text-sm ${error ? "border-red-600" : "border-gray-300"} focus-visible:outline-2 focus-visible:outline-blue-600`}
        />
      </div>
      <Button type="submit" disabled={busy}>{busy ? "Saving…" : "Reschedule"}</Button>
      <Button variant="ghost" onClick={onCancel} disabled={busy}>Cancel</Button>
      <p id={`${id}-msg`} aria-live="polite" className={`w-full text-sm ${error ? "text-red-700" : "text-xs text-gray-600"}`}>
        {error ?? "Enter confirms, Escape cancels. It comes due at 9:00 that day, your time."}
      </p>
    </form>
  );
}
