"use client";
import { useEffect, useRef, useState } from "react";
import type { TLimitCode, TOutcomeCode, TRemovalSession, TSessionOutcomeRow } from "@crm/core";
import { Alert, Card } from "@crm/ui";
import { OUTCOME_LABELS, roughDurationText, timeIn, zoneName } from "../format";
import { fetchSession, isLimitCode, postOutcome, postUndo } from "../session-api";
import { useNow, useViewerZone } from "../use-clock";
import { useSessionKeys, type TSessionKey } from "../use-session-keys";
import { BudgetLine } from "./budget-line";
import { EndedPanel } from "./ended-panel";
import { RecentOutcomes } from "./recent-outcomes";
import { RemovalCard } from "./removal-card";
import { WaitPanel } from "./wait-panel";

/** renderedAt: the server's clock when it rendered the page. */
type TProps = { slug: string; initial: TRemovalSession; renderedAt: number };
type TRefusal = { code: TLimitCode; message: string; nextAllowedAt: string };
type TEnded = NonNullable<TRemovalSession["ended"]>;

/** A render older than this (Back, a restored tab) is reloaded before anyone acts on it. */
const STALE_MS = 5_000;

/** What locks the next card: a 429 the server sent, else the budget's own block (the later wins). */
function waitOf(s: TRemovalSession, refusal: TRefusal | null, now: number): { limit: TLimitCode; until: string; message: string | null } | null {
  const b = s.budget;
  const own = b.nextAllowedAt && b.blockedBy ? { limit: b.blockedBy, until: b.nextAllowedAt, message: null } : null;
  const refused = refusal ? { limit: refusal.code, until: refusal.nextAllowedAt, message: refusal.message } : null;
  const w = own && refused ? (refused.until >= own.until ? refused : own) : (own ?? refused);
  return w && new Date(w.until).getTime() > now ? w : null;
}

/**
 * The server's end, or the daily limit reached by the budget a "Removed" just returned: the end
 * panel at once, not a wait panel for the moment until the session reloads.
 */
function endedOf(s: TRemovalSession): TEnded | null {
  if (s.ended) return s.ended;
  const b = s.budget;
  if (b.used < b.limit) return null;
  return { reason: "DAILY_LIMIT", resetsAt: b.resetsAt, message: `That’s today’s safe limit (${b.limit}); come back tomorrow. It resets at ${timeIn(b.resetsAt, b.timeZone)} (${zoneName(b.timeZone)}).` };
}

/**
 * Today's guided removal session for one account. The server enforces the budget; this page
 * shows the card, counts down to budget.nextAllowedAt on the server's clock (only a display) and
 * reloads the session after each outcome, when a wait ends and when the day resets.
 */
export function RemovalSession({ slug, initial, renderedAt }: TProps) {
  const [session, setSession] = useState(initial);
  const [pending, setPending] = useState<TOutcomeCode | "undo" | null>(null);
  const [refusal, setRefusal] = useState<TRefusal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // The "Removed" whose undo question is open: session keys pause while it is.
  const [asking, setAsking] = useState<string | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  // The server's clock minus the browser's: countdowns run on the server's time.
  const [offset, setOffset] = useState(0);
  const busy = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const linkRef = useRef<HTMLAnchorElement>(null);
  const viewerZone = useViewerZone();
  const now = useNow(renderedAt, true) + offset;
  const accountId = session.account.id;

  const ended = endedOf(session);
  const wait = ended ? null : waitOf(session, refusal, now);
  const card = session.canRun && !ended && !wait ? session.card : null;
  // The end panel is a wait too: at the reset (or the weekly window's end) the page reloads.
  const resetAt = ended && ended.reason !== "EMPTY" && new Date(ended.resetsAt).getTime() > now ? ended.resetsAt : null;

  async function reload(): Promise<TRemovalSession | null> {
    const sent = Date.now();
    const r = await fetchSession(slug, accountId);
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
      if (wait && session.canRun && !busy.current) setAnnouncement(`The next card unlocks in ${roughDurationText(new Date(target).getTime() - now)}.`);
      return;
    }
    if (!waitedFor) return;
    setWaitedFor(null);
    setRefusal(null);
    void reload().then((s) => {
      if (s?.canRun && s.card && !s.ended) setAnnouncement(`Next person: ${s.card.person.name}.`);
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

  async function record(outcome: TOutcomeCode) {
    if (!card || busy.current) return;
    busy.current = true;
    setPending(outcome);
    setError(null);
    const name = card.person.name;
    const r = await postOutcome(slug, card.itemId, outcome);
    if (r.ok) {
      setSession((s) => ({ ...s, budget: r.budget }));
      const next = await reload();
      const dup = r.duplicate ? " It was already recorded, so it counts once." : "";
      const nextEnded = next ? endedOf(next) : null;
      const after = nextEnded ? ` ${nextEnded.message}` : next?.budget.nextAllowedAt && outcome === "removed" ? ` The next card unlocks in ${roughDurationText(new Date(next.budget.nextAllowedAt).getTime() - (Date.now() + offset))}.` : next?.card ? ` Next person: ${next.card.person.name}.` : "";
      setAnnouncement(`Recorded “${OUTCOME_LABELS[outcome]}” for ${name}.${dup}${after}`);
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

  async function undo(row: TSessionOutcomeRow, linkedInTouched?: boolean) {
    if (busy.current) return;
    busy.current = true;
    setPending("undo");
    setError(null);
    const r = await postUndo(slug, row.outcomeId, linkedInTouched);
    if (r.ok) {
      setRefusal(null);
      await reload();
      const back = row.outcome === "removed" ? (r.budgetReturned ? " Today’s budget got it back." : " It still counts toward today’s pace, since LinkedIn saw it.") : "";
      setAnnouncement(`Undone: “${OUTCOME_LABELS[row.outcome]}” for ${row.name}.${back}`);
    } else {
      setError(r.message);
      await reload();
    }
    setAsking(null);
    setFocusTick((t) => t + 1);
    setPending(null);
    busy.current = false;
  }

  useSessionKeys(
    (key: TSessionKey) => {
      if (!card || busy.current || asking) return;
      if (key === "open") return linkRef.current?.click();
      void record(key);
    },
    session.canRun && asking === null,
  );

  const shownSession = ended && !session.ended ? { ...session, ended } : session;
  const timed = ended ? (
    <EndedPanel slug={slug} session={shownSession} viewerZone={viewerZone} headingRef={headingRef} />
  ) : wait ? (
    <WaitPanel budget={session.budget} limit={wait.limit} until={wait.until} now={now} message={wait.message} headingRef={headingRef} />
  ) : null;
  return (
    <div className="flex flex-col gap-4">
      <BudgetLine budget={session.budget} plannedToday={session.plannedToday} leftToday={session.leftToday} backlog={session.backlog} />
      {error && <Alert tone="error">{error}</Alert>}

      <div ref={panelRef} className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-gray-200" aria-busy={pending !== null}>
        {!session.canRun ? (
          <div className="flex flex-col gap-4">
            <p className="text-base text-gray-900" data-testid="removal-owner-only">
              Only {session.account.owner.name} runs this session (signed in to {session.account.label} on LinkedIn). You can follow the progress here.
            </p>
            {timed}
          </div>
        ) : timed ? (
          timed
        ) : card ? (
          <RemovalCard card={card} pending={pending === "undo" ? null : pending} headingRef={headingRef} linkRef={linkRef} onOutcome={(o) => void record(o)} />
        ) : (
          <div data-testid="removal-empty">
            <h2 ref={headingRef} tabIndex={-1} className="text-xl font-semibold text-gray-900 focus-visible:outline-2 focus-visible:outline-blue-600">Nothing planned right now</h2>
            <p className="text-sm text-gray-700">{session.backlog > 0 ? `${session.backlog} approved removals wait for later days.` : "Approve removals in the review queue; they are planned here."}</p>
          </div>
        )}
      </div>

      <Card title="Recorded today">
        <RecentOutcomes
          rows={session.recent}
          timeZone={session.account.timeZone}
          now={now}
          canUndo={session.canRun}
          pending={pending !== null}
          asking={asking}
          onAsk={setAsking}
          onUndo={(row, t) => void undo(row, t)}
        />
      </Card>
      {session.canRun && (
        <p className="text-xs text-gray-600">
          Keys: <kbd>O</kbd> opens the profile, <kbd>R</kbd> Removed, <kbd>N</kbd> Couldn’t find them, <kbd>K</kbd> Keep after all.
        </p>
      )}
      <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="removal-announcer">{announcement}</div>
    </div>
  );
}
