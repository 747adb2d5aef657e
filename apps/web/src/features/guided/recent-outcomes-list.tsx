"use client";
import { useEffect, useRef } from "react";
import { Button } from "@crm/ui";
import { timeIn } from "@/features/removals/format";

/** The shape both lanes' outcome rows share. */
export type TRecentRow<O extends string> = {
  outcomeId: string;
  name: string;
  outcome: O;
  createdAt: string;
  undoUntil: string | null;
  budgetReturned: boolean;
  undone: boolean;
};

/** A lane's words and test ids: the list's behaviour is the same in both lanes. */
export type TRecentCopy<O extends string> = {
  /** The list's test id; each row's is `${testId}-row`. */
  testId: string;
  questionTestId: string;
  empty: string;
  labels: Record<O, string>;
  /** The outcome that spends the budget: undoing it asks first whether LinkedIn was touched. */
  counted: O;
  /** The status of an undone `counted` outcome whose budget came back. */
  givenBack: string;
  question: (name: string) => string;
  explain: (name: string) => string;
  yes: string;
};

export type TRecentProps<O extends string> = {
  rows: TRecentRow<O>[];
  timeZone: string;
  now: number;
  canUndo: boolean;
  pending: boolean;
  /** The outcome whose undo question is open (owned by the session: its keys pause meanwhile). */
  asking: string | null;
  onAsk: (outcomeId: string | null) => void;
  /** linkedInTouched only for the `counted` outcome (the server requires it there). */
  onUndo: (row: TRecentRow<O>, linkedInTouched?: boolean) => void;
};

/**
 * Today's outcomes, newest first, with Undo for 10 minutes. Undoing the outcome that spent the
 * budget asks first whether LinkedIn was touched. Focus: the question's first answer when it
 * opens (the Undo button is gone), back to that row's Undo on Cancel; after an answer the session
 * moves it to its panel.
 */
export function RecentOutcomesList<O extends string>({ copy, rows, timeZone, now, canUndo, pending, asking, onAsk, onUndo }: TRecentProps<O> & { copy: TRecentCopy<O> }) {
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

  if (rows.length === 0) return <p className="text-sm text-gray-700">{copy.empty}</p>;
  const status = (r: TRecentRow<O>): string | null => {
    if (!r.undone) return null;
    if (r.outcome !== copy.counted) return "Undone";
    return r.budgetReturned ? copy.givenBack : "Undone, still counted (LinkedIn saw it)";
  };
  return (
    <ul ref={list} className="divide-y divide-gray-200" data-testid={copy.testId}>
      {rows.map((r) => {
        const open = canUndo && !r.undone && r.undoUntil !== null && new Date(r.undoUntil).getTime() > now;
        const s = status(r);
        const label = copy.labels[r.outcome] ?? r.outcome;
        const at = timeIn(r.createdAt, timeZone);
        return (
          <li key={r.outcomeId} className="flex flex-col gap-2 py-2" data-testid={`${copy.testId}-row`}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <span className="text-sm">
                <span className="font-medium text-gray-900">{r.name}</span>
                <span className="text-gray-700"> · {label} at <time dateTime={r.createdAt}>{at}</time></span>
                {s && <span className="text-gray-600"> · {s}</span>}
              </span>
              {open && asking !== r.outcomeId && (
                // The time tells two people of the same name apart.
                <Button variant="ghost" disabled={pending} data-undo-for={r.outcomeId} onClick={() => (r.outcome === copy.counted ? onAsk(r.outcomeId) : onUndo(r))} aria-label={`Undo ${label} for ${r.name} at ${at}`}>
                  Undo
                </Button>
              )}
            </div>
            {open && asking === r.outcomeId && (
              <fieldset className="flex flex-col gap-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200" data-testid={copy.questionTestId} data-undo-question={r.outcomeId}>
                <legend className="px-1 text-sm font-semibold text-gray-900">{copy.question(r.name)}</legend>
                <p className="text-xs text-gray-700">{copy.explain(r.name)}</p>
                <div className="flex flex-wrap gap-2">
                  <Button variant="secondary" aria-disabled={pending} onClick={() => !pending && onUndo(r, true)}>{copy.yes}</Button>
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
