"use client";
import Link from "next/link";
import { useRef, useState } from "react";
import type { TReviewCard, TUserRef } from "@crm/core";
import { Button } from "@crm/ui";
import { KeyboardHelp } from "./keyboard-help";
import { SessionCard, SessionFeedback } from "./session-card";
import { useCardSession } from "./use-card-session";
import { useReviewKeys } from "./use-review-keys";

type TProps = { teamSlug: string; viewerId: string; members: TUserRef[]; initial: TReviewCard; queueHref: string; flowHref: string };

/**
 * One card by its id (notifications link here): the same keys and buttons as the flow, but after
 * an action the card reloads in place to show the outcome; J/→ goes on to the flow.
 */
export function SingleCard({ teamSlug, viewerId, members, initial, queueHref, flowHref }: TProps) {
  const [help, setHelp] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const flowLink = useRef<HTMLAnchorElement>(null);
  const s = useCardSession(teamSlug, initial, {
    advance: async (card, message) => {
      const r = await s.reload(card.id);
      s.announce(r.ok ? `${message} Press J for the next card.` : message);
      headingRef.current?.focus();
    },
    undone: async (itemId, message) => {
      await s.reload(itemId);
      s.announce(message);
      headingRef.current?.focus();
    },
  });
  const card = s.card ?? initial;

  useReviewKeys((key) => {
    if (key === "help") return setHelp(true);
    if (key === "next") return flowLink.current?.click();
    if (key === "previous") return window.history.back();
    if (key === "undo") return void s.undo();
    if (key === "comment") return commentRef.current?.focus();
    void s.choose(key);
  }, !help);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm"><Link className="rounded text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={queueHref}>← Review queue</Link></p>
        <div className="flex gap-2">
          <Link ref={flowLink} href={flowHref} aria-keyshortcuts="J ArrowRight" className="rounded-md bg-white px-3 py-2 text-sm font-medium text-gray-900 ring-1 ring-gray-300 hover:bg-gray-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">Review the next cards →</Link>
          <Button variant="ghost" onClick={() => setHelp(true)} aria-keyshortcuts="Shift+?">Keys (?)</Button>
        </div>
      </div>
      <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-gray-200" aria-busy={s.pending}>
        <SessionCard session={s} card={card} viewerId={viewerId} members={members} headingRef={headingRef} commentRef={commentRef} />
      </div>
      <SessionFeedback session={s} />
      {help && <KeyboardHelp canDecide={card.canDecide} invitation={card.kind === "withdraw_invitation"} onClose={() => setHelp(false)} />}
    </div>
  );
}
