import { fmt, personLine, plural, signed, type TDigestModel, type TDigestPerson } from "../digest-model";
import { digestInvitationsOf, invitationLine } from "./digest-invitations";

// The digest's plain-text part, written directly from the model: react-email's HTML→text
// conversion costs ~3.4 ms per message (measured), more than the whole HTML render, and the
// 10,000-digest target leaves ~3 ms per email for everything. Same sections and links as the HTML.

const people = (title: string, list: TDigestPerson[]) =>
  list.length ? [`${title}:`, ...list.flatMap((p) => [`- ${personLine(p)}`, `  ${p.href}`])] : [];

export function digestText(m: TDigestModel): string {
  const out: string[] = [];
  const hi = `Hi ${m.recipient.name},`;
  if (m.quiet) {
    out.push(`A quiet week in ${m.team.name} (${m.period.label})`, "", hi, "", "Nothing new in your team's networks this week and nothing waiting for you.", "", `Open ${m.team.name}: ${m.appUrl}`);
    return footer(out, m);
  }
  out.push(`Your week in ${m.team.name} (${m.period.label})`, "", hi);

  const n = m.network;
  if (n.imports.length || n.topJobChanges.length) {
    out.push("", "NETWORK", `${plural(n.newConnections, "new connection")}, ${plural(n.gone, "person", "people")} gone, ${plural(n.jobChanges, "job change")}.`);
    for (const i of n.imports) {
      const what = i.first ? `first import, ${plural(i.added, "connection")}` : `${fmt(i.added)} added, ${fmt(i.gone)} gone, ${plural(i.jobChanges, "job change")}`;
      out.push(`- ${i.accountLabel}, ${i.atLabel}: ${what}`, `  ${i.href}`);
    }
    out.push(...people("Job changes", n.topJobChanges));
    if (n.jobChanges > n.topJobChanges.length && n.topJobChanges.length) out.push(`All job changes: ${n.jobChangesHref}`);
    out.push(...people("New connections", n.topNew));
  }

  if (m.fit.icps.length) {
    out.push("", "ICP FIT");
    for (const f of m.fit.icps) {
      const d = (x: number | null) => (x === null ? "" : ` (${signed(x)})`);
      out.push(`- ${f.name}: ${fmt(f.strong)} strong${d(f.strongDelta)}, ${fmt(f.partial)} partial${d(f.partialDelta)}, ${fmt(f.none)} no fit`, `  ${f.href}`);
    }
  }

  if (m.removals.length) {
    out.push("", "REMOVALS (this week, against the weekly budget)");
    for (const r of m.removals) {
      const extra = [r.verified ? `${fmt(r.verified)} verified by an import` : "", r.approved ? `${fmt(r.approved)} approved and waiting` : ""].filter(Boolean);
      out.push(`- ${r.accountLabel}: ${fmt(r.done)} of ${fmt(r.budget)}${extra.length ? `; ${extra.join(", ")}` : ""}`, `  ${r.href}`);
    }
  }

  const inv = digestInvitationsOf(m);
  if (inv.length) {
    out.push("", "INVITATIONS");
    for (const a of inv) out.push(`- ${a.accountLabel}: ${invitationLine(a)}`, `  ${a.href}`);
  }

  const q = m.queue;
  if (q.waitingForMe || q.needsMyVote) {
    out.push("", "YOUR QUEUE");
    if (q.waitingForMe) {
      const age = q.oldestWaitingDays ? `, the oldest for ${plural(q.oldestWaitingDays, "day")}` : "";
      out.push(`- ${plural(q.waitingForMe, "item")} ${q.waitingForMe === 1 ? "waits" : "wait"} for your decision${age}`, `  ${q.href}`);
    }
    if (q.needsMyVote) {
      const age = q.oldestVoteDays ? `, the oldest waiting ${plural(q.oldestVoteDays, "day")}` : "";
      out.push(`- ${plural(q.needsMyVote, "item")} ${q.needsMyVote === 1 ? "needs" : "need"} your vote${age}`, `  ${q.voteHref}`);
    }
  }

  const f = m.followUps;
  if (f.overdue || f.dueThisWeek) {
    out.push("", "FOLLOW-UPS", `${fmt(f.overdue)} overdue, ${fmt(f.dueThisWeek)} due this week.`);
    for (const t of f.top) out.push(`- ${t.name}: ${t.overdue ? "was due" : "due"} ${t.dueLabel}${t.note ? ` — ${t.note}` : ""}`, `  ${t.href}`);
    const rest = f.overdue + f.dueThisWeek - f.top.length;
    if (rest > 0) out.push(`- and ${fmt(rest)} more`);
    out.push(`All reminders: ${f.href}`);
  }

  if (m.activity.members.length) {
    out.push("", "TEAM ACTIVITY");
    for (const p of m.activity.members) out.push(`- ${p.name}: ${plural(p.votes, "vote")}, ${plural(p.decisions, "decision")}, ${plural(p.removals, "removal")}`);
  }
  out.push("", `Open ${m.team.name}: ${m.appUrl}`);
  return footer(out, m);
}

function footer(out: string[], m: TDigestModel): string {
  out.push("", "--", `You get this weekly digest as a member of ${m.team.name}.`, `Email preferences: ${m.preferencesUrl}`, `Unsubscribe from the weekly digest: ${m.unsubscribePageUrl}`, "");
  return out.join("\n");
}
