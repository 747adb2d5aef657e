"use client";
import { useEffect, useRef } from "react";
import type { TWithdrawalOutcomeRow } from "@crm/core";
import { Button } from "@crm/ui";
import { timeIn } from "@/features/removals/format";
import { WITHDRAW_OUTCOME_LABELS } from "../format";

type TProps = {
  rows: TWithdrawalOutcomeRow[];
  timeZone: string;
  now: number;
  canUndo: boolean;
  pending: boolean;
  asking: string | null;
  onAsk: (outcomeId: string | null) => void;
  /** linkedInTouched only for a "Withdrawn" (the server requires it there). */
  onUndo: (row: TWithdrawalOutcomeRow, linkedInTouched?: boolean) => void;
};

function status(r: TWithdrawalOutcomeRow): string | null {
  if (!r.undone) return null;
  if (r.outcome !== "withdrawn") return "Undone";
  return r.budgetReturned ? "Undone, given back to today’s withdrawals" : "Undone, still counted (LinkedIn saw it)";
}

/**
 * Today's withdrawal outcomes, newest first, with Undo for 10 minutes. Undoing a "Withdrawn" asks
 * first whether LinkedIn was touched (the removal lane's pattern, same focus handling).
 */
export function WithdrawalRecent({ rows, timeZone, now, canUndo, pending, asking, onAsk, onUndo }: TProps) {
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

  if (rows.length === 0) return <p className="text-sm text-gray-700">No withdrawals recorded today yet.</p>;
  return (
    <ul ref={list} className="divide-y divide-gray-200" data-testid="withdrawal-recent">
      {rows.map((r) => {
        const open = canUndo && !r.undone && r.undoUntil !== null && new Date(r.undoUntil).getTime() > now;
        const s = status(r);
        const label = WITHDRAW_OUTCOME_LABELS[r.outcome] ?? r.outcome;
        const at = timeIn(r.createdAt, timeZone);
        return (
          <li key={r.outcomeId} className="flex flex-col gap-2 py-2" data-testid="withdrawal-recent-row">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <span className="text-sm">
                <span className="font-medium text-gray-900">{r.name}</span>
                <span className="text-gray-700"> · {label} at <time dateTime={r.createdAt}>{at}</time></span>
                {s && <span className="text-gray-600"> · {s}</span>}
              </span>
              {open && asking !== r.outcomeId && (
                <Button variant="ghost" disabled={pending} data-undo-for={r.outcomeId} onClick={() => (r.outcome === "withdrawn" ? onAsk(r.outcomeId) : onUndo(r))} aria-label={`Undo ${label} for ${r.name} at ${at}`}>
                  Undo
                </Button>
              )}
            </div>
            {open && asking === r.outcomeId && (
              <fieldset className="flex flex-col gap-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200" data-testid="withdrawal-undo-question" data-undo-question={r.outcomeId}>
                <legend className="px-1 text-sm font-semibold text-gray-900">Did you already withdraw the invitation to {r.name} on LinkedIn?</legend>
                <p className="text-xs text-gray-700">
                  Today’s withdrawal comes back only if you did not: a withdrawal LinkedIn saw still counts toward its pace. Either way {r.name} goes back into the session.
                </p>
                <div className="flex flex-wrap gap-2">
                  <Button variant="secondary" aria-disabled={pending} onClick={() => !pending && onUndo(r, true)}>Yes, I withdrew it on LinkedIn</Button>
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
