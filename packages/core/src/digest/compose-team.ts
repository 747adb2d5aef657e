import { TZDate } from "@date-fns/tz";
import { serverEnv } from "@crm/config";
import type { TRawTx } from "@crm/db";
import type { TDigestModel, TDigestPerson } from "@crm/email";
import { effectiveZone } from "../mail/preferences";
import { unsubscribePageUrl, unsubscribeUrl } from "../mail/unsubscribe-token";
import { effectiveLimits, tierOf } from "../removals/policy";
import { withdrawAfterDaysOf } from "../linkedin-invitations/withdraw-after";
import { readRulesOf } from "../review/item-summary";
import { loadFit, loadHead, loadMemberFacts, loadWindows, utc, type TFitSnapshot, type TPersonFact, type TWindowRow } from "./compose-sql";
import type { TDigestUser } from "./types";

// Set-based digest composition (docs/decisions/0012): a bounded number of statements per team
// (compose-sql.ts), then plain TypeScript per member. The week is the 7 local days before the
// member's slot (dueAt); data comes only from this team's rows (the caller's withTeam / withTeamRaw).

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function dayLabel(d: Date, timeZone: string, weekday: boolean): string {
  const key = `${timeZone}|${weekday}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat("en-US", { timeZone, month: "short", day: "numeric", ...(weekday ? { weekday: "short" } : {}) })));
  return f.format(d);
}

/** The week before the slot, in the member's zone: the same wall time 7 local days earlier. */
export function weekBefore(dueAt: Date, timeZone: string): { start: Date; end: Date } {
  const d = new TZDate(dueAt.getTime(), timeZone);
  d.setDate(d.getDate() - 7);
  return { start: new Date(d.getTime()), end: dueAt };
}

/**
 * "Nov 30 – Dec 6". A scheduled digest's week ends at its slot, so it names the 7 days before the
 * slot's day; "send it now" (period "now") covers the 7 days up to this moment, so up to today.
 */
/** Whole days (at least 1) between a JSON timestamp (UTC) and `at`; null without one. */
function daysWaiting(since: string | null, at: Date): number | null {
  const d = utc(since);
  return d ? Math.max(1, Math.floor((at.getTime() - d.getTime()) / DAY_MS)) : null;
}

export function periodLabel(p: { period: string; start: Date; end: Date }, zone: string): string {
  // The day before in the zone's calendar (not 24 hours back, which a DST change can make 2 days).
  const last = new TZDate(p.end.getTime(), zone);
  if (p.period !== "now") last.setDate(last.getDate() - 1);
  return `${dayLabel(p.start, zone, false)} – ${dayLabel(last, zone, false)}`;
}

const nameOf = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`.trim() || "Unnamed";
const oneLine = (s: string | null) => (s ? s.replace(/\s+/g, " ").trim().slice(0, 140) || null : null);


/**
 * The digest model of each member in `users` (null: not a member of this team), composed with
 * four statements (six when it writes the day's fit snapshot) for the whole team. `tx` runs inside withTeam(teamId) / withTeamRaw.
 */
export async function composeTeamDigests(tx: TRawTx, teamId: string, users: TDigestUser[], at: Date): Promise<Map<string, TDigestModel | null>> {
  const out = new Map<string, TDigestModel | null>(users.map((u) => [u.userId, null]));
  if (users.length === 0) return out;
  const head = await loadHead(tx, teamId, users.map((u) => u.userId), at);
  if (!head || head.recipients.length === 0) return out;

  const app = serverEnv().APP_URL.replace(/\/+$/, "");
  const base = `${app}/t/${encodeURIComponent(head.slug)}`;
  const person = (p: TPersonFact): TDigestPerson => ({ name: nameOf(p), company: p.company, position: p.position, href: `${base}/connections?open=${encodeURIComponent(p.id)}` });

  const members = new Map(head.recipients.map((r) => [r.userId, { ...r, zone: effectiveZone(r.timeZone, r.accountZone) }]));
  const planned = users.filter((u) => members.has(u.userId)).map((u) => ({ ...u, ...weekBefore(u.dueAt, members.get(u.userId)!.zone) }));
  const windowKey = (w: { start: Date; end: Date }) => `${w.start.getTime()}|${w.end.getTime()}`;
  const distinct = new Map(planned.map((p) => [windowKey(p), { s: p.start, e: p.end }]));

  const windows = await loadWindows(tx, teamId, [...distinct.values()]);
  const byWindow = new Map<string, TWindowRow>(windows.map((w) => [`${w.s.getTime()}|${w.e.getTime()}`, w]));
  const facts = await loadMemberFacts(tx, teamId, planned.map((p) => ({ userId: p.userId, due: p.dueAt })));
  const fit = await loadFit(tx, teamId, at); // last: it may SET LOCAL for its own statement

  const { adminsDecide } = readRulesOf(head.rules);
  const queue = facts.queue ?? [];
  const totalOpen = queue.reduce((n, q) => n + q.open, 0);
  const votes = new Map((facts.votes ?? []).map((v) => [v.userId, v.n]));
  const voteAges = new Map((facts.voteAges ?? []).map((v) => [v.userId, v.oldest]));
  const reminders = new Map((facts.reminders ?? []).map((r) => [r.userId, r]));
  const fitModel = fitOf(fit.today, fit.prev, base);
  const accountsById = new Map(head.accounts.map((a) => [a.id, a]));
  const withdrawAfterDays = withdrawAfterDaysOf(head.rules);

  for (const p of planned) {
    const me = members.get(p.userId)!;
    const w = byWindow.get(windowKey(p));
    const decidesAll = adminsDecide && (me.role === "OWNER" || me.role === "ADMIN");
    // "Waiting for you": voted-on open items of the accounts you decide (the queue's "waiting for the owner").
    const mineQ = queue.filter((q) => q.waiting > 0 && (decidesAll || accountsById.get(q.accountId)?.ownerUserId === p.userId));
    const waitingForMe = mineQ.reduce((n, q) => n + q.waiting, 0);
    const oldest = mineQ.map((q) => utc(q.oldest)).filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0];
    const rem = reminders.get(p.userId);
    const removalsDone = new Map((w?.removals ?? []).map((r) => [r.accountId, r.done]));
    const verified = new Map<string, number>();
    for (const i of w?.imports ?? []) verified.set(i.accountId, (verified.get(i.accountId) ?? 0) + i.verifiedRemovalCount);
    const approved = new Map(queue.map((q) => [q.accountId, q.approved]));
    const removals = head.accounts
      .filter((a) => (removalsDone.get(a.id) ?? 0) + (verified.get(a.id) ?? 0) + (approved.get(a.id) ?? 0) > 0)
      .map((a) => {
        const stored = { dailyLimit: a.dailyLimit, gapSeconds: a.gapSeconds ?? 90, hourlyLimit: a.hourlyLimit ?? 12, weeklyLimit: a.weeklyLimit };
        const budget = effectiveLimits(stored, tierOf({ connectionCount: Number(a.size), isNew: a.isNew }).defaultDailyLimit).weeklyLimit;
        return { accountLabel: a.label, done: removalsDone.get(a.id) ?? 0, budget, verified: verified.get(a.id) ?? 0, approved: approved.get(a.id) ?? 0, href: `${base}/removals/${encodeURIComponent(a.id)}` };
      });
    const imports = (w?.imports ?? []).map((i) => ({
      accountLabel: i.label,
      atLabel: dayLabel(utc(i.finishedAt)!, me.zone, true),
      added: i.newCount,
      gone: i.goneCount - i.verifiedRemovalCount,
      jobChanges: i.jobChangeCount,
      first: i.first,
      href: `${base}/imports/${encodeURIComponent(i.id)}`,
    }));
    // Invitations of the accounts the member owns (they are the one signed in to them on LinkedIn).
    const withdrawn = new Map((w?.withdrawals ?? []).map((r) => [r.accountId, r.done]));
    const invitations = head.accounts
      .filter((a) => a.ownerUserId === p.userId)
      .map((a) => ({ accountLabel: a.label, olderOutgoing: a.invOld ?? 0, withdrawAfterDays, incomingWaiting: a.invIncoming ?? 0, withdrawn: withdrawn.get(a.id) ?? 0, href: `${base}/accounts/${encodeURIComponent(a.id)}/invitations` }))
      .filter((a) => a.olderOutgoing + a.incomingWaiting + a.withdrawn > 0);
    const model: TDigestModel = {
      recipient: { name: me.name, email: me.email },
      team: { name: head.name, slug: head.slug },
      period: { label: periodLabel(p, me.zone), start: p.start.toISOString(), end: p.end.toISOString() },
      appUrl: base,
      network: {
        imports,
        newConnections: w?.added ?? 0,
        gone: w?.gone ?? 0,
        jobChanges: Math.max(w?.jobs ?? 0, w?.topJobs?.length ?? 0),
        topJobChanges: (w?.topJobs ?? []).map(person),
        topNew: (w?.topNew ?? []).map(person),
        href: `${base}/connections`,
        jobChangesHref: `${base}/connections?jobChanged=yes`,
      },
      fit: fitModel,
      removals,
      queue: {
        waitingForMe,
        oldestWaitingDays: oldest ? Math.max(1, Math.floor((p.dueAt.getTime() - oldest.getTime()) / DAY_MS)) : null,
        needsMyVote: Math.max(0, totalOpen - (votes.get(p.userId) ?? 0)),
        oldestVoteDays: daysWaiting(voteAges.get(p.userId) ?? null, p.dueAt),
        href: `${base}/queue?view=waiting_for_owner${mineQ.length === 1 ? `&account=${encodeURIComponent(mineQ[0]!.accountId)}` : ""}`,
        voteHref: `${base}/queue`,
      },
      followUps: {
        overdue: rem?.overdue ?? 0,
        dueThisWeek: rem?.week ?? 0,
        top: (rem?.top ?? []).map((t) => {
          const due = utc(t.dueAt)!;
          return { name: nameOf(t), dueLabel: dayLabel(due, me.zone, true), overdue: due < p.dueAt, note: oneLine(t.note), href: `${base}/connections?open=${encodeURIComponent(t.connectionId)}` };
        }),
        href: `${base}/reminders`,
      },
      activity: { members: (w?.activity ?? []).map((a) => ({ name: a.name, votes: a.votes, decisions: a.decisions, removals: a.removals })) },
      quiet: false,
      unsubscribeUrl: unsubscribeUrl({ teamId, userId: p.userId, topic: "digest" }),
      unsubscribePageUrl: unsubscribePageUrl({ teamId, userId: p.userId, topic: "digest" }),
      preferencesUrl: `${base}/settings/notifications`,
      ...(invitations.length ? { invitations: { accounts: invitations } } : {}),
    };
    model.quiet = isQuiet(model);
    out.set(p.userId, model);
  }
  return out;
}

function fitOf(today: TFitSnapshot, prev: TFitSnapshot | null, base: string): TDigestModel["fit"] {
  const before = new Map((prev?.icps ?? []).map((i) => [i.id, i]));
  return {
    href: `${base}/icps`,
    icps: today.icps
      .filter((i) => i.total > 0)
      .map((i) => {
        const b = before.get(i.id);
        return { name: i.name, strong: i.strong, partial: i.partial, none: i.none, total: i.total, strongDelta: b ? i.strong - b.strong : null, partialDelta: b ? i.partial - b.partial : null, href: `${base}/icps/${encodeURIComponent(i.id)}` };
      }),
  };
}

/**
 * Nothing happened and nothing waits: unchanged fit counts and approvals still waiting alone are
 * not news, nor are old outgoing invitations alone (they would make every week news); received
 * invitations waiting for an answer and withdrawals done are.
 */
export function isQuiet(m: TDigestModel): boolean {
  const n = m.network;
  const inv = m.invitations?.accounts ?? [];
  const fitMoved = m.fit.icps.some((i) => (i.strongDelta ?? 0) !== 0 || (i.partialDelta ?? 0) !== 0);
  return (
    n.imports.length === 0 &&
    n.topJobChanges.length === 0 &&
    n.jobChanges === 0 &&
    !m.removals.some((r) => r.done > 0 || r.verified > 0) &&
    m.queue.waitingForMe === 0 &&
    m.queue.needsMyVote === 0 &&
    m.followUps.overdue + m.followUps.dueThisWeek === 0 &&
    m.activity.members.length === 0 &&
    !inv.some((a) => a.incomingWaiting > 0 || a.withdrawn > 0) &&
    !fitMoved
  );
}
