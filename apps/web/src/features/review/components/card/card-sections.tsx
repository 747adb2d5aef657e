import type { ReactNode } from "react";
import type { TReviewCard } from "@crm/core";
import { Alert } from "@crm/ui";
import { FIT_LABELS, fitClass, flagClass, formatDate, formatDateTime, plural, tagChipClass } from "@/features/connections/labels";

// The read-only parts of a review card. Each section has a heading, so a screen reader can jump
// between them; the card itself (review-card.tsx) lays them out.

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section aria-label={title} className="flex flex-col gap-2" data-testid={testId}>
      <h2 className="text-sm font-semibold uppercase tracking-wide text-gray-600">{title}</h2>
      {children}
    </section>
  );
}

const muted = (text: string) => <p className="text-sm text-gray-600">{text}</p>;

export function WhyInQueue({ card }: { card: TReviewCard }) {
  return (
    <Section title="Why it is in the queue" testId="why-in-queue">
      <ul className="flex flex-col gap-1 text-sm text-gray-900">
        {card.rules.map((r) => (
          <li key={r.code}>
            <span className="font-medium">{r.label}</span>
            {r.detail && <span className="text-gray-700">: {r.detail}</span>}
          </li>
        ))}
        {card.origin === "manual" && <li><span className="font-medium">Proposed by hand</span>{card.reason && <span className="text-gray-700">: {card.reason}</span>}</li>}
        {card.rules.length === 0 && card.origin !== "manual" && <li className="text-gray-600">No rule recorded.</li>}
      </ul>
    </Section>
  );
}

export function ProtectedLoss({ card }: { card: TReviewCard }) {
  if (card.protectedLoss.length === 0) return null;
  return (
    <div data-testid="protected-loss">
      <Alert>
        <p className="font-medium">Removing this person loses:</p>
        <ul className="mt-1 list-disc pl-5">{card.protectedLoss.map((l) => <li key={l}>{l}</li>)}</ul>
      </Alert>
    </div>
  );
}

export function ScoreSection({ card }: { card: TReviewCard }) {
  const scores = card.detail?.scores ?? [];
  return (
    <Section title="Ideal customer profile score">
      {scores.length === 0 ? muted("Not scored: the team has no ideal customer profile yet.") : (
        <ul className="flex flex-col gap-2">
          {scores.map((s) => (
            <li key={s.icpId} className="rounded-md p-3 ring-1 ring-gray-200" data-testid="icp-score">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium text-gray-900">{s.icpName}</span>
                <span className={`rounded px-2 py-0.5 text-sm font-semibold tabular-nums ring-1 ${fitClass(s.fit)}`}>{s.score} · {FIT_LABELS[s.fit] ?? s.fit}</span>
              </div>
              {s.reasons.length > 0 && (
                <ul className="mt-2 flex flex-col gap-0.5 text-xs text-gray-700" aria-label={`Why ${s.score} for ${s.icpName}`}>
                  {s.reasons.map((r, i) => <li key={i}>{r.text}</li>)}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function FlagsAndTags({ card }: { card: TReviewCard }) {
  const flags = card.connection.flags;
  const tags = card.detail?.tags ?? [];
  return (
    <Section title="Flags and tags">
      {flags.length === 0 && tags.length === 0 ? muted("No flags or tags.") : (
        <ul className="flex flex-wrap gap-1">
          {flags.map((f) => <li key={`f-${f.code}`}><span className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${flagClass(f.code)}`}>{f.label}</span></li>)}
          {tags.map((t) => <li key={`t-${t.id}`}><span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${tagChipClass(t.color)}`}>{t.name}</span></li>)}
        </ul>
      )}
    </Section>
  );
}

export function TeammatesConnected({ card }: { card: TReviewCard }) {
  return (
    <Section title="Teammates connected" testId="teammates-connected">
      {card.teammatesConnected.length === 0 ? muted("Nobody else on the team is connected to this person.") : (
        <ul className="flex flex-col gap-1 text-sm text-gray-900">
          {card.teammatesConnected.map((t) => (
            <li key={t.connectionId}>
              {t.owner.name} <span className="text-gray-600">({t.accountLabel})</span>
              <span className="text-gray-700"> · {t.lastInteractionAt ? `last message ${formatDate(t.lastInteractionAt)}, ${plural(t.messageCount, "message")}` : "never messaged"}</span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function NotesList({ card }: { card: TReviewCard }) {
  const notes = card.detail?.notes ?? [];
  return (
    <Section title="Notes">
      {notes.length === 0 ? muted("No notes.") : (
        <ul className="flex flex-col gap-2">
          {notes.map((n) => (
            <li key={n.id} className="text-sm">
              <p className="whitespace-pre-wrap text-gray-900">{n.body}</p>
              <p className="text-xs text-gray-600">{n.authorName} · <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time></p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The item's own audit trail, then the person's history (job changes, imports). */
export function HistorySection({ card }: { card: TReviewCard }) {
  const entries = [
    ...card.history.map((h, i) => ({ key: `h-${i}`, at: h.at, text: h.actor ? `${h.actor.name}: ${h.text}` : h.text })),
    ...(card.detail?.events ?? []).map((e) => ({ key: `e-${e.id}`, at: e.createdAt, text: e.text })),
  ].sort((a, b) => b.at.localeCompare(a.at)).slice(0, 50);
  return (
    <Section title="History" testId="card-history">
      {entries.length === 0 ? muted("Nothing recorded yet.") : (
        <ol className="flex flex-col gap-2 border-l-2 border-gray-200 pl-4">
          {entries.map((e) => (
            <li key={e.key} className="text-sm">
              <time dateTime={e.at} className="block text-xs text-gray-600">{formatDateTime(e.at)}</time>
              <span className="text-gray-900">{e.text}</span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
