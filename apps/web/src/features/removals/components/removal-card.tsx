"use client";
import type { Ref } from "react";
import type { TOutcomeCode, TRemovalCard } from "@crm/core";
import { buttonClass } from "@crm/ui";
import { CardSection, DecisionLines, keyHint, OutcomeButtons, type TOutcomeOption } from "@/features/guided/card-parts";
import { FIT_LABELS, formatDate, plural } from "@/features/connections/labels";
import { VOTE_LABELS } from "../format";

// One person of today's session: who, why, what removing them loses, the link to their LinkedIn
// profile (the human clicks there, we never do), then the three outcomes.

type TProps = {
  card: TRemovalCard;
  pending: TOutcomeCode | null;
  headingRef: Ref<HTMLHeadingElement>;
  linkRef: Ref<HTMLAnchorElement>;
  onOutcome: (outcome: TOutcomeCode) => void;
};

const OPTIONS: TOutcomeOption<TOutcomeCode>[] = [
  { outcome: "removed", label: "Removed", key: "R" },
  { outcome: "not_found", label: "Couldn’t find them", key: "N" },
  { outcome: "kept", label: "Keep after all", key: "K" },
];

function Why({ card }: { card: TRemovalCard }) {
  const w = card.why;
  return (
    <CardSection title="Why remove them">
      <DecisionLines why={w} approved="Approved for removal" voteLabels={VOTE_LABELS} testId="removal-why" />
      {w.scores.length > 0 && (
        <ul className="flex flex-col gap-2">
          {w.scores.map((s) => (
            <li key={s.icpName} className="rounded-md p-3 text-sm ring-1 ring-gray-200">
              <span className="font-medium text-gray-900">{s.icpName}</span>: {s.score} ({FIT_LABELS[s.band] ?? s.band})
              {s.reasons.length > 0 && (
                <ul className="mt-1 flex flex-col gap-0.5 text-xs text-gray-700" aria-label={`Why ${s.score} for ${s.icpName}`}>
                  {s.reasons.map((r, i) => <li key={i}>{r}</li>)}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </CardSection>
  );
}

function Loses({ card }: { card: TRemovalCard }) {
  return (
    <CardSection title="What removing them loses">
      {card.loses.length === 0 ? (
        <p className="text-sm text-gray-700" data-testid="removal-loses-none">Nothing we know of: no endorsements, recommendation, protected tag or conversation with them.</p>
      ) : (
        <ul className="list-disc pl-5 text-sm font-medium text-amber-900" data-testid="removal-loses">
          {card.loses.map((l) => <li key={l}>{l}</li>)}
        </ul>
      )}
      {/* Who else on the team reaches them: context, not a loss. */}
      {card.reach && <p className="text-sm text-gray-700" data-testid="removal-reach">{card.reach}.</p>}
      <p className="text-xs text-gray-600">LinkedIn does not tell them. You can reconnect later from the Removed people list.</p>
    </CardSection>
  );
}

export function RemovalCard({ card, pending, headingRef, linkRef, onOutcome }: TProps) {
  const p = card.person;
  const search = card.link.kind === "search";
  const about = [p.position, p.company].filter(Boolean).join(" at ");
  return (
    <article className="flex flex-col gap-6" aria-labelledby={`removal-${card.itemId}`} data-testid="removal-card" data-item-id={card.itemId}>
      <header className="flex flex-col gap-1">
        <h2 id={`removal-${card.itemId}`} ref={headingRef} tabIndex={-1} className="text-2xl font-semibold text-gray-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
          {p.name || "Unnamed connection"}
        </h2>
        <p className="text-sm text-gray-800">{about || "No title in the export"}</p>
        <p className="text-sm text-gray-700">
          {p.connectedOn ? `Connected ${formatDate(p.connectedOn)}` : "Connection date unknown"}
          {" · "}
          {p.lastInteractionAt ? `last message ${formatDate(p.lastInteractionAt)}, ${plural(p.messageCount, "message")}` : "never messaged"}
        </p>
        {card.retryNote && <p className="mt-1 rounded-md bg-amber-50 p-2 text-sm font-medium text-amber-900 ring-1 ring-amber-200" data-testid="retry-note">{card.retryNote}</p>}
      </header>

      <section aria-label="On LinkedIn" className="flex flex-col gap-3 rounded-lg bg-blue-50 p-4 ring-1 ring-blue-200">
        <a
          ref={linkRef}
          href={card.link.url}
          target="_blank"
          rel="noopener noreferrer"
          aria-keyshortcuts="O"
          className={buttonClass("primary", "self-start")}
          data-testid="open-profile"
        >
          {search ? `Search LinkedIn for ${p.name}` : "Open LinkedIn profile"}
          {keyHint("O")}
          <span className="sr-only"> (opens in a new tab)</span>
        </a>
        <ol className="list-decimal pl-5 text-sm text-gray-900">
          {search && <li>Pick {p.name}{p.company ? ` (${p.company})` : ""} among the results and open their profile.</li>}
          <li>On their profile, click <strong>More</strong> (the “…” button) → <strong>Remove connection</strong>.</li>
          <li>Come back here and record what happened.</li>
        </ol>
      </section>

      <OutcomeButtons options={OPTIONS} pending={pending} onOutcome={onOutcome} note="“Couldn’t find them” and “Keep after all” do not use today’s budget." />

      <div className="grid gap-6 md:grid-cols-2">
        <Why card={card} />
        <Loses card={card} />
      </div>
    </article>
  );
}
