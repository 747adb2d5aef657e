"use client";
import { useCallback, useRef, useState } from "react";
import type { TReviewCard, TReviewChoiceCode } from "@crm/core";
import { FOLLOW_UP_NOT_FOR_INVITATION } from "../../queue-url";
import { fetchCard } from "./review-api";
import type { TUndoToast } from "./undo-toast";
import { writeChoice, writeComment, writeRetract, writeUndo, type TDateChoice } from "./review-writes";

type TActed = { itemId: string; name: string };
type THooks = {
  /** After a successful choice: the flow claims the next card, the card page reloads this one. */
  advance: (acted: TReviewCard, message: string) => Promise<void>;
  /** After an undo: show that card again. */
  undone: (itemId: string, message: string) => Promise<void>;
};

/**
 * The state one card needs while someone works it: pending writes, the date field (a snooze, or
 * the due date of a follow-up decision), the toast and the live announcement, and the last action
 * (what U undoes). A refused write shows the service's message ("Ana decided Keep 20 s ago") and
 * reloads the card, so nothing is silently overwritten.
 */
export function useCardSession(slug: string, initial: TReviewCard | null, hooks: THooks) {
  const [card, setCard] = useState<TReviewCard | null>(initial);
  const [pending, setPending] = useState(false);
  const [dateFor, setDateFor] = useState<TDateChoice | null>(null);
  const [dateError, setDateError] = useState<string | null>(null);
  const [toast, setToast] = useState<TUndoToast | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const lastActed = useRef<TActed | null>(null);
  const seq = useRef(0);
  const h = useRef(hooks);
  h.current = hooks;

  const show = useCallback((message: string, tone: "info" | "error" = "info", undo = false) => {
    setToast({ id: ++seq.current, message, tone, undo });
  }, []);

  // The same text twice in a row is still announced: a zero-width change makes it new.
  const announce = useCallback((text: string) => setAnnouncement((prev) => (prev === text ? `${text}\u200b` : text)), []);

  const reload = useCallback(async (itemId: string) => {
    const r = await fetchCard(slug, itemId);
    if (r.ok && r.card) setCard(r.card);
    return r;
  }, [slug]);

  /**
   * A snooze always needs a date, and so does a follow-up decision (its reminder's due date): the
   * first press opens the date field, its Enter comes back here with the date. A follow-up vote
   * has no date; it is written at once.
   */
  const choose = useCallback(async (choice: TReviewChoiceCode, date?: string) => {
    if (!card || pending) return;
    if (card.kind === "withdraw_invitation" && choice === "follow_up") {
      show(FOLLOW_UP_NOT_FOR_INVITATION, "error");
      announce(FOLLOW_UP_NOT_FOR_INVITATION);
      return;
    }
    const needsDate: TDateChoice | null = choice === "snooze" ? "snooze" : choice === "follow_up" && card.canDecide ? "follow_up" : null;
    if (needsDate && !date) {
      setDateError(null);
      setDateFor(needsDate);
      return;
    }
    setPending(true);
    const r = await writeChoice(slug, card, choice, needsDate === "snooze" ? { snoozeUntil: date } : needsDate === "follow_up" ? { followUpOn: date } : {});
    setPending(false);
    if (!r.ok) {
      const fieldError = needsDate === "snooze" ? r.fieldErrors?.snoozeUntil : needsDate === "follow_up" ? r.fieldErrors?.followUpOn : undefined;
      if (fieldError) {
        setDateError(fieldError);
        announce(fieldError);
        return;
      }
      setDateFor(null);
      show(r.message, "error");
      announce(`${r.message} The card was reloaded.`);
      await reload(card.id);
      return;
    }
    setDateFor(null);
    setDateError(null);
    lastActed.current = { itemId: card.id, name: card.connection.name };
    show(r.message, "info", true);
    await h.current.advance(card, r.message);
  }, [card, pending, slug, show, announce, reload]);

  const undo = useCallback(async () => {
    const target = lastActed.current ?? (card && (card.canUndo || card.myVote) ? { itemId: card.id, name: card.connection.name } : null);
    if (!target || pending) {
      if (!target) announce("Nothing to undo yet.");
      return;
    }
    setPending(true);
    const r = await writeUndo(slug, target.itemId);
    setPending(false);
    if (!r.ok) {
      show(r.message, "error");
      announce(r.message);
      return;
    }
    lastActed.current = null;
    show(`Undone: ${target.name || "the card"} is back.`);
    await h.current.undone(target.itemId, `Undone. Back to ${target.name || "the card"}.`);
  }, [card, pending, slug, show, announce]);

  const retract = useCallback(async () => {
    if (!card) return;
    const r = await writeRetract(slug, card.id);
    show(r.message, r.ok ? "info" : "error");
    announce(r.message);
    await reload(card.id);
  }, [card, slug, show, announce, reload]);

  const comment = useCallback(async (body: string) => {
    if (!card) return { ok: false, message: "No card." };
    const r = await writeComment(slug, card.id, body);
    announce(r.message);
    if (r.ok) {
      show(r.message);
      await reload(card.id);
    }
    return r;
  }, [card, slug, show, announce, reload]);

  return {
    card, setCard, pending, dateFor, dateError, toast, announcement,
    /** Opens the date field for a snooze or a follow-up decision, or closes it (null). */
    setDateFor: (choice: TDateChoice | null) => {
      setDateError(null);
      setDateFor(choice);
    },
    dismissToast: () => setToast(null),
    announce, reload, choose, undo, retract, comment,
    hasUndo: () => lastActed.current !== null,
  };
}
