"use client";
import { useEffect, useRef, useState } from "react";
import type { TLimitCode, TWithdrawalOutcomeCode, TWithdrawalOutcomeRow, TWithdrawalSession } from "@crm/core";
import { Alert, Card } from "@crm/ui";
import { formatDate } from "@/features/connections/labels";
import { dayTimeIn, roughDurationText, timeIn, zoneName } from "@/features/removals/format";
import { isLimitCode } from "@/features/removals/session-api";
import { useNow } from "@/features/removals/use-clock";
import { WaitPanel } from "@/features/removals/components/wait-panel";
import { WITHDRAW_NOUN, WITHDRAW_OUTCOME_LABELS, withdrawalsTodayText } from "../format";
import { loadWithdrawalSessionAction, recordWithdrawalAction, undoWithdrawalAction } from "../session-actions";
import { LaneSwitch } from "./lane-switch";
import { useWithdrawalKeys, type TWithdrawalKey } from "../use-withdrawal-keys";
import { openOnLinkedIn, WithdrawalCard } from "./withdrawal-card";
import { WithdrawalRecent } from "./withdrawal-recent";

/** `laneSwitch`: the "Removals | Invitation withdrawals (N)" switch, drawn here so N follows each outcome. */
type TProps = { slug: string; initial: TWithdrawalSession; renderedAt: number; laneSwitch?: boolean };
type TRefusal = { code: TLimitCode; message: string; nextAllowedAt: string };
type TEnded = NonNullable<TWithdrawalSession["ended"]>;

const STALE_MS = 5_000;
const headingClass = "text-xl font-semibold text-gray-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

function waitOf(s: TWithdrawalSession, refusal: TRefusal | null, now: number): { limit: TLimitCode; until: string; message: string | null } | null {
  const b = s.budget;
  const own = b.nextAllowedAt && b.blockedBy ? { limit: b.blockedBy, until: b.nextAllowedAt, message: null } : null;
  const refused = refusal ? { limit: refusal.code, until: refusal.nextAllowedAt, message: refusal.message } : null;
  const w = own && refused ? (refused.until >= own.until ? refused : own) : (own ?? refused);
  return w && new Date(w.until).getTime() > now ? w : null;
}

function endedOf(s: TWithdrawalSession): TEnded | null {
  if (s.ended) return s.ended;
  const b = s.budget;
  if (b.used < b.limit) return null;
  return { reason: "DAILY_LIMIT", resetsAt: b.resetsAt, message: `That’s today’s safe limit (${b.limit} withdrawals); come back tomorrow. It resets at ${timeIn(b.resetsAt, b.timeZone)} (${zoneName(b.timeZone)}).` };
}

/**
 * The withdrawals lane of an account's session: one approved invitation at a time, the owner
 * withdraws it on LinkedIn and records what happened. The server enforces the allowance; this
 * page counts down to budget.nextAllowedAt on the server's clock and reloads after each outcome.
 */
export function WithdrawalSession({ slug, initial, renderedAt, laneSwitch = false }: TProps) {
  const [session, setSession] = useState(initial);
  const [pending, setPending] = useState<TWithdrawalOutcomeCode | "undo" | null>(null);
  const [refusal, setRefusal] = useState<TRefusal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [asking, setAsking] = useState<string | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  const [offset, setOffset] = useState(0);
  const busy = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const now = useNow(renderedAt, true) + offset;
  const accountId = session.account.id;

  const ended = endedOf(session);
  const wait = ended ? null : waitOf(session, refusal, now);
  const card = session.canRun && !ended && !wait ? session.card : null;
  const resetAt = ended && ended.reason !== "EMPTY" && new Date(ended.resetsAt).getTime() > now ? ended.resetsAt : null;

  async function reload(): Promise<TWithdrawalSession | null> {
    const sent = Date.now();
    const r = await loadWithdrawalSessionAction(slug, accountId);
    if (!r.ok) {
      setError(r.message);
      return null;
    }
    const serverNow = Date.parse(r.serverNow);
    if (Number.isFinite(serverNow)) setOffset(serverNow - (sent + Date.now()) / 2);
    setSession(r.session);
    return r.session;
  }

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

  // When a wait (or the day) ends, ask the server again: it is the authority.
  const target = wait?.until ?? resetAt;
  const [waitedFor, setWaitedFor] = useState<string | null>(null);
  useEffect(() => {
    if (target) {
      setWaitedFor(target);
      if (wait && session.canRun && !busy.current) setAnnouncement(`The next invitation unlocks in ${roughDurationText(new Date(target).getTime() - now)}.`);
      return;
    }
    if (!waitedFor) return;
    setWaitedFor(null);
    setRefusal(null);
    void reload().then((s) => {
      if (s?.canRun && s.card && !s.ended) setAnnouncement(`Next invitation: ${s.card.invitation.name}.`);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  useEffect(() => {
    if (session.canRun) return;
    const t = setInterval(() => {
      if (document.visibilityState === "visible") void reload();
    }, 30_000);
    return () => clearInterval(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.canRun]);

  // Focus follows the panel, only from inside it or from nowhere (never away from the undo question).
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
  useEffect(() => {
    if (focusTick > 0) headingRef.current?.focus();
  }, [focusTick]);

  async function record(outcome: TWithdrawalOutcomeCode) {
    if (!card || busy.current) return;
    busy.current = true;
    setPending(outcome);
    setError(null);
    const name = card.invitation.name;
    const r = await recordWithdrawalAction(slug, card.itemId, outcome);
    if (r.ok) {
      setSession((s) => ({ ...s, budget: r.budget }));
      const next = await reload();
      const dup = r.duplicate ? " It was already recorded, so it counts once." : "";
      const nextEnded = next ? endedOf(next) : null;
      const after = nextEnded
        ? ` ${nextEnded.message}`
        : next?.budget.nextAllowedAt && outcome === "withdrawn"
          ? ` The next invitation unlocks in ${roughDurationText(new Date(next.budget.nextAllowedAt).getTime() - (Date.now() + offset))}.`
          : next?.card
            ? ` Next invitation: ${next.card.invitation.name}.`
            : "";
      setAnnouncement(`Recorded “${WITHDRAW_OUTCOME_LABELS[outcome]}” for ${name}.${dup}${after}`);
    } else if (r.status === 429 && isLimitCode(r.code) && r.nextAllowedAt) {
      setRefusal({ code: r.code, message: r.message, nextAllowedAt: r.nextAllowedAt });
      if (r.budget) setSession((s) => ({ ...s, budget: r.budget! }));
      setAnnouncement(r.message);
    } else {
      setError(r.message);
      if (r.status === 409 || r.status === 404) await reload();
    }
    setPending(null);
    busy.current = false;
  }

  async function undo(row: TWithdrawalOutcomeRow, linkedInTouched?: boolean) {
    if (busy.current) return;
    busy.current = true;
    setPending("undo");
    setError(null);
    const r = await undoWithdrawalAction(slug, row.outcomeId, linkedInTouched);
    if (r.ok) {
      setRefusal(null);
      await reload();
      const back = row.outcome === "withdrawn" ? (r.budgetReturned ? " Today’s withdrawals got it back." : " It still counts toward today’s pace, since LinkedIn saw it.") : "";
      setAnnouncement(`Undone: “${WITHDRAW_OUTCOME_LABELS[row.outcome]}” for ${row.name}.${back}`);
    } else {
      setError(r.message);
      await reload();
    }
    setAsking(null);
    setFocusTick((t) => t + 1);
    setPending(null);
    busy.current = false;
  }

  useWithdrawalKeys(
    (key: TWithdrawalKey) => {
      if (!card || busy.current || asking) return;
      if (key === "open") return openOnLinkedIn(card);
      void record(key);
    },
    session.canRun && asking === null,
  );

  const b = session.budget;
  const timed = ended ? (
    <div className="flex flex-col items-start gap-2" data-testid="withdrawal-ended">
      <h2 ref={headingRef} tabIndex={-1} className={headingClass}>
        {ended.reason === "EMPTY" ? "No withdrawals waiting" : ended.reason === "WEEKLY_LIMIT" ? "Weekly ceiling reached" : "Done for today"}
      </h2>
      <p className="text-sm text-gray-800">{ended.message}</p>
      {ended.reason === "EMPTY" ? (
        <p className="text-sm text-gray-700">Approve stale invitations for withdrawal in the review queue; they show up here.</p>
      ) : (
        <p className="text-sm text-gray-700">
          Next allowed: <time dateTime={ended.resetsAt}>{dayTimeIn(ended.resetsAt, b.timeZone)}</time> ({zoneName(b.timeZone)}).
        </p>
      )}
    </div>
  ) : wait ? (
    <WaitPanel budget={b} limit={wait.limit} until={wait.until} now={now} message={wait.message} headingRef={headingRef} noun={WITHDRAW_NOUN} />
  ) : null;

  return (
    <div className="flex flex-col gap-4">
      {laneSwitch && <LaneSwitch slug={slug} accountId={accountId} lane="withdrawals" withdrawals={session.approved} />}
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 rounded-md bg-gray-50 px-4 py-3 ring-1 ring-gray-200">
        <p className="text-lg font-semibold tabular-nums text-gray-900" data-testid="withdrawal-progress">{withdrawalsTodayText(b)}</p>
        <p className="text-sm text-gray-700">
          {b.weekUsed} of {b.weeklyLimit} this week · {b.hourUsed} of {b.hourlyLimit} this hour · {session.approved} approved waiting
        </p>
      </div>
      {error && <Alert tone="error">{error}</Alert>}

      <div ref={panelRef} className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-gray-200" aria-busy={pending !== null}>
        {!session.canRun ? (
          <div className="flex flex-col gap-4">
            <p className="text-base text-gray-900" data-testid="withdrawal-owner-only">
              Only {session.account.owner.name} withdraws this account’s invitations (signed in to {session.account.label} on LinkedIn). You can follow the progress here.
            </p>
            {timed}
          </div>
        ) : timed ? (
          timed
        ) : card ? (
          <WithdrawalCard card={card} pending={pending === "undo" ? null : pending} headingRef={headingRef} openRef={openRef} onOutcome={(o) => void record(o)} />
        ) : (
          <div data-testid="withdrawal-empty">
            <h2 ref={headingRef} tabIndex={-1} className={headingClass}>Nothing to withdraw right now</h2>
            <p className="text-sm text-gray-700">Approve stale invitations for withdrawal in the review queue; they show up here.</p>
          </div>
        )}
      </div>

      {session.canRun && session.upNext.length > 0 && (
        <Card title="Up next">
          <ol className="flex flex-col gap-1 text-sm text-gray-800" data-testid="withdrawal-up-next">
            {session.upNext.map((u) => (
              <li key={u.itemId}>
                <span className="font-medium text-gray-900">{u.name}</span>
                <span className="text-gray-700"> · sent {u.sentAt ? formatDate(u.sentAt) : "on an unknown date"} · {u.hasMessage ? "with a message" : "no message"}</span>
              </li>
            ))}
          </ol>
        </Card>
      )}

      <Card title="Withdrawals recorded today">
        <WithdrawalRecent
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
          Keys: <kbd>O</kbd> opens LinkedIn, <kbd>W</kbd> Withdrawn, <kbd>A</kbd> They accepted, <kbd>K</kbd> Keep waiting.
        </p>
      )}
      <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="withdrawal-announcer">{announcement}</div>
    </div>
  );
}
