"use client";
import { plural } from "@/features/connections/labels";
import { dayText } from "../dates";
import type { TReminderTarget } from "../reminders-api";
import { RemindForm } from "./remind-form";

type TProps = {
  teamSlug: string;
  target: TReminderTarget;
  /** Set when the target is every connection matching the filter: said in words before saving. */
  allMatching: { count: number; summary: string } | null;
  onDone: (message: string) => void;
};

/** The table bar's "Set reminder…": one follow-up reminder per selected person, on one day. */
export function BulkReminderForm({ teamSlug, target, allMatching, onDone }: TProps) {
  const n = allMatching ? allMatching.count : "ids" in target ? target.ids.length : 0;
  return (
    <RemindForm
      slug={teamSlug}
      target={target}
      autoFocus
      submitLabel={`Set ${n === 1 ? "reminder" : `${n.toLocaleString("en")} reminders`}`}
      intro={
        allMatching ? (
          <div className="flex flex-col gap-1 text-sm text-gray-800" data-testid="bulk-reminder-scope">
            <p>For all <strong>{allMatching.count.toLocaleString("en")}</strong> connections matching the filter, including those not loaded on this page:</p>
            <p className="rounded bg-gray-50 p-2 ring-1 ring-gray-200">{allMatching.summary}</p>
          </div>
        ) : (
          <p className="text-sm text-gray-800">A follow-up reminder for each of the {plural(n, "selected connection")}.</p>
        )
      }
      onCreated={({ created, date }) => onDone(created === 0 ? "No reminder set: none of them could take one." : `Reminder set for ${plural(created, "connection")}, due ${dayText(date)}.`)}
    />
  );
}
