"use client";
import { useState } from "react";
import { ConnectionReminders } from "./connection-reminders";

/**
 * "Reminders" on a review card: closed until opened, so claiming the next card costs no second
 * request; opened, it is the drawer's section (this person's open reminders and "Remind me").
 * Its row keys (D, S, R) take precedence over the card's while a reminder row has focus.
 */
export function CardReminders({ teamSlug, connectionId, name }: { teamSlug: string; connectionId: string; name: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="group rounded-md ring-1 ring-gray-200" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)} data-testid="card-reminders">
      <summary className="cursor-pointer rounded-md px-3 py-2 text-sm font-semibold text-gray-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
        Reminders for {name}
      </summary>
      {open && (
        // The card's single-letter keys (R remove, S snooze…) listen on the window: inside this
        // section a letter belongs to the reminders (or to typing), never to the card.
        // eslint-disable-next-line jsx-a11y/no-static-element-interactions
        <div className="px-3 pb-3" onKeyDown={(e) => e.key.length === 1 && e.stopPropagation()}>
          <ConnectionReminders teamSlug={teamSlug} connectionId={connectionId} name={name} />
        </div>
      )}
    </details>
  );
}
