"use client";
import type { Ref } from "react";
import type { TWithdrawalCard, TWithdrawalOutcomeCode } from "@crm/core";
import { Button, buttonClass } from "@crm/ui";
import { formatDate } from "@/features/connections/labels";
import { ageText, WITHDRAW_VOTE_LABELS } from "../format";

// One invitation to withdraw: who, when it was sent, why; the button that opens LinkedIn's sent
// invitations and the person (the human clicks Withdraw there, we never do); then the outcomes.

type TProps = {
  card: TWithdrawalCard;
  pending: TWithdrawalOutcomeCode | null;
  headingRef: Ref<HTMLHeadingElement>;
  openRef: Ref<HTMLButtonElement>;
  onOutcome: (outcome: TWithdrawalOutcomeCode) => void;
};

const kbd = (k: string) => <kbd aria-hidden="true" className="rounded border border-gray-300 bg-gray-50 px-1 font-mono text-xs text-gray-700">{k}</kbd>;
const linkClass = "rounded text-blue-800 underline hover:text-blue-950 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

/**
 * Both tabs from one click: LinkedIn's sent invitations (where Withdraw is) and the person, to be
 * sure it is them. noopener,noreferrer: LinkedIn gets no handle on this page and no referrer. A
 * browser that blocks the second tab still has the two links below.
 */
export function openOnLinkedIn(card: TWithdrawalCard): void {
  window.open(card.sentInvitationsUrl, "_blank", "noopener,noreferrer");
  window.open(card.link.url, "_blank", "noopener,noreferrer");
}

export function WithdrawalCard({ card, pending, headingRef, openRef, onOutcome }: TProps) {
  const inv = card.invitation;
  const busy = pending !== null;
  const w = card.why;
  return (
    <article className="flex flex-col gap-6" aria-labelledby={`withdrawal-${card.itemId}`} data-testid="withdrawal-card" data-item-id={card.itemId}>
      <header className="flex flex-col gap-1">
        <h2 id={`withdrawal-${card.itemId}`} ref={headingRef} tabIndex={-1} className="text-2xl font-semibold text-gray-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
          {inv.name || "Unnamed invitee"}
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 text-sm text-gray-800">
          <dt className="text-gray-600">Sent</dt>
          <dd>{inv.sentAt ? formatDate(inv.sentAt) : "Date unknown"}</dd>
          <dt className="text-gray-600">Waiting</dt>
          <dd>{inv.ageDays === null ? "Unknown" : ageText(inv.ageDays)}</dd>
          <dt className="text-gray-600">Personal message</dt>
          <dd>{inv.hasMessage ? "Yes" : "No"}</dd>
        </dl>
        {card.retryNote && <p className="mt-1 rounded-md bg-amber-50 p-2 text-sm font-medium text-amber-900 ring-1 ring-amber-200" data-testid="withdrawal-retry-note">{card.retryNote}</p>}
      </header>

      <section aria-label="On LinkedIn" className="flex flex-col gap-3 rounded-lg bg-blue-50 p-4 ring-1 ring-blue-200">
        <button type="button" ref={openRef} className={buttonClass("primary", "self-start")} aria-keyshortcuts="O" onClick={() => openOnLinkedIn(card)} data-testid="open-linkedin">
          Open on LinkedIn{kbd("O")}
          <span className="sr-only"> (opens LinkedIn’s sent invitations and {card.link.kind === "profile" ? "their profile" : "a search for them"} in two new tabs)</span>
        </button>
        <ol className="list-decimal pl-5 text-sm text-gray-900">
          <li>On <strong>Sent invitations</strong>, find {inv.name} and click <strong>Withdraw</strong>, then confirm.</li>
          <li>Not in the list? Check {card.link.kind === "profile" ? "their profile" : "the search"}: they may have accepted already.</li>
          <li>Come back here and record what happened.</li>
        </ol>
        <p className="text-xs text-gray-700">
          If a tab did not open:{" "}
          <a className={linkClass} href={card.sentInvitationsUrl} target="_blank" rel="noopener noreferrer">Sent invitations<span className="sr-only"> (opens in a new tab)</span></a>
          {" · "}
          <a className={linkClass} href={card.link.url} target="_blank" rel="noopener noreferrer">
            {card.link.kind === "profile" ? `${inv.name}’s profile` : `Search LinkedIn for ${inv.name}`}
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        </p>
      </section>

      {/* aria-disabled, not disabled: focus stays on the pressed button when the same card stays. */}
      <fieldset className="flex flex-col gap-3">
        <legend className="sr-only">What happened on LinkedIn</legend>
        <div className="flex flex-wrap gap-2">
          <Button variant="primary" aria-keyshortcuts="W" aria-disabled={busy} className={busy ? "opacity-60" : ""} onClick={() => onOutcome("withdrawn")}>
            {pending === "withdrawn" ? "Recording…" : "Withdrawn"}{kbd("W")}
          </Button>
          <Button variant="secondary" aria-keyshortcuts="A" aria-disabled={busy} className={busy ? "opacity-60" : ""} onClick={() => onOutcome("accepted")}>
            {pending === "accepted" ? "Recording…" : "They accepted"}{kbd("A")}
          </Button>
          <Button variant="secondary" aria-keyshortcuts="K" aria-disabled={busy} className={busy ? "opacity-60" : ""} onClick={() => onOutcome("kept")}>
            {pending === "kept" ? "Recording…" : "Keep waiting"}{kbd("K")}
          </Button>
        </div>
        <p className="text-xs text-gray-600">“They accepted” and “Keep waiting” do not use today’s withdrawals.</p>
      </fieldset>

      <section aria-label="Why withdraw it" className="flex flex-col gap-2">
        <h2 className="text-sm font-semibold uppercase tracking-wide text-gray-600">Why withdraw it</h2>
        <ul className="flex flex-col gap-1 text-sm text-gray-900" data-testid="withdrawal-why">
          <li>
            <span className="font-medium">Approved for withdrawal</span>
            {w.decidedBy && <> by {w.decidedBy.name}</>}
            {w.decidedAt && <> on {formatDate(w.decidedAt)}</>}
            {w.decisionReason && <span className="text-gray-700">: {w.decisionReason}</span>}
          </li>
          {w.rules.map((r) => <li key={r}>{r}</li>)}
        </ul>
        {w.votes.length > 0 && (
          <ul className="flex flex-col gap-0.5 text-sm text-gray-700" aria-label="Votes">
            {w.votes.map((v) => (
              <li key={v.user.id}>{v.user.name} voted {WITHDRAW_VOTE_LABELS[v.choice] ?? v.choice}{v.reason ? `: ${v.reason}` : ""}</li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
