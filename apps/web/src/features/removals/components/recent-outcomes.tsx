"use client";
import { useEffect, useRef } from "react";
import type { TSessionOutcomeRow } from "@crm/core";
import { Button } from "@crm/ui";
import { OUTCOME_LABELS, timeIn } from "../format";

type TProps = {
  rows: TSessionOutcomeRow[];
  timeZone: string;
  now: number;
  canUndo: boolean;
  pending: boolean;
  /** The "Removed" whose undo question is open (owned by the session: its keys pause meanwhile). */
  asking: string | null;
  onAsk: (outcomeId: string | null) => void;
  /** linkedInTouched only for a "Removed" (the server requires it there). */
  onUndo: (row: TSessionOutcomeRow, linkedInTouched?: boolean) => void;
};

function status(r: TSessionOutcomeRow): string | null {
  if (!r.undone) return null;
  if (r.outcome !== "removed") return "Undone";
  return r.budgetReturned ? "Undone, budget given back" : "Undone, still counted (LinkedIn saw it)";
}

/**
 * Today's outcomes, newest first, with Undo for 10 minutes. Undoing a "Removed" asks first whether
 * LinkedIn was touched. Focus: the question's first answer when it opens (the Undo button is gone),
 * back to that row's Undo on Cancel; after an answer the session moves it to its panel.
 */
export function RecentOutcomes({ rows, timeZone, now, canUndo, pending, asking, onAsk, onUndo }: TProps) {
  const list = useRef<HTMLUListElement>(null);
  const cancelled = useRef<string | null>(null);
  useEffect(() => {
    if (asking) {
      list.current?.querySelector<HTMLElement>(`[data-undo-question="${CSS.escape(asking)}"] button`)?.focus();
      return;
    }
    const back = cancelled.current;
    cancelled.current = null;
    if (back) list.current?.querySelector<HTMLElement>(`[data-undo-for="${CSS.escape(back)}"]`)?.focus();
  }, [asking]);

  if (rows.length === 0) return <p className="text-sm text-gray-700">Nothing recorded today yet.</p>;
  return (
    <ul ref={list} className="divide-y divide-gray-200" data-testid="removal-recent">
      {rows.map((r) => {
        const open = canUndo && !r.undone && r.undoUntil !== null && new Date(r.undoUntil).getTime() > now;
        const s = status(r);
        const label = OUTCOME_LABELS[r.outcome] ?? r.outcome;
        const at = timeIn(r.createdAt, timeZone);
        return (
          <li key={r.outcomeId} className="flex flex-col gap-2 py-2" data-testid="removal-recent-row">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <span className="text-sm">
                <span className="font-medium text-gray-900">{r.name}</span>
                <span className="text-gray-700"> · {label} at <time dateTime={r.createdAt}>{at}</time></span>
                {s && <span className="text-gray-600"> · {s}</span>}
              </span>
              {open && asking !== r.outcomeId && (
                // The time tells two people of the same name apart.
                <Button variant="ghost" disabled={pending} data-undo-for={r.outcomeId} onClick={() => (r.outcome === "removed" ? onAsk(r.outcomeId) : onUndo(r))} aria-label={`Undo ${label} for ${r.name} at ${at}`}>
                  Undo
                </Button>
              )}
            </div>
            {open && asking === r.outcomeId && (
              <fieldset className="flex flex-col gap-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200" data-testid="undo-question" data-undo-question={r.outcomeId}>
                <legend className="px-1 text-sm font-semibold text-gray-900">Did you already remove {r.name} on LinkedIn?</legend>
                <p className="text-xs text-gray-700">
                  Today’s budget comes back only if you did not: a removal LinkedIn saw still counts toward its pace. Either way {r.name} goes back into today’s session.
                </p>
                <div className="flex flex-wrap gap-2">
                  <Button variant="secondary" aria-disabled={pending} onClick={() => !pending && onUndo(r, true)}>Yes, I removed them on LinkedIn</Button>
                  <Button variant="secondary" aria-disabled={pending} onClick={() => !pending && onUndo(r, false)}>No, I clicked by mistake</Button>
                  <Button
                    variant="ghost"
                    onClick={() => {
                      cancelled.current = r.outcomeId;
                      onAsk(null);
                    }}
                  >
                    Cancel
                  </Button>
                </div>
              </fieldset>
            )}
          </li>
        );
      })}
    </ul>
  );
}
