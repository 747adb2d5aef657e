"use client";
import type { RefObject } from "react";
import type { TReviewCard, TUserRef } from "@crm/core";
import { mayUndo } from "./may-undo";
import { ReviewCard } from "./review-card";
import { UndoToast } from "./undo-toast";
import type { useCardSession } from "./use-card-session";

export type TCardSession = ReturnType<typeof useCardSession>;

type TSessionCardProps = {
  session: TCardSession;
  card: TReviewCard;
  viewerId: string;
  members: TUserRef[];
  headingRef: RefObject<HTMLHeadingElement | null>;
  commentRef: RefObject<HTMLTextAreaElement | null>;
};

/** A ReviewCard driven by a card session: the flow and the single-card page wire it the same way. */
export function SessionCard({ session: s, card, viewerId, members, headingRef, commentRef }: TSessionCardProps) {
  return (
    <ReviewCard
      card={card}
      viewerId={viewerId}
      members={members}
      pending={s.pending}
      dateFor={s.dateFor}
      dateError={s.dateError}
      headingRef={headingRef}
      commentRef={commentRef}
      onChoose={(c, d) => void s.choose(c, d)}
      onDate={s.setDateFor}
      onUndo={mayUndo(card, s.hasUndo()) ? () => void s.undo() : null}
      onRetract={() => void s.retract()}
      onComment={s.comment}
      onLeaveComment={() => headingRef.current?.focus()}
    />
  );
}

/** The session's live announcement (for screen readers) and its visible toast with Undo. */
export function SessionFeedback({ session: s }: { session: TCardSession }) {
  return (
    <>
      <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="review-announcer">{s.announcement}</div>
      <UndoToast toast={s.toast} onUndo={() => void s.undo()} onDismiss={s.dismissToast} />
    </>
  );
}
