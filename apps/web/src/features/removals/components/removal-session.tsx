"use client";
import { useRef } from "react";
import type { TOutcomeCode, TRemovalSession } from "@crm/core";
import { Alert, Card } from "@crm/ui";
import { endedOf as endedAt } from "@/features/guided/limits";
import { Announcer, SessionPanel } from "@/features/guided/session-panel";
import { useGuidedSession, type TGuidedLane } from "@/features/guided/use-guided-session";
import { OUTCOME_LABELS } from "../format";
import { fetchSession, postOutcome, postUndo } from "../session-api";
import { useViewerZone } from "../use-clock";
import { useSessionKeys, type TSessionKey } from "../use-session-keys";
import { BudgetLine } from "./budget-line";
import { EndedPanel } from "./ended-panel";
import { RecentOutcomes } from "./recent-outcomes";
import { RemovalCard } from "./removal-card";
import { WaitPanel } from "./wait-panel";

/** renderedAt: the server's clock when it rendered the page. */
type TProps = { slug: string; initial: TRemovalSession; renderedAt: number };

const endedOf = (s: TRemovalSession) => endedAt(s, String);

/** The removal lane's calls and words for the shared guided flow. */
const removalLane = (slug: string): TGuidedLane<TRemovalSession, TOutcomeCode> => ({
  load: (accountId) => fetchSession(slug, accountId),
  record: (itemId, outcome) => postOutcome(slug, itemId, outcome),
  undo: (outcomeId, linkedInTouched) => postUndo(slug, outcomeId, linkedInTouched),
  endedOf,
  cardName: (card) => card.person.name,
  counted: "removed",
  labels: OUTCOME_LABELS,
  text: {
    unlocksIn: (d) => `The next card unlocks in ${d}.`,
    next: (name) => `Next person: ${name}.`,
    givenBack: "Today’s budget got it back.",
  },
});

/**
 * Today's guided removal session for one account. The server enforces the budget; this page
 * shows the card, counts down to budget.nextAllowedAt on the server's clock (only a display) and
 * reloads the session after each outcome, when a wait ends and when the day resets (useGuidedSession).
 */
export function RemovalSession({ slug, initial, renderedAt }: TProps) {
  const { session, now, ended, wait, card, pending, error, announcement, headingRef, panelRef, record, canKey, keysOn, undoProps } = useGuidedSession(initial, renderedAt, removalLane(slug));
  const linkRef = useRef<HTMLAnchorElement>(null);
  const viewerZone = useViewerZone();

  useSessionKeys((key: TSessionKey) => {
    if (!canKey() || !card) return;
    if (key === "open") return linkRef.current?.click();
    void record(key);
  }, keysOn);

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

      <SessionPanel
        panelRef={panelRef}
        busy={pending !== null}
        canRun={session.canRun}
        ownerOnly={
          <p className="text-base text-gray-900" data-testid="removal-owner-only">
            Only {session.account.owner.name} runs this session (signed in to {session.account.label} on LinkedIn). You can follow the progress here.
          </p>
        }
        timed={timed}
        card={card && <RemovalCard card={card} pending={pending === "undo" ? null : pending} headingRef={headingRef} linkRef={linkRef} onOutcome={(o) => void record(o)} />}
        empty={
          <div data-testid="removal-empty">
            <h2 ref={headingRef} tabIndex={-1} className="text-xl font-semibold text-gray-900 focus-visible:outline-2 focus-visible:outline-blue-600">Nothing planned right now</h2>
            <p className="text-sm text-gray-700">{session.backlog > 0 ? `${session.backlog} approved removals wait for later days.` : "Approve removals in the review queue; they are planned here."}</p>
          </div>
        }
      />

      <Card title="Recorded today">
        <RecentOutcomes rows={session.recent} timeZone={session.account.timeZone} {...undoProps} />
      </Card>
      {session.canRun && (
        <p className="text-xs text-gray-600">
          Keys: <kbd>O</kbd> opens the profile, <kbd>R</kbd> Removed, <kbd>N</kbd> Couldn’t find them, <kbd>K</kbd> Keep after all.
        </p>
      )}
      <Announcer testId="removal-announcer" text={announcement} />
    </div>
  );
}
