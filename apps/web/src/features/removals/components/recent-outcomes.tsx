"use client";
import { useState } from "react";
import type { TSessionOutcomeRow } from "@crm/core";
import { Button } from "@crm/ui";
import { OUTCOME_LABELS, timeIn } from "../format";

type TProps = {
  rows: TSessionOutcomeRow[];
  timeZone: string;
  now: number;
  canUndo: boolean;
  pending: boolean;
  /** linkedInTouched only for a "Removed" (the server requires it there). */
  onUndo: (row: TSessionOutcomeRow, linkedInTouched?: boolean) => void;
};

function status(r: TSessionOutcomeRow): string | null {
  if (!r.undone) return null;
  if (r.outcome !== "removed") return "Undone";
  return r.budgetReturned ? "Undone, budget given back" : "Undone, still counted (LinkedIn saw it)";
}

/** Today's outcomes, newest first, with Undo for 10 minutes. Undoing a "Removed" asks first whether LinkedIn was touched. */
export function RecentOutcomes({ rows, timeZone, now, canUndo, pending, onUndo }: TProps) {
  const [asking, setAsking] = useState<string | null>(null);
  if (rows.length === 0) return <p className="text-sm text-gray-700">Nothing recorded today yet.</p>;
  return (
    <ul className="divide-y divide-gray-200" data-testid="removal-recent">
      {rows.map((r) => {
        const open = canUndo && !r.undone && r.undoUntil !== null && new Date(r.undoUntil).getTime() > now;
        const s = status(r);
        return (
          <li key={r.outcomeId} className="flex flex-col gap-2 py-2" data-testid="removal-recent-row">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <span className="text-sm">
                <span className="font-medium text-gray-900">{r.name}</span>
                <span className="text-gray-700"> · {OUTCOME_LABELS[r.outcome] ?? r.outcome} at <time dateTime={r.createdAt}>{timeIn(r.createdAt, timeZone)}</time></span>
                {s && <span className="text-gray-600"> · {s}</span>}
              </span>
              {open && asking !== r.outcomeId && (
                <Button variant="ghost" disabled={pending} onClick={() => (r.outcome === "removed" ? setAsking(r.outcomeId) : onUndo(r))} aria-label={`Undo ${OUTCOME_LABELS[r.outcome] ?? r.outcome} for ${r.name}`}>
                  Undo
                </Button>
              )}
            </div>
            {open && asking === r.outcomeId && (
              <fieldset className="flex flex-col gap-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200" disabled={pending} data-testid="undo-question">
                <legend className="px-1 text-sm font-semibold text-gray-900">Did you already remove {r.name} on LinkedIn?</legend>
                <p className="text-xs text-gray-700">
                  Today’s budget comes back only if you did not: a removal LinkedIn saw still counts toward its pace. Either way {r.name} goes back into today’s session.
                </p>
                <div className="flex flex-wrap gap-2">
                  <Button variant="secondary" onClick={() => { setAsking(null); onUndo(r, true); }}>Yes, I removed them on LinkedIn</Button>
                  <Button variant="secondary" onClick={() => { setAsking(null); onUndo(r, false); }}>No, I clicked by mistake</Button>
                  <Button variant="ghost" onClick={() => setAsking(null)}>Cancel</Button>
                </div>
              </fieldset>
            )}
          </li>
        );
      })}
    </ul>
  );
}
