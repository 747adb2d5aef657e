"use client";
import { useRef } from "react";
import type { TWithdrawalOutcomeCode, TWithdrawalSession } from "@crm/core";
import { Alert, Card } from "@crm/ui";
import { formatDate } from "@/features/connections/labels";
import { endedOf } from "@/features/guided/limits";
import { Announcer, SessionPanel } from "@/features/guided/session-panel";
import { useGuidedSession, type TGuidedLane } from "@/features/guided/use-guided-session";
import { dayTimeIn, zoneName } from "@/features/removals/format";
import { WaitPanel } from "@/features/removals/components/wait-panel";
import { WITHDRAW_NOUN, WITHDRAW_OUTCOME_LABELS, withdrawalsTodayText } from "../format";
import { loadWithdrawalSessionAction, recordWithdrawalAction, undoWithdrawalAction } from "../session-actions";
import { LaneSwitch } from "./lane-switch";
import { useWithdrawalKeys, type TWithdrawalKey } from "../use-withdrawal-keys";
import { openOnLinkedIn, WithdrawalCard } from "./withdrawal-card";
import { WithdrawalRecent } from "./withdrawal-recent";

/** `laneSwitch`: the "Removals | Invitation withdrawals (N)" switch, drawn here so N follows each outcome. */
type TProps = { slug: string; initial: TWithdrawalSession; renderedAt: number; laneSwitch?: boolean };

const headingClass = "text-xl font-semibold text-gray-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600";

/** The withdrawal lane's calls and words for the shared guided flow. */
const withdrawalLane = (slug: string): TGuidedLane<TWithdrawalSession, TWithdrawalOutcomeCode> => ({
  load: (accountId) => loadWithdrawalSessionAction(slug, accountId),
  record: (itemId, outcome) => recordWithdrawalAction(slug, itemId, outcome),
  undo: (outcomeId, linkedInTouched) => undoWithdrawalAction(slug, outcomeId, linkedInTouched),
  endedOf: (s) => endedOf(s, (limit) => `${limit} withdrawals`),
  cardName: (card) => card.invitation.name,
  counted: "withdrawn",
  labels: WITHDRAW_OUTCOME_LABELS,
  text: {
    unlocksIn: (d) => `The next invitation unlocks in ${d}.`,
    next: (name) => `Next invitation: ${name}.`,
    givenBack: "Today’s withdrawals got it back.",
  },
});

/**
 * The withdrawals lane of an account's session: one approved invitation at a time, the owner
 * withdraws it on LinkedIn and records what happened. The server enforces the allowance; this
 * page counts down to budget.nextAllowedAt on the server's clock and reloads after each outcome
 * (useGuidedSession, the flow it shares with the removal lane).
 */
export function WithdrawalSession({ slug, initial, renderedAt, laneSwitch = false }: TProps) {
  const { session, now, ended, wait, card, pending, error, announcement, headingRef, panelRef, record, canKey, keysOn, undoProps } = useGuidedSession(initial, renderedAt, withdrawalLane(slug));
  const openRef = useRef<HTMLButtonElement>(null);
  const accountId = session.account.id;

  useWithdrawalKeys((key: TWithdrawalKey) => {
    if (!canKey() || !card) return;
    if (key === "open") return openOnLinkedIn(card);
    void record(key);
  }, keysOn);

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

      <SessionPanel
        panelRef={panelRef}
        busy={pending !== null}
        canRun={session.canRun}
        ownerOnly={
          <p className="text-base text-gray-900" data-testid="withdrawal-owner-only">
            Only {session.account.owner.name} withdraws this account’s invitations (signed in to {session.account.label} on LinkedIn). You can follow the progress here.
          </p>
        }
        timed={timed}
        card={card && <WithdrawalCard card={card} pending={pending === "undo" ? null : pending} headingRef={headingRef} openRef={openRef} onOutcome={(o) => void record(o)} />}
        empty={
          <div data-testid="withdrawal-empty">
            <h2 ref={headingRef} tabIndex={-1} className={headingClass}>Nothing to withdraw right now</h2>
            <p className="text-sm text-gray-700">Approve stale invitations for withdrawal in the review queue; they show up here.</p>
          </div>
        }
      />

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
        <WithdrawalRecent rows={session.recent} timeZone={session.account.timeZone} {...undoProps} />
      </Card>
      {session.canRun && (
        <p className="text-xs text-gray-600">
          Keys: <kbd>O</kbd> opens LinkedIn, <kbd>W</kbd> Withdrawn, <kbd>A</kbd> They accepted, <kbd>K</kbd> Keep waiting.
        </p>
      )}
      <Announcer testId="withdrawal-announcer" text={announcement} />
    </div>
  );
}
