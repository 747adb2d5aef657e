"use client";
import { useEffect, useRef, useState } from "react";
import type { TRemovalBudget } from "@crm/core";
import { roughDurationText } from "@/features/removals/format";
import { useNow } from "@/features/removals/use-clock";
import { isLimitCode, waitOf, type TEnded, type TRefusal } from "./limits";

// The client flow both guided lanes (removals, invitation withdrawals) run: the server is the
// authority on the budget, the page keeps its copy fresh (stale render, back/forward cache, the
// end of a wait, a teammate following along), moves focus with the panel and announces each step.
// A lane brings its calls and its words; the flow is the same so both pages behave alike.

/** A call's failure as both lanes return it (a 429 carries the limit and nextAllowedAt). */
type TFailure = { ok: false; status: number; message: string; code: string | null; nextAllowedAt: string | null; budget: TRemovalBudget | null };

export type TGuidedSession = { account: { id: string }; canRun: boolean; budget: TRemovalBudget; card: { itemId: string } | null; ended: TEnded | null };
type TRow<O> = { outcomeId: string; name: string; outcome: O };

export type TGuidedLane<S extends TGuidedSession, O extends string> = {
  /** serverNow: the server's clock when it answered. */
  load: (accountId: string) => Promise<({ ok: true; session: S; serverNow?: string }) | TFailure>;
  record: (itemId: string, outcome: O) => Promise<({ ok: true; budget: TRemovalBudget; duplicate: boolean }) | TFailure>;
  undo: (outcomeId: string, linkedInTouched?: boolean) => Promise<({ ok: true; budgetReturned: boolean }) | TFailure>;
  endedOf: (s: S) => TEnded | null;
  cardName: (card: NonNullable<S["card"]>) => string;
  /** The outcome that spends the budget: after it a wait may start; its undo may give it back. */
  counted: O;
  labels: Record<O, string>;
  text: {
    unlocksIn: (duration: string) => string;
    next: (name: string) => string;
    /** Said after undoing `counted` when the budget came back. */
    givenBack: string;
  };
};

/** A render older than this (Back, a restored tab) is reloaded before anyone acts on it. */
const STALE_MS = 5_000;

export function useGuidedSession<S extends TGuidedSession, O extends string>(initial: S, renderedAt: number, lane: TGuidedLane<S, O>) {
  const [session, setSession] = useState(initial);
  const [pending, setPending] = useState<O | "undo" | null>(null);
  const [refusal, setRefusal] = useState<TRefusal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // The outcome whose undo question is open: session keys pause while it is.
  const [asking, setAsking] = useState<string | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  // The server's clock minus the browser's: countdowns run on the server's time.
  const [offset, setOffset] = useState(0);
  const busy = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const now = useNow(renderedAt, true) + offset;
  const accountId = session.account.id;

  const ended = lane.endedOf(session);
  const wait = ended ? null : waitOf(session.budget, refusal, now);
  const card = (session.canRun && !ended && !wait ? session.card : null) as NonNullable<S["card"]> | null;
  // The end panel is a wait too: at the reset (or the weekly window's end) the page reloads.
  const resetAt = ended && ended.reason !== "EMPTY" && new Date(ended.resetsAt).getTime() > now ? ended.resetsAt : null;

  async function reload(): Promise<S | null> {
    const sent = Date.now();
    const r = await lane.load(accountId);
    if (!r.ok) {
      setError(r.message);
      return null;
    }
    const serverNow = r.serverNow ? Date.parse(r.serverNow) : NaN;
    if (Number.isFinite(serverNow)) setOffset(serverNow - (sent + Date.now()) / 2);
    setSession(r.session);
    return r.session;
  }

  // A stale render (Back to a cached page) or a page restored from the back/forward cache: the
  // session again. A fresh one: the offset from the render's own time.
  useEffect(() => {
    const age = Date.now() - renderedAt;
    if (Math.abs(age) > STALE_MS) void reload();
    else setOffset(-age);
    const onShow = (e: PageTransitionEvent) => {
      if (e.persisted) void reload();
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // When a wait (or the day) ends, ask the server again: it is the authority (an hourly block may follow the gap).
  const target = wait?.until ?? resetAt;
  const [waitedFor, setWaitedFor] = useState<string | null>(null);
  useEffect(() => {
    if (target) {
      setWaitedFor(target);
      // While recording, the outcome's own announcement says it (once).
      if (wait && session.canRun && !busy.current) setAnnouncement(lane.text.unlocksIn(roughDurationText(new Date(target).getTime() - now)));
      return;
    }
    if (!waitedFor) return;
    setWaitedFor(null);
    setRefusal(null);
    void reload().then((s) => {
      if (s?.canRun && s.card && !s.ended) setAnnouncement(lane.text.next(lane.cardName(s.card as NonNullable<S["card"]>)));
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  // A teammate follows the progress: the session again every 30 s while the tab is visible.
  useEffect(() => {
    if (session.canRun) return;
    const t = setInterval(() => {
      if (document.visibilityState === "visible") void reload();
    }, 30_000);
    return () => clearInterval(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.canRun]);

  // Focus follows the panel (card, wait, end) so the next key and a screen reader start there, but
  // only from the panel itself or from nowhere (its button just went away): never away from the
  // undo question or anything else the owner is on.
  const panelKey = ended ? "ended" : wait ? "wait" : (card?.itemId ?? "none");
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!session.canRun || asking) return;
    const active = document.activeElement;
    if (active && active !== document.body && !panelRef.current?.contains(active)) return;
    headingRef.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [panelKey]);
  // After an undo answer (the question is gone): the panel's heading.
  useEffect(() => {
    if (focusTick > 0) headingRef.current?.focus();
  }, [focusTick]);

  async function record(outcome: O) {
    if (!card || busy.current) return;
    busy.current = true;
    setPending(outcome);
    setError(null);
    const name = lane.cardName(card);
    const r = await lane.record(card.itemId, outcome);
    if (r.ok) {
      setSession((s) => ({ ...s, budget: r.budget }));
      const next = await reload();
      const dup = r.duplicate ? " It was already recorded, so it counts once." : "";
      const nextEnded = next ? lane.endedOf(next) : null;
      const after = nextEnded
        ? ` ${nextEnded.message}`
        : next?.budget.nextAllowedAt && outcome === lane.counted
          ? ` ${lane.text.unlocksIn(roughDurationText(new Date(next.budget.nextAllowedAt).getTime() - (Date.now() + offset)))}`
          : next?.card
            ? ` ${lane.text.next(lane.cardName(next.card as NonNullable<S["card"]>))}`
            : "";
      setAnnouncement(`Recorded “${lane.labels[outcome]}” for ${name}.${dup}${after}`);
    } else if (r.status === 429 && isLimitCode(r.code) && r.nextAllowedAt) {
      setRefusal({ code: r.code, message: r.message, nextAllowedAt: r.nextAllowedAt });
      if (r.budget) setSession((s) => ({ ...s, budget: r.budget! }));
      setAnnouncement(r.message);
    } else {
      // The error Alert (role=alert) announces it; the status region stays quiet. Focus stays on
      // the button pressed when the same card stays.
      setError(r.message);
      // A conflict (undone elsewhere, already recorded otherwise): show what is true now.
      if (r.status === 409 || r.status === 404) await reload();
    }
    setPending(null);
    busy.current = false;
  }

  async function undo(row: TRow<O>, linkedInTouched?: boolean) {
    if (busy.current) return;
    busy.current = true;
    setPending("undo");
    setError(null);
    const r = await lane.undo(row.outcomeId, linkedInTouched);
    if (r.ok) {
      setRefusal(null);
      await reload();
      const back = row.outcome === lane.counted ? (r.budgetReturned ? ` ${lane.text.givenBack}` : " It still counts toward today’s pace, since LinkedIn saw it.") : "";
      setAnnouncement(`Undone: “${lane.labels[row.outcome]}” for ${row.name}.${back}`);
    } else {
      setError(r.message);
      await reload();
    }
    setAsking(null);
    setFocusTick((t) => t + 1);
    setPending(null);
    busy.current = false;
  }

  /** A key may act now: a card is up, nothing is recording, no undo question is open. */
  const canKey = () => card !== null && !busy.current && !asking;

  /** The recent list's undo wiring (the lane adds its rows and time zone). */
  const undoProps = { now, canUndo: session.canRun, pending: pending !== null, asking, onAsk: setAsking, onUndo: (row: TRow<O>, t?: boolean) => void undo(row, t) };

  return { session, now, ended, wait, card, pending, error, announcement, headingRef, panelRef, record, canKey, keysOn: session.canRun && asking === null, undoProps };
}
