/** @jsxRuntime automatic */
/** @jsxImportSource react */
// (The pragmas keep the automatic JSX runtime when a tool compiles this file without our
// tsconfig, e.g. tsx running the CLI from the repository root.)
import { Body, Container, Head, Hr, Html, Preview, Section } from "@react-email/components";
import type { ReactNode } from "react";
import { fmt, personLine, plural, signed, type TDigestModel, type TDigestPerson } from "../digest-model";
import { digestInvitationsOf, invitationLine } from "./digest-invitations";

// The weekly digest's HTML part. Inline light colours, plus a prefers-color-scheme block and the
// color-scheme metas so clients that honour dark mode swap them (clients that force their own dark
// mode invert a light design, which these mid-contrast colours survive). No images at all.
// Paragraphs, links and headings are plain elements with their margins spelled out: react-email's
// Text, Link and Heading recompute margins from the style on every render (~0.15 ms a digest, a
// fifth of the whole render, measured with a CPU profile).

const DARK = `
  :root { color-scheme: light dark; supported-color-schemes: light dark; }
  @media (prefers-color-scheme: dark) {
    .d-body { background-color: #0f172a !important; }
    /* react-email's Body repeats its style (the light grey) on the cell that wraps the card. */
    .d-body > table > tbody > tr > td { background-color: #0f172a !important; }
    .d-card { background-color: #1e293b !important; color: #e2e8f0 !important; }
    .d-text { color: #e2e8f0 !important; }
    .d-muted { color: #94a3b8 !important; }
    .d-link { color: #93c5fd !important; }
  }`;

const text = { color: "#1f2937", fontSize: "14px", lineHeight: "20px", margin: "4px 0" } as const;
const muted = { ...text, color: "#6b7280", fontSize: "12px" } as const;
const link = { color: "#1d4ed8", textDecoration: "underline" } as const;
const h2 = { color: "#111827", fontSize: "16px", margin: "24px 0 8px" } as const;

function A({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} style={link} className="d-link" target="_blank">
      {children}
    </a>
  );
}

function Line({ children, small }: { children: ReactNode; small?: boolean }) {
  return (
    <p style={small ? muted : text} className={small ? "d-muted" : "d-text"}>
      {children}
    </p>
  );
}

function H({ children }: { children: ReactNode }) {
  return (
    <h2 style={h2} className="d-text">
      {children}
    </h2>
  );
}

function People({ title, list }: { title: string; list: TDigestPerson[] }) {
  if (!list.length) return null;
  return (
    <>
      <Line small>{title}</Line>
      {list.map((p) => (
        <Line key={p.href}>
          <A href={p.href}>{p.name}</A>
          {personLine(p).slice(p.name.length)}
        </Line>
      ))}
    </>
  );
}

export function DigestEmail({ m }: { m: TDigestModel }) {
  const n = m.network;
  const q = m.queue;
  const f = m.followUps;
  const inv = digestInvitationsOf(m);
  return (
    <Html lang="en">
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <style>{DARK}</style>
      </Head>
      <Preview>{m.quiet ? `A quiet week in ${m.team.name}` : `Your week in ${m.team.name}, ${m.period.label}`}</Preview>
      <Body className="d-body" style={{ backgroundColor: "#f3f4f6", fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", margin: 0, padding: "16px 0" }}>
        <Container className="d-card" style={{ backgroundColor: "#ffffff", padding: "24px", borderRadius: "8px", maxWidth: "600px" }}>
          <h1 style={{ color: "#111827", fontSize: "20px", lineHeight: "28px", margin: "0 0 4px" }} className="d-text">
            {m.quiet ? "A quiet week" : "Your week"} in {m.team.name}
          </h1>
          <Line small>{m.period.label}</Line>
          <Line>Hi {m.recipient.name},</Line>
          {m.quiet ? (
            <Line>Nothing new in your team&apos;s networks this week and nothing waiting for you.</Line>
          ) : (
            <>
              {n.imports.length > 0 || n.topJobChanges.length > 0 ? (
                <Section>
                  <H>Network</H>
                  <Line>
                    <A href={n.href}>{plural(n.newConnections, "new connection")}</A>, {plural(n.gone, "person", "people")} gone,{" "}
                    <A href={n.jobChangesHref}>{plural(n.jobChanges, "job change")}</A>.
                  </Line>
                  {n.imports.map((i) => (
                    <Line key={i.href} small>
                      <A href={i.href}>{i.accountLabel}</A>, {i.atLabel}:{" "}
                      {i.first ? `first import, ${plural(i.added, "connection")}` : `${fmt(i.added)} added, ${fmt(i.gone)} gone, ${plural(i.jobChanges, "job change")}`}
                    </Line>
                  ))}
                  <People title="Job changes" list={n.topJobChanges} />
                  <People title="New connections" list={n.topNew} />
                </Section>
              ) : null}
              {m.fit.icps.length > 0 ? (
                <Section>
                  <H>ICP fit</H>
                  {m.fit.icps.map((icp) => (
                    <Line key={icp.href}>
                      <A href={icp.href}>{icp.name}</A>: {fmt(icp.strong)} strong{icp.strongDelta === null ? "" : ` (${signed(icp.strongDelta)})`}, {fmt(icp.partial)} partial
                      {icp.partialDelta === null ? "" : ` (${signed(icp.partialDelta)})`}, {fmt(icp.none)} no fit
                    </Line>
                  ))}
                </Section>
              ) : null}
              {m.removals.length > 0 ? (
                <Section>
                  <H>Removals this week</H>
                  {m.removals.map((r) => (
                    <Line key={r.href}>
                      <A href={r.href}>{r.accountLabel}</A>: {fmt(r.done)} of {fmt(r.budget)} this week
                      {r.verified ? `, ${fmt(r.verified)} verified by an import` : ""}
                      {r.approved ? `, ${fmt(r.approved)} approved and waiting` : ""}
                    </Line>
                  ))}
                </Section>
              ) : null}
              {inv.length > 0 ? (
                <Section>
                  <H>Invitations</H>
                  {inv.map((a) => (
                    <Line key={a.href}>
                      <A href={a.href}>{a.accountLabel}</A>: {invitationLine(a)}
                    </Line>
                  ))}
                </Section>
              ) : null}
              {q.waitingForMe || q.needsMyVote ? (
                <Section>
                  <H>Your queue</H>
                  {q.waitingForMe ? (
                    <Line>
                      <A href={q.href}>{plural(q.waitingForMe, "item")}</A> {q.waitingForMe === 1 ? "waits" : "wait"} for your decision
                      {q.oldestWaitingDays ? `, the oldest for ${plural(q.oldestWaitingDays, "day")}` : ""}
                    </Line>
                  ) : null}
                  {q.needsMyVote ? (
                    <Line>
                      <A href={q.voteHref}>{plural(q.needsMyVote, "item")}</A> {q.needsMyVote === 1 ? "needs" : "need"} your vote
                      {q.oldestVoteDays ? `, the oldest waiting ${plural(q.oldestVoteDays, "day")}` : ""}
                    </Line>
                  ) : null}
                </Section>
              ) : null}
              {f.overdue || f.dueThisWeek ? (
                <Section>
                  <H>Follow-ups</H>
                  <Line>
                    {fmt(f.overdue)} overdue, {fmt(f.dueThisWeek)} due this week. <A href={f.href}>All reminders</A>
                  </Line>
                  {f.top.map((t) => (
                    <Line key={t.href + t.dueLabel}>
                      <A href={t.href}>{t.name}</A>: {t.overdue ? "was due" : "due"} {t.dueLabel}
                      {t.note ? ` — ${t.note}` : ""}
                    </Line>
                  ))}
                  {f.overdue + f.dueThisWeek > f.top.length ? (
                    <Line>
                      <A href={f.href}>and {fmt(f.overdue + f.dueThisWeek - f.top.length)} more</A>
                    </Line>
                  ) : null}
                </Section>
              ) : null}
              {m.activity.members.length > 0 ? (
                <Section>
                  <H>Team activity</H>
                  {m.activity.members.map((p, i) => (
                    <Line key={i}>
                      {p.name}: {plural(p.votes, "vote")}, {plural(p.decisions, "decision")}, {plural(p.removals, "removal")}
                    </Line>
                  ))}
                </Section>
              ) : null}
            </>
          )}
          <Line>
            <A href={m.appUrl}>Open {m.team.name}</A>
          </Line>
          <Hr style={{ borderColor: "#d1d5db", margin: "24px 0 12px" }} />
          <Line small>
            You get this weekly digest as a member of {m.team.name}. <A href={m.preferencesUrl}>Email preferences</A> ·{" "}
            <A href={m.unsubscribePageUrl}>Unsubscribe from the weekly digest</A>
          </Line>
        </Container>
      </Body>
    </Html>
  );
}
