"use client";
import type { ReactNode } from "react";
import { Button } from "@crm/ui";
import { formatDate } from "@/features/connections/labels";

// The pieces both lanes' cards (a person to remove, an invitation to withdraw) draw the same way:
// the key hint, the outcome buttons and the "why" of the team's decision.

/** A key's hint inside its button: hidden from screen readers, which read aria-keyshortcuts. */
export const keyHint = (k: string) => <kbd aria-hidden="true" className="rounded border border-gray-300 bg-gray-50 px-1 font-mono text-xs text-gray-700">{k}</kbd>;

export function CardSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="flex flex-col gap-2">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-gray-600">{title}</h2>
      {children}
    </section>
  );
}

export type TOutcomeOption<O extends string> = { outcome: O; label: string; key: string };

/**
 * The card's outcomes, the first one primary. aria-disabled, not disabled: a disabled button
 * drops focus to the page, and when the same card stays (a conflict, a network error) focus
 * should stay on the button pressed. The session guards against a second press itself.
 */
export function OutcomeButtons<O extends string>({ options, pending, onOutcome, note }: { options: TOutcomeOption<O>[]; pending: O | null; onOutcome: (outcome: O) => void; note: string }) {
  const busy = pending !== null;
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="sr-only">What happened on LinkedIn</legend>
      <div className="flex flex-wrap gap-2">
        {options.map((o, i) => (
          <Button key={o.outcome} variant={i === 0 ? "primary" : "secondary"} aria-keyshortcuts={o.key} aria-disabled={busy} className={busy ? "opacity-60" : ""} onClick={() => onOutcome(o.outcome)}>
            {pending === o.outcome ? "Recording…" : o.label}{keyHint(o.key)}
          </Button>
        ))}
      </div>
      <p className="text-xs text-gray-600">{note}</p>
    </fieldset>
  );
}

type TWhy = {
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  decisionReason: string | null;
  rules: string[];
  votes: Array<{ user: { id: string; name: string }; choice: string; reason: string | null }>;
};

/** Who approved it and when, the rules that matched, then the votes. */
export function DecisionLines({ why, approved, voteLabels, testId }: { why: TWhy; approved: string; voteLabels: Record<string, string>; testId: string }) {
  return (
    <>
      <ul className="flex flex-col gap-1 text-sm text-gray-900" data-testid={testId}>
        <li>
          <span className="font-medium">{approved}</span>
          {why.decidedBy && <> by {why.decidedBy.name}</>}
          {why.decidedAt && <> on {formatDate(why.decidedAt)}</>}
          {why.decisionReason && <span className="text-gray-700">: {why.decisionReason}</span>}
        </li>
        {why.rules.map((r) => <li key={r}>{r}</li>)}
      </ul>
      {why.votes.length > 0 && (
        <ul className="flex flex-col gap-0.5 text-sm text-gray-700" aria-label="Votes">
          {why.votes.map((v) => (
            <li key={v.user.id}>{v.user.name} voted {voteLabels[v.choice] ?? v.choice}{v.reason ? `: ${v.reason}` : ""}</li>
          ))}
        </ul>
      )}
    </>
  );
}
