"use client";
import type { Ref } from "react";
import type { TWithdrawalCard, TWithdrawalOutcomeCode } from "@crm/core";
import { buttonClass } from "@crm/ui";
import { CardSection, DecisionLines, keyHint, OutcomeButtons, type TOutcomeOption } from "@/features/guided/card-parts";
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

const OPTIONS: TOutcomeOption<TWithdrawalOutcomeCode>[] = [
  { outcome: "withdrawn", label: "Withdrawn", key: "W" },
  { outcome: "accepted", label: "They accepted", key: "A" },
  { outcome: "kept", label: "Keep waiting", key: "K" },
];
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
          Open on LinkedIn{keyHint("O")}
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

      <OutcomeButtons options={OPTIONS} pending={pending} onOutcome={onOutcome} note="“They accepted” and “Keep waiting” do not use today’s withdrawals." />

      <CardSection title="Why withdraw it">
        <DecisionLines why={card.why} approved="Approved for withdrawal" voteLabels={WITHDRAW_VOTE_LABELS} testId="withdrawal-why" />
      </CardSection>
    </article>
  );
}
