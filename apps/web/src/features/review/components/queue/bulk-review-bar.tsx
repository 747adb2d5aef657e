"use client";
import { useId, useState } from "react";
import type { TReviewChoiceCode } from "@crm/core";
import { ConfirmDialog } from "@/features/connections/components/confirm-dialog";
import { Popover } from "@/features/connections/components/popover";
import type { TToast } from "@/features/connections/components/toast";
import { FALLBACK_ERROR, plural } from "@/features/connections/labels";
import { runAction } from "@/features/connections/run-action";
import type { TRowSelection } from "@/lib/use-row-selection";
import { bulkReviewAction, undoBulkReviewAction } from "../../bulk-actions";
import { choiceLabelsOf, type TQueueQuery } from "../../queue-url";

export type TQueueSelection = TRowSelection;
type TMode = "vote" | "decide";
type TPending = { mode: TMode; choice: TReviewChoiceCode; snoozeUntil?: string };

type TBarProps = {
  teamSlug: string;
  query: TQueueQuery;
  selection: TQueueSelection;
  /** How many items "all matching" means, when known. */
  matchCount: number | null;
  /** The viewer may decide for at least part of the selection (the service skips the rest). */
  canDecide: boolean;
  summary: string;
  onToast: (t: Omit<TToast, "id">) => void;
  /** After a change or an undo: counts and rows are the server's to tell. */
  onChanged: () => void;
  onClear: () => void;
};

const CHOICES: readonly TReviewChoiceCode[] = ["keep", "remove", "follow_up"];
/** Listing only invitations: their words, and no follow-up (mixed lists keep it; the service skips invitations, saying why). */
const INVITATION_CHOICES: readonly TReviewChoiceCode[] = ["keep", "remove"];
const barButton =
  "inline-flex items-center gap-1 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-gray-900 ring-1 ring-gray-300 hover:bg-gray-50 disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-400";
const PAST: Record<TMode, string> = { vote: "Proposed", decide: "Decided" };

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

function SnoozePicker({ onPick }: { onPick: (date: string) => void }) {
  const id = useId();
  const [date, setDate] = useState(tomorrow);
  return (
    <form
      className="flex flex-col gap-2 text-gray-900"
      onSubmit={(e) => {
        e.preventDefault();
        if (date) onPick(date);
      }}
    >
      <label htmlFor={id} className="text-sm font-medium">Back in the queue on</label>
      <input id={id} type="date" required min={tomorrow()} value={date} onChange={(e) => setDate(e.target.value)} className="rounded-md px-2 py-1.5 ring-1 ring-gray-300 focus-visible:outline-2 focus-visible:outline-blue-600" />
      <button type="submit" className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">Snooze</button>
    </form>
  );
}

/**
 * Propose (vote) or decide for every selected item, or for all matching the page's filter. "All
 * matching" asks first, with the number and the filter in words; either can be undone as one
 * batch from the message that follows.
 */
export function BulkReviewBar({ teamSlug, query, selection, matchCount, canDecide, summary, onToast, onChanged, onClear }: TBarProps) {
  const [confirm, setConfirm] = useState<TPending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const invitations = query.kind === "withdraw_invitation";
  const CHOICE_LABELS = choiceLabelsOf(invitations ? "withdraw_invitation" : "remove");
  const n = selection.allMatching ? matchCount : selection.ids.length;
  const what = n === null ? "all matching items" : plural(n, "item");
  const target: Record<string, string | undefined> = selection.allMatching
    ? { all: "1", account: query.account ?? undefined, view: query.view, kind: query.kind ?? undefined, q: query.q || undefined, expectedCount: matchCount === null ? undefined : String(matchCount) }
    : { ids: selection.ids.join(",") };

  async function undo(batchId: string) {
    const r = await runAction(undoBulkReviewAction, teamSlug, { batchId });
    if (!r.ok) return onToast({ message: r.message ?? FALLBACK_ERROR, tone: "error" });
    onChanged();
    const skipped = r.data?.skippedText ? ` ${String(r.data.skippedText)}.` : "";
    onToast({ message: `Undone: ${plural(Number(r.data?.restored ?? 0), "item")} restored.${skipped}` });
  }

  async function apply(p: TPending) {
    setBusy(true);
    setError(null);
    const r = await runAction(bulkReviewAction, teamSlug, { ...target, action: p.mode, choice: p.choice, snoozeUntil: p.snoozeUntil });
    setBusy(false);
    if (!r.ok) {
      const message = r.message ?? FALLBACK_ERROR;
      if (confirm) setError(message);
      else onToast({ message, tone: "error" });
      return;
    }
    setConfirm(null);
    onClear();
    onChanged();
    const count = Number(r.data?.count ?? 0);
    const batchId = r.data?.batchId ? String(r.data.batchId) : null;
    const skipped = r.data?.skippedText ? ` ${String(r.data.skippedText)}.` : "";
    const choice = p.choice === "snooze" && p.snoozeUntil ? `Snooze until ${p.snoozeUntil}` : CHOICE_LABELS[p.choice];
    onToast({
      message: `${PAST[p.mode]} ${choice} for ${plural(count, "item")}.${skipped}`,
      tone: count === 0 && skipped ? "error" : "info",
      action: batchId && count > 0 ? { label: "Undo", run: () => void undo(batchId) } : undefined,
    });
  }

  function start(p: TPending) {
    setError(null);
    if (selection.allMatching) setConfirm(p);
    else void apply(p);
  }

  const group = (mode: TMode) => (
    <div role="group" aria-label={mode === "vote" ? "Propose" : "Decide"} className="flex flex-wrap items-center gap-1.5">
      <span className="mr-1 text-gray-300" aria-hidden="true">{mode === "vote" ? "Propose:" : "Decide:"}</span>
      {(invitations ? INVITATION_CHOICES : CHOICES).map((choice) => (
        <button key={choice} type="button" disabled={busy} onClick={() => start({ mode, choice })} className={barButton}>
          {CHOICE_LABELS[choice]}
        </button>
      ))}
      <Popover label="Snooze…" name={mode === "vote" ? "Propose snooze until" : "Snooze until"} side="top" buttonClassName={barButton}>
        {(close) => (
          <SnoozePicker
            onPick={(date) => {
              close();
              start({ mode, choice: "snooze", snoozeUntil: date });
            }}
          />
        )}
      </Popover>
    </div>
  );

  return (
    <div role="toolbar" aria-label="Bulk review" className="sticky bottom-4 z-20 mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg bg-gray-900 px-4 py-2 text-sm text-white shadow-lg">
      <span className="font-semibold" aria-live="polite" data-testid="selection-count">
        {selection.allMatching ? (matchCount === null ? "All matching selected" : `All ${matchCount.toLocaleString("en")} matching selected`) : `${plural(selection.ids.length, "item")} selected`}
      </span>
      {group("vote")}
      {canDecide && group("decide")}
      <button type="button" onClick={onClear} className="ml-auto rounded px-2 py-1.5 text-sm text-gray-200 underline hover:text-white focus-visible:outline-2 focus-visible:outline-white">
        Clear selection
      </button>

      {confirm && (
        <ConfirmDialog
          title={`${confirm.mode === "vote" ? "Propose" : "Decide"} ${CHOICE_LABELS[confirm.choice]} for ${what}?`}
          confirmLabel={`${confirm.mode === "vote" ? "Propose" : "Decide"} ${CHOICE_LABELS[confirm.choice]}`}
          tone={confirm.choice === "remove" ? "danger" : "primary"}
          pending={busy}
          error={error}
          onCancel={() => setConfirm(null)}
          onConfirm={() => void apply(confirm)}
        >
          <p>This applies to {n === null ? "every item" : <>all <strong>{n.toLocaleString("en")}</strong> items</>} matching this view, including those not on this page:</p>
          <p className="rounded bg-gray-50 p-2 text-gray-900 ring-1 ring-gray-200" data-testid="confirm-summary">{summary}</p>
          {confirm.mode === "decide" && <p>Items of accounts you cannot decide for are skipped, and you will see how many.</p>}
          <p>You can undo it from the message that follows.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
