"use client";
import { useId, useState } from "react";
import { Button } from "@crm/ui";
import type { TDateChoice } from "./review-writes";

type TProps = {
  choice: TDateChoice;
  error: string | null;
  onConfirm: (date: string) => void;
  onCancel: () => void;
};

const DAY_MS = 86_400_000;
/** A UTC day from now, as the services read a bare date (its start, UTC): always in the future. */
const dayFromNow = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
/** What the service would pick when no date is sent: a week from now. */
const FOLLOW_UP_DEFAULT_DAYS = 7;

const TEXT: Record<TDateChoice, { label: string; submit: string; hint: string }> = {
  snooze: { label: "Snooze until", submit: "Snooze", hint: "Enter confirms, Escape cancels. It comes back on that date." },
  follow_up: { label: "Follow up on", submit: "Follow up", hint: "Enter confirms, Escape cancels. A follow-up reminder is due on that date." },
};

/**
 * The date a snooze or a follow-up decision needs, asked in place: focused when it opens, Enter
 * confirms, Escape cancels. A follow-up starts a week ahead, so Enter alone keeps the usual date.
 */
export function DateChoiceForm({ choice, error, onConfirm, onCancel }: TProps) {
  const id = useId();
  const [date, setDate] = useState(choice === "follow_up" ? dayFromNow(FOLLOW_UP_DEFAULT_DAYS) : "");
  const t = TEXT[choice];
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      data-testid={`date-form-${choice}`}
      onSubmit={(e) => {
        e.preventDefault();
        onConfirm(date);
      }}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-date`} className="text-sm font-medium text-gray-800">{t.label}</label>
        <input
          id={`${id}-date`}
          type="date"
          autoFocus
          required
          min={dayFromNow(1)}
          value={date}
          onChange={(e) => setDate(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.preventDefault();
              onCancel();
            }
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-date-error` : `${id}-date-hint`}
          className={`rounded-md border px-3 py-2 text-sm ${error ? "border-red-600" : "border-gray-300"} focus-visible:outline-2 focus-visible:outline-blue-600`}
        />
      </div>
      <Button type="submit">{t.submit}</Button>
      <Button variant="ghost" onClick={onCancel}>Cancel</Button>
      {error ? (
        <p id={`${id}-date-error`} className="w-full text-sm text-red-700">{error}</p>
      ) : (
        <p id={`${id}-date-hint`} className="w-full text-xs text-gray-600">{t.hint}</p>
      )}
    </form>
  );
}
