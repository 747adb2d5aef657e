"use client";
import type { Ref } from "react";
import type { TReviewCard, TReviewChoiceCode, TUserRef } from "@crm/core";
import { useParams } from "next/navigation";
import { FIT_LABELS, fitClass, formatDate } from "@/features/connections/labels";
import { CardReminders } from "@/features/reminders/components/card-reminders";
import { KIND_LABELS } from "../../queue-url";
import { CardActions } from "./card-actions";
import { FlagsAndTags, HistorySection, NotesList, ProtectedLoss, ScoreSection, TeammatesConnected, WhyInQueue } from "./card-sections";
import { CommentBox } from "./comment-box";
import type { TDateChoice } from "./review-writes";
import { VotesTally } from "./votes-tally";

export type TCardProps = {
  card: TReviewCard;
  viewerId: string;
  members: TUserRef[];
  pending: boolean;
  dateFor: TDateChoice | null;
  dateError: string | null;
  headingRef: Ref<HTMLHeadingElement>;
  commentRef: Ref<HTMLTextAreaElement>;
  onChoose: (choice: TReviewChoiceCode, date?: string) => void;
  onDate: (choice: TDateChoice | null) => void;
  onUndo: (() => void) | null;
  onRetract: () => void;
  onComment: (body: string) => Promise<{ ok: boolean; message: string; fieldErrors?: Record<string, string> }>;
  /** Leaving the comment box or the date field with Escape: focus goes back to the card's name. */
  onLeaveComment: () => void;
};

function ClaimInfo({ card, viewerId }: { card: TReviewCard; viewerId: string }) {
  if (!card.claim || new Date(card.claim.expiresAt).getTime() < Date.now()) return null;
  const mine = card.claim.user.id === viewerId;
  return (
    <p className={`text-xs ${mine ? "text-gray-600" : "font-medium text-amber-900"}`} data-testid="claim-info">
      {mine ? "This card is yours for the next two minutes; teammates get other cards." : `${card.claim.user.name} is looking at this card right now.`}
    </p>
  );
}

/** A withdraw_invitation card's facts: when it was sent, how long it waits, whether it said anything. */
function InvitationFacts({ card }: { card: TReviewCard }) {
  const inv = card.invitation;
  if (!inv) return null;
  const age = inv.ageDays === null ? null : `${inv.ageDays.toLocaleString("en")} ${inv.ageDays === 1 ? "day" : "days"} ago`;
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm text-gray-800" data-testid="invitation-facts">
      <span>
        {inv.sentAt ? <>Sent <time dateTime={inv.sentAt}>{formatDate(inv.sentAt)}</time>{age ? ` (${age})` : ""}</> : "Sent on an unknown date"}
        {inv.status !== "pending" && ` · ${inv.status === "accepted" ? "They accepted" : "No longer pending"}`}
      </span>
      {!inv.hasMessage && (
        <span className="rounded bg-amber-50 px-2 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-amber-300" data-testid="no-message-badge">No personal message</span>
      )}
    </p>
  );
}

/** One review card: who, why, the score, what the team says, and the buttons (and keys) to act. */
export function ReviewCard(p: TCardProps) {
  const { card } = p;
  const c = card.connection;
  const { slug } = useParams<{ slug: string }>();
  // An invitation item is about someone not (yet) connected: no score, tags, notes or reminders.
  const invitation = card.kind === "withdraw_invitation";
  return (
    <article className="flex flex-col gap-6" aria-labelledby={`card-${card.id}`} data-testid="review-card" data-item-id={card.id}>
      <header className="flex flex-col gap-1">
        <p className="text-xs font-semibold uppercase tracking-wide text-gray-600">{KIND_LABELS[card.kind]} · {card.account.label}</p>
        <h1 id={`card-${card.id}`} ref={p.headingRef} tabIndex={-1} className="text-2xl font-semibold text-gray-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
          <a
            href={c.linkedInUrl}
            target="_blank"
            rel="noopener noreferrer"
            className="rounded text-blue-800 underline decoration-1 underline-offset-4 hover:text-blue-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
          >
            {invitation && <span className="text-gray-900">Withdraw invitation to </span>}
            {c.name || "Unnamed connection"}<span aria-hidden="true"> ↗</span><span className="sr-only"> (LinkedIn profile, opens in a new tab)</span>
          </a>
        </h1>
        {invitation ? <InvitationFacts card={card} /> : (
          <p className="text-sm text-gray-800">{[c.position, c.company].filter(Boolean).join(" at ") || "No title in the export"}</p>
        )}
        <p className="flex flex-wrap items-center gap-2 text-sm text-gray-700">
          <span>{invitation ? `Invited from ${card.account.label}` : `In ${card.account.label}’s network`} (owner: {card.account.owner.name})</span>
          {c.score !== null && (
            <span className={`rounded px-2 py-0.5 text-xs font-semibold tabular-nums ring-1 ${fitClass(c.fit)}`} data-testid="card-score">
              Score {c.score}{c.fit ? ` · ${FIT_LABELS[c.fit] ?? c.fit}` : ""}
            </span>
          )}
        </p>
        <ClaimInfo card={card} viewerId={p.viewerId} />
      </header>

      <ProtectedLoss card={card} />
      <CardActions
        card={card}
        pending={p.pending}
        dateFor={p.dateFor}
        dateError={p.dateError}
        onChoose={p.onChoose}
        onDate={p.onDate}
        onLeave={p.onLeaveComment}
        onUndo={p.onUndo}
        onRetract={p.onRetract}
      />

      <div className="grid gap-6 md:grid-cols-2">
        <div className="flex flex-col gap-6">
          <WhyInQueue card={card} />
          <VotesTally card={card} />
          <CommentBox key={card.id} comments={card.comments} members={p.members} inputRef={p.commentRef} onPost={p.onComment} onLeave={p.onLeaveComment} />
        </div>
        <div className="flex flex-col gap-6">
          {!invitation && (
            <>
              <ScoreSection card={card} />
              <FlagsAndTags card={card} />
              <TeammatesConnected card={card} />
              <NotesList card={card} />
              <CardReminders key={card.id} teamSlug={slug} connectionId={c.id} name={c.name || "this person"} />
            </>
          )}
          <HistorySection card={card} />
        </div>
      </div>
    </article>
  );
}
