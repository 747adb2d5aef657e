"use client";
import type { ReactNode } from "react";
import type { TConnectionDetail } from "@crm/core";
import { Alert } from "@crm/ui";
import { ConnectionReminders } from "@/features/reminders/components/connection-reminders";
import { FIT_LABELS, fitClass, flagClass, formatDate, formatDateTime, labelOf, plural, type TLabels } from "../labels";
import { ConnectionTags } from "./connection-tags";
import { NotesSection } from "./notes-section";
import type { TTagOption } from "./tag-picker";

export type TDetailProps = {
  teamSlug: string;
  detail: TConnectionDetail;
  tags: TTagOption[];
  labels: TLabels;
  now: number;
  /** The page uses h1; the drawer is a dialog inside a page and uses h2. */
  headingLevel: 1 | 2;
  headingId?: string;
  /** Reload the detail after a change (the drawer refetches; the page refreshes). */
  onChanged: () => Promise<void> | void;
  actions?: ReactNode;
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold uppercase tracking-wide text-gray-600">{title}</h3>
      {children}
    </section>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex flex-col">
      <dt className="text-xs font-medium text-gray-600">{term}</dt>
      <dd className="text-sm text-gray-900">{children}</dd>
    </div>
  );
}

const none = <span className="text-gray-500">—</span>;

/** One connection: profile, guided LinkedIn link, tags, scores with reasons, notes and history. */
export function ConnectionDetail({ teamSlug, detail: d, tags, labels, now, headingLevel, headingId, onChanged, actions }: TDetailProps) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const searchLink = !d.profileUrl || d.linkedInUrl !== d.profileUrl;

  return (
    <article className="flex flex-col gap-6" aria-labelledby={headingId}>
      <header className="flex flex-col gap-2">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <Heading id={headingId} className="text-2xl font-semibold text-gray-900">{d.name || "Unnamed connection"}</Heading>
            <p className="text-sm text-gray-700">{[d.position, d.company].filter(Boolean).join(" at ") || "No title in the export"}</p>
            <p className="text-xs text-gray-600">
              In {d.accountLabel}’s network
              {d.status !== "CONNECTED" && <> · <span className="font-semibold text-amber-900">{labelOf(labels.statuses, d.status)}</span></>}
            </p>
          </div>
          {actions}
        </div>
        <div className="flex flex-col gap-1">
          <a
            href={d.linkedInUrl}
            target="_blank"
            rel="noopener noreferrer"
            className="inline-flex w-fit items-center gap-2 rounded-md bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
          >
            Open on LinkedIn<span aria-hidden="true">↗</span><span className="sr-only"> (opens in a new tab)</span>
          </a>
          <p className="text-xs text-gray-600">
            {searchLink
              ? "The export has no profile address for this person, so this searches LinkedIn for their name and company. We never act on LinkedIn for you."
              : "Opens their profile in a new tab. To remove the connection there: More → Remove connection. We never act on LinkedIn for you."}
          </p>
        </div>
      </header>

      <Section title="Tags">
        <ConnectionTags teamSlug={teamSlug} connectionId={d.id} initial={d.tags} allTags={tags} onChanged={onChanged} />
      </Section>

      <Section title="Reminders">
        <ConnectionReminders teamSlug={teamSlug} connectionId={d.id} name={d.name || "this person"} />
      </Section>

      <Section title="Profile">
        <dl className="grid grid-cols-2 gap-x-4 gap-y-3">
          <Fact term="Email">{d.email ? <a className="text-blue-800 underline" href={`mailto:${d.email}`}>{d.email}</a> : none}</Fact>
          <Fact term="Connected on">{d.connectedOn ? formatDate(d.connectedOn) : none}</Fact>
          <Fact term="Seniority">{d.seniority ? labelOf(labels.seniority, d.seniority) : none}</Fact>
          <Fact term="Function">{d.function ? labelOf(labels.function, d.function) : none}</Fact>
          <Fact term="Last interaction">
            {d.lastInteractionAt ? `${formatDate(d.lastInteractionAt)} · ${plural(d.messageCount, "message")}` : "Never messaged"}
          </Fact>
          <Fact term="Job change">{d.jobChangedAt ? `Seen ${formatDate(d.jobChangedAt)}` : none}</Fact>
          <Fact term="Endorsed me">{d.endorsedMe ? `Yes${d.endorsementCount ? ` (${plural(d.endorsementCount, "endorsement")})` : ""}` : "No"}</Fact>
          <Fact term="Recommended me">{d.recommendedMe ? "Yes" : "No"}</Fact>
        </dl>
        {(d.endorsedMe || d.recommendedMe) && (
          <Alert>Removing this connection on LinkedIn also deletes the endorsements or recommendation they gave you.</Alert>
        )}
      </Section>

      <Section title="Ideal customer profile scores">
        {d.scores.length === 0 ? (
          <p className="text-sm text-gray-600">Not scored yet. Scores appear once the team has an ideal customer profile.</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {d.scores.map((s) => (
              <li key={s.icpId} className="rounded-md p-3 ring-1 ring-gray-200" data-testid="icp-score">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium text-gray-900">{s.icpName}</span>
                  <span className={`rounded px-2 py-0.5 text-sm font-semibold tabular-nums ring-1 ${fitClass(s.fit)}`}>{s.score} · {FIT_LABELS[s.fit] ?? s.fit}</span>
                </div>
                {s.reasons.length > 0 && (
                  <ul className="mt-2 flex flex-col gap-0.5 text-xs text-gray-700" aria-label={`Why ${s.score} for ${s.icpName}`}>
                    {/* A reason's text already starts with its points ("+33 title matches …"). */}
                    {s.reasons.map((r, i) => <li key={i} data-testid="score-reason">{r.text}</li>)}
                  </ul>
                )}
                {s.flags.length > 0 && (
                  <ul className="mt-2 flex flex-wrap gap-1" aria-label="Flags">
                    {s.flags.map((f) => <li key={f.code}><span className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${flagClass(f.code)}`}>{f.label}</span></li>)}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Notes">
        <NotesSection teamSlug={teamSlug} connectionId={d.id} notes={d.notes} now={now} onChanged={onChanged} />
      </Section>

      <Section title="History">
        {d.events.length === 0 ? (
          <p className="text-sm text-gray-600">Nothing recorded yet.</p>
        ) : (
          <ol className="flex flex-col gap-2 border-l-2 border-gray-200 pl-4">
            {d.events.map((e) => (
              <li key={e.id} className="text-sm">
                <time dateTime={e.createdAt} className="block text-xs text-gray-600">{formatDateTime(e.createdAt)}</time>
                <span className="text-gray-900">{e.text}</span>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </article>
  );
}
