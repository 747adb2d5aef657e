"use client";
import type { ReactNode, Ref } from "react";

// The frame both guided sessions draw their changing part in. The panel is one element so focus
// can tell "inside the panel" from elsewhere (useGuidedSession moves focus only from inside it).

type TProps = {
  panelRef: Ref<HTMLDivElement>;
  busy: boolean;
  canRun: boolean;
  /** For a teammate: who runs it; the wait or end panel follows. */
  ownerOnly: ReactNode;
  /** The wait or end panel, when one is up: it comes before the card. */
  timed: ReactNode | null;
  card: ReactNode | null;
  empty: ReactNode;
};

export function SessionPanel({ panelRef, busy, canRun, ownerOnly, timed, card, empty }: TProps) {
  return (
    <div ref={panelRef} className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-gray-200" aria-busy={busy}>
      {!canRun ? (
        <div className="flex flex-col gap-4">
          {ownerOnly}
          {timed}
        </div>
      ) : (timed ?? card ?? empty)}
    </div>
  );
}

/** The polite status region each step is announced in (errors go to their role=alert instead). */
export function Announcer({ testId, text }: { testId: string; text: string }) {
  return <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid={testId}>{text}</div>;
}
