"use client";
import { useCallback, useEffect, useState } from "react";
import type { TReminderView } from "@crm/core";
import { dayText } from "../dates";
import { fetchConnectionReminders } from "../reminders-api";
import { ReminderList } from "./reminder-list";
import { RemindForm } from "./remind-form";

/**
 * The drawer's (and the person page's) "Reminders": this person's open reminders with done,
 * snooze and reschedule, and "Remind me". Loads its own list, so the connection detail's shape
 * and the drawer's loading stay as they are.
 */
export function ConnectionReminders({ teamSlug, connectionId, name }: { teamSlug: string; connectionId: string; name: string }) {
  const [items, setItems] = useState<TReminderView[] | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState("");

  const load = useCallback(async () => {
    const r = await fetchConnectionReminders(teamSlug, connectionId);
    if (!r.ok) return setError(r.message);
    setError(null);
    // The list keeps its own state between loads; a new version starts it from this answer.
    setItems(r.data.filter((x) => x.state !== "done"));
    setVersion((v) => v + 1);
  }, [teamSlug, connectionId]);

  useEffect(() => {
    setItems(null);
    void load();
  }, [load]);

  return (
    <div className="flex flex-col gap-3">
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      {items === null ? (
        !error && <p className="text-sm text-gray-600" aria-busy="true">Loading reminders…</p>
      ) : (
        <ReminderList key={version} slug={teamSlug} view="person" initial={items} emptyText={`No open reminders for ${name}.`} label={`Reminders for ${name}`} />
      )}
      <div role="group" aria-label="Remind me" className="rounded-md bg-gray-50 p-3 ring-1 ring-gray-200">
        <RemindForm
          slug={teamSlug}
          target={{ ids: [connectionId] }}
          submitLabel="Remind me"
          onCreated={({ date }) => {
            setSaved(`Reminder set for ${dayText(date)}.`);
            void load();
          }}
        />
      </div>
      <p role="status" aria-live="polite" className="text-sm text-gray-800" data-testid="remind-saved">{saved}</p>
    </div>
  );
}
