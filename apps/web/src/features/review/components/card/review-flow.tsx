"use client";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { TQueueView, TReviewCard, TReviewKindCode, TUserRef } from "@crm/core";
import { Button } from "@crm/ui";
import { queuePath, VIEW_LABELS } from "../../queue-url";
import { KeyboardHelp } from "./keyboard-help";
import { claimNext, fetchCard, fetchLeft, releaseCard } from "./review-api";
import { SessionCard, SessionFeedback } from "./session-card";
import { useCardSession } from "./use-card-session";
import { useReviewKeys, type TReviewKey } from "./use-review-keys";

type TProps = {
  teamSlug: string;
  viewerId: string;
  members: TUserRef[];
  scope: { accountId?: string; view: TQueueView; kind?: TReviewKindCode };
  scopeLabel: string;
  initial: TReviewCard | null;
  initialLeft: number;
};

const HISTORY_MAX = 50;

/**
 * The keyboard-first one-card flow. The server claimed the first card; from then on each action,
 * or J/→, claims the next one (skipping what this reviewer already saw), and ← walks back through
 * the cards seen in this tab.
 */
export function ReviewFlow({ teamSlug, viewerId, members, scope, scopeLabel, initial, initialLeft }: TProps) {
  const [seen, setSeen] = useState<string[]>(initial ? [initial.id] : []);
  const [pos, setPos] = useState(initial ? 0 : -1);
  const [left, setLeft] = useState(initialLeft);
  const [total, setTotal] = useState(Math.max(initialLeft, initial ? 1 : 0));
  const [help, setHelp] = useState(false);
  const [loading, setLoading] = useState(false);
  const skip = useRef(new Set<string>(initial ? [initial.id] : []));
  const acted = useRef(new Set<string>());
  const headingRef = useRef<HTMLHeadingElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const emptyRef = useRef<HTMLHeadingElement>(null);

  async function refreshLeft() {
    const n = await fetchLeft(teamSlug, scope.accountId, scope.view, scope.kind);
    if (n === null) return;
    setLeft(n);
    setTotal((t) => Math.max(t, n));
  }

  /** Claims a new card, or shows the empty state. Returns the next card's name for the announcement. */
  async function claim(): Promise<string> {
    setLoading(true);
    const r = await claimNext(teamSlug, scope, [...skip.current]);
    setLoading(false);
    void refreshLeft();
    if (!r.ok) {
      s.announce(r.message);
      return r.message;
    }
    if (!r.card) {
      s.setCard(null);
      setPos(seen.length);
      return "Nothing left to review here.";
    }
    const card = r.card;
    skip.current.add(card.id);
    s.setCard(card);
    setSeen((prev) => [...prev.slice(-(HISTORY_MAX - 1)), card.id]);
    setPos(Math.min(seen.length, HISTORY_MAX - 1));
    return `Next card: ${card.connection.name}.`;
  }

  async function show(itemId: string, index: number): Promise<string> {
    const r = await fetchCard(teamSlug, itemId);
    if (!r.ok || !r.card) return r.ok ? "That card is gone." : r.message;
    s.setCard(r.card);
    setPos(index);
    return `${r.card.connection.name}.`;
  }

  const s = useCardSession(teamSlug, initial, {
    advance: async (card, message) => {
      acted.current.add(card.id);
      // Until the live counts answer (refreshLeft), one fewer is left.
      setLeft((n) => Math.max(0, n - 1));
      const atEnd = pos >= seen.length - 1;
      const next = atEnd ? await claim() : await show(seen[pos + 1]!, pos + 1);
      s.announce(`${message} ${next}`);
    },
    undone: async (itemId, message) => {
      acted.current.delete(itemId);
      setLeft((n) => n + 1);
      const index = seen.indexOf(itemId);
      if (index >= 0) {
        s.announce(`${message} ${await show(itemId, index)}`);
      } else {
        const r = await fetchCard(teamSlug, itemId);
        if (r.ok && r.card) {
          s.setCard(r.card);
          setSeen((prev) => [...prev, itemId]);
          setPos(seen.length);
        }
        s.announce(message);
      }
      void refreshLeft();
    },
  });
  const card = s.card;

  // A card the reviewer leaves without acting goes back to the team at once, not when the lease ends.
  const current = useRef<string | null>(null);
  current.current = card && !acted.current.has(card.id) ? card.id : null;
  useEffect(() => {
    const leave = () => {
      if (current.current) releaseCard(teamSlug, current.current);
    };
    window.addEventListener("pagehide", leave);
    return () => {
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [teamSlug]);

  // Focus follows the card, so the next key and a screen reader both start at its name.
  const shownId = card?.id ?? null;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    (shownId ? headingRef.current : emptyRef.current)?.focus();
  }, [shownId]);

  async function next() {
    if (loading || s.pending) return;
    if (card && !acted.current.has(card.id) && pos >= seen.length - 1) releaseCard(teamSlug, card.id);
    s.setDateFor(null);
    const text = pos < seen.length - 1 ? await show(seen[pos + 1]!, pos + 1) : await claim();
    s.announce(text);
  }

  async function previous() {
    if (loading || s.pending || pos <= 0) {
      if (pos <= 0) s.announce("This is the first card you saw.");
      return;
    }
    s.setDateFor(null);
    s.announce(`Previous card: ${await show(seen[pos - 1]!, pos - 1)}`);
  }

  useReviewKeys((key: TReviewKey) => {
    if (key === "help") return setHelp(true);
    if (key === "next") return void next();
    if (key === "previous") return void previous();
    if (key === "undo") return void s.undo();
    if (!card) return;
    if (key === "comment") return commentRef.current?.focus();
    void s.choose(key);
  }, !help);

  const queueHref = queuePath(teamSlug, { account: scope.accountId ?? null, view: scope.view, kind: scope.kind ?? null });
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-col">
          <p className="text-sm"><Link className="rounded text-blue-800 underline focus-visible:outline-2 focus-visible:outline-blue-600" href={queueHref}>← Review queue</Link></p>
          <p className="text-sm text-gray-700">{scopeLabel} · {VIEW_LABELS[scope.view]}</p>
        </div>
        <p className="text-sm font-medium text-gray-900" data-testid="left-count">{left.toLocaleString("en")} of {total.toLocaleString("en")} left</p>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => void previous()} disabled={pos <= 0} aria-keyshortcuts="ArrowLeft">← Previous</Button>
          <Button variant="secondary" onClick={() => void next()} aria-keyshortcuts="J ArrowRight">Next →</Button>
          <Button variant="ghost" onClick={() => setHelp(true)} aria-keyshortcuts="Shift+?">Keys (?)</Button>
        </div>
      </div>

      <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-gray-200" aria-busy={loading || s.pending}>
        {card ? (
          <SessionCard session={s} card={card} viewerId={viewerId} members={members} headingRef={headingRef} commentRef={commentRef} />
        ) : (
          <div className="flex flex-col items-start gap-3" data-testid="review-empty">
            <h1 ref={emptyRef} tabIndex={-1} className="text-2xl font-semibold text-gray-900 focus-visible:outline-2 focus-visible:outline-blue-600">All caught up</h1>
            <p className="text-sm text-gray-700">Nothing is left to review in “{VIEW_LABELS[scope.view]}” for {scopeLabel.toLowerCase() === "all accounts" ? "any account" : scopeLabel}. New people arrive after the next import.</p>
            <Link href={queueHref} className="rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">Back to the review queue</Link>
          </div>
        )}
      </div>

      <SessionFeedback session={s} />
      {help && <KeyboardHelp canDecide={card?.canDecide ?? false} invitation={card?.kind === "withdraw_invitation"} onClose={() => setHelp(false)} />}
    </div>
  );
}

