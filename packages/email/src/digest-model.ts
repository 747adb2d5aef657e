// The weekly digest as data (docs/decisions/0012). Self-contained on purpose: the email package
// does not import core, so core's composer (core/digest/compose-team.ts) fills this in and the
// HTML and text templates only read it. Every href is absolute (built from the app URL); labels
// that depend on the recipient's time zone (dates) are formatted by the composer.

export type TDigestPerson = { name: string; company: string | null; position: string | null; href: string };

export type TDigestImport = {
  accountLabel: string;
  /** "Tue, Dec 1", in the recipient's zone. */
  atLabel: string;
  added: number;
  gone: number;
  jobChanges: number;
  /** The account's first import: its people are the starting network, not news. */
  first: boolean;
  href: string;
};

export type TDigestIcpFit = {
  name: string;
  strong: number;
  partial: number;
  none: number;
  total: number;
  /** Change against the newest snapshot at least 6 days older; null = no such snapshot. */
  strongDelta: number | null;
  partialDelta: number | null;
  href: string;
};

export type TDigestRemovals = {
  accountLabel: string;
  /** Counted removals this week (undone ones given back). */
  done: number;
  /** The account's weekly limit. */
  budget: number;
  /** Removals an import confirmed this week. */
  verified: number;
  /** Approved, waiting for the owner's removal session. */
  approved: number;
  href: string;
};

export type TDigestFollowUp = { name: string; dueLabel: string; overdue: boolean; note: string | null; href: string };

export type TDigestMember = { name: string; votes: number; decisions: number; removals: number };

/** Per account the member owns (issue 17): invitations waiting and withdrawals done this week. */
export type TDigestInvitationAccount = {
  accountLabel: string;
  /** Open outgoing invitations sent more than `withdrawAfterDays` ago. */
  olderOutgoing: number;
  withdrawAfterDays: number;
  /** Received invitations still pending on which the owner recorded nothing. */
  incomingWaiting: number;
  /** Withdrawals recorded this week. */
  withdrawn: number;
  href: string;
};
export type TDigestInvitations = { accounts: TDigestInvitationAccount[] };

export type TDigestModel = {
  recipient: { name: string; email: string };
  team: { name: string; slug: string };
  /** The 7 days before the digest's slot: label "Nov 30 – Dec 6" (local), start/end ISO instants. */
  period: { label: string; start: string; end: string };
  /** The team's home page. */
  appUrl: string;
  network: {
    imports: TDigestImport[];
    /** New people in later imports (first imports excluded). */
    newConnections: number;
    gone: number;
    jobChanges: number;
    topJobChanges: TDigestPerson[];
    topNew: TDigestPerson[];
    href: string;
    jobChangesHref: string;
  };
  fit: { icps: TDigestIcpFit[]; href: string };
  removals: TDigestRemovals[];
  queue: { waitingForMe: number; oldestWaitingDays: number | null; needsMyVote: number; oldestVoteDays?: number | null; href: string; voteHref: string };
  followUps: { dueThisWeek: number; overdue: number; top: TDigestFollowUp[]; href: string };
  /** Teammates with activity this week (most active first, ≤ 10). */
  activity: { members: TDigestMember[] };
  /** Optional: a digest composed without it (older fixtures, snapshots) renders exactly as before. */
  invitations?: TDigestInvitations;
  /** Nothing to say this week: the short "quiet week" note (sent only if the member asked for it). */
  quiet: boolean;
  unsubscribeUrl: string;
  unsubscribePageUrl: string;
  preferencesUrl: string;
};

const NUMBER = new Intl.NumberFormat("en-US");
export const fmt = (n: number) => NUMBER.format(n);
export const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;
export const signed = (n: number) => (n > 0 ? `+${fmt(n)}` : n < 0 ? `−${fmt(-n)}` : "±0");

/** One line about a person: "Ana Lima — Head of Sales at Acme". */
export function personLine(p: Pick<TDigestPerson, "name" | "company" | "position">): string {
  const role = p.position && p.company ? `${p.position} at ${p.company}` : (p.position ?? p.company ?? "");
  return role ? `${p.name} — ${role}` : p.name;
}

/** The subject: the team and the week's headline numbers (newlines can never get in). */
export function digestSubject(m: TDigestModel): string {
  const team = m.team.name.replace(/[\r\n\t]+/g, " ").slice(0, 80);
  if (m.quiet) return `A quiet week in ${team}`;
  const parts: string[] = [];
  if (m.network.newConnections > 0) parts.push(plural(m.network.newConnections, "new connection"));
  if (m.network.jobChanges > 0) parts.push(plural(m.network.jobChanges, "job change"));
  if (m.queue.waitingForMe > 0) parts.push(`${fmt(m.queue.waitingForMe)} waiting for you`);
  else if (m.followUps.overdue + m.followUps.dueThisWeek > 0) parts.push(plural(m.followUps.overdue + m.followUps.dueThisWeek, "follow-up"));
  return parts.length ? `${team} this week: ${parts.slice(0, 2).join(", ")}` : `Your week in ${team}`;
}
