"use client";
import { useId } from "react";
import type { TReviewCard, TReviewChoiceCode } from "@crm/core";
import { Button } from "@crm/ui";
import { formatDate } from "@/features/connections/labels";
import { choiceLabelsOf, choicesOf, STATE_LABELS } from "../../queue-url";
import { DateChoiceForm } from "./date-choice-form";
import { CHOICE_KEYS, type TDateChoice } from "./review-writes";

type TProps = {
  card: TReviewCard;
  pending: boolean;
  /** The open date field (a snooze, or a follow-up decision's due date), if any. */
  dateFor: TDateChoice | null;
  dateError: string | null;
  onChoose: (choice: TReviewChoiceCode, date?: string) => void;
  onDate: (choice: TDateChoice | null) => void;
  /** Where focus goes when the date field closes without a choice (the card's name). */
  onLeave: () => void;
  onUndo: (() => void) | null;
  onRetract: () => void;
};

/** What was already decided or voted, in words. */
function standing(card: TReviewCard): string | null {
  if (card.decision) {
    const by = card.decidedBy ? ` by ${card.decidedBy.name}` : "";
    const until = card.decision === "snooze" && card.snoozedUntil ? ` until ${formatDate(card.snoozedUntil)}` : "";
    const state = card.kind === "withdraw_invitation" && card.state === "approved" ? "Approved for withdrawal" : STATE_LABELS[card.state];
    return `${state}: decided ${choiceLabelsOf(card.kind)[card.decision]}${until}${by}.`;
  }
  if (card.state !== "open") return `${STATE_LABELS[card.state]}${card.closedReason ? `: ${card.closedReason}` : "."}`;
  return null;
}

/** K/R/F/S as buttons: a decision for the account owner (or an admin where allowed), else a vote. */
export function CardActions({ card, pending, dateFor, dateError, onChoose, onDate, onLeave, onUndo, onRetract }: TProps) {
  const id = useId();
  const mine = card.canDecide ? card.decision : card.myVote;
  const legend = card.canDecide ? "Your decision" : "Your vote";
  const note = card.canDecide
    ? "You decide for this account."
    : `${card.account.owner.name} decides for ${card.account.label}; your vote helps them.`;
  const now = standing(card);
  // An invitation is withdrawn, kept waiting or snoozed: it has no follow-up (no F button).
  const labels = choiceLabelsOf(card.kind);
  return (
    <fieldset className="flex flex-col gap-3 rounded-lg p-4 ring-1 ring-gray-200" disabled={pending} aria-describedby={`${id}-note`}>
      <legend className="px-1 text-base font-semibold text-gray-900" data-testid="action-mode">{legend}</legend>
      <p id={`${id}-note`} className="text-sm text-gray-700">
        {note}
        {card.myVote && !card.canDecide && <> You voted <strong>{labels[card.myVote]}</strong>.</>}
      </p>
      {now && <p className="text-sm font-medium text-gray-900" data-testid="card-standing">{now}</p>}
      <div className="flex flex-wrap gap-2">
        {choicesOf(card.kind).map((c) => (
          <Button
            key={c}
            variant={c === "remove" ? "danger" : "secondary"}
            aria-pressed={mine === c}
            aria-keyshortcuts={CHOICE_KEYS[c]}
            // A second click on the button whose date field is open closes it again.
            onClick={() => (dateFor === c ? onDate(null) : onChoose(c))}
            className={mine === c ? "ring-2 ring-blue-700" : ""}
          >
            {labels[c]}
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
      {dateFor && (
        <DateChoiceForm
          key={`${card.id}:${dateFor}`}
          choice={dateFor}
          error={dateError}
          onConfirm={(date) => onChoose(dateFor, date)}
          onCancel={() => {
            onDate(null);
            onLeave();
          }}
        />
      )}
    </fieldset>
  );
}
