"use client";
import { useId, useState } from "react";
import type { TReviewCard, TReviewChoiceCode } from "@crm/core";
import { Button } from "@crm/ui";
import { formatDate } from "@/features/connections/labels";
import { CHOICE_LABELS, STATE_LABELS } from "../../queue-url";
import { CHOICE_KEYS } from "./review-writes";

type TProps = {
  card: TReviewCard;
  pending: boolean;
  snoozing: boolean;
  snoozeError: string | null;
  onChoose: (choice: TReviewChoiceCode, snoozeUntil?: string) => void;
  onSnooze: (open: boolean) => void;
  onUndo: (() => void) | null;
  onRetract: () => void;
};

const CHOICES: TReviewChoiceCode[] = ["keep", "remove", "follow_up", "snooze"];
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/** What was already decided or voted, in words. */
function standing(card: TReviewCard): string | null {
  if (card.decision) {
    const by = card.decidedBy ? ` by ${card.decidedBy.name}` : "";
    const until = card.decision === "snooze" && card.snoozedUntil ? ` until ${formatDate(card.snoozedUntil)}` : "";
    return `${STATE_LABELS[card.state]}: decided ${CHOICE_LABELS[card.decision]}${until}${by}.`;
  }
  if (card.state !== "open") return `${STATE_LABELS[card.state]}${card.closedReason ? `: ${card.closedReason}` : "."}`;
  return null;
}

/** K/R/F/S as buttons: a decision for the account owner (or an admin where allowed), else a vote. */
export function CardActions({ card, pending, snoozing, snoozeError, onChoose, onSnooze, onUndo, onRetract }: TProps) {
  const id = useId();
  const [date, setDate] = useState("");
  const mine = card.canDecide ? card.decision : card.myVote;
  const legend = card.canDecide ? "Your decision" : "Your vote";
  const note = card.canDecide
    ? "You decide for this account."
    : `${card.account.owner.name} decides for ${card.account.label}; your vote helps them.`;
  const now = standing(card);
  return (
    <fieldset className="flex flex-col gap-3 rounded-lg p-4 ring-1 ring-gray-200" disabled={pending} aria-describedby={`${id}-note`}>
      <legend className="px-1 text-base font-semibold text-gray-900" data-testid="action-mode">{legend}</legend>
      <p id={`${id}-note`} className="text-sm text-gray-700">
        {note}
        {card.myVote && !card.canDecide && <> You voted <strong>{CHOICE_LABELS[card.myVote]}</strong>.</>}
      </p>
      {now && <p className="text-sm font-medium text-gray-900" data-testid="card-standing">{now}</p>}
      <div className="flex flex-wrap gap-2">
        {CHOICES.map((c) => (
          <Button
            key={c}
            variant={c === "remove" ? "danger" : "secondary"}
            aria-pressed={mine === c}
            aria-keyshortcuts={CHOICE_KEYS[c]}
            onClick={() => (c === "snooze" ? onSnooze(!snoozing) : onChoose(c))}
            className={mine === c ? "ring-2 ring-blue-700" : ""}
          >
            {CHOICE_LABELS[c]}
            <kbd aria-hidden="true" className="rounded border border-gray-300 bg-gray-50 px-1 font-mono text-xs text-gray-700">{CHOICE_KEYS[c]}</kbd>
          </Button>
        ))}
        {onUndo && (
          <Button variant="ghost" aria-keyshortcuts="U" onClick={onUndo}>
            Undo<kbd aria-hidden="true" className="rounded border border-gray-300 bg-gray-50 px-1 font-mono text-xs text-gray-700">U</kbd>
          </Button>
        )}
        {card.myVote && !card.canDecide && <Button variant="ghost" onClick={onRetract}>Take back my vote</Button>}
      </div>
      {snoozing && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            onChoose("snooze", date);
          }}
        >
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-date`} className="text-sm font-medium text-gray-800">Snooze until</label>
            <input
              id={`${id}-date`}
              type="date"
              autoFocus
              required
              min={tomorrow()}
              value={date}
              onChange={(e) => setDate(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Escape") {
                  e.preventDefault();
                  onSnooze(false);
                }
              }}
              aria-invalid={snoozeError ? true : undefined}
              aria-describedby={snoozeError ? `${id}-date-error` : `${id}-date-hint`}
              className={`rounded-md border px-3 py-2 text-sm ${snoozeError ? "border-red-600" : "border-gray-300"} focus-visible:outline-2 focus-visible:outline-blue-600`}
            />
          </div>
          <Button type="submit">Snooze</Button>
          <Button variant="ghost" onClick={() => onSnooze(false)}>Cancel</Button>
          {snoozeError ? (
            <p id={`${id}-date-error`} className="w-full text-sm text-red-700">{snoozeError}</p>
          ) : (
            <p id={`${id}-date-hint`} className="w-full text-xs text-gray-600">Enter confirms, Escape cancels. It comes back on that date.</p>
          )}
        </form>
      )}
    </fieldset>
  );
}
