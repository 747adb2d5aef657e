import { serverEnv } from "@crm/config";
import { Prisma, withTeam, type TTx } from "@crm/db";
import { addRenderedToOutbox, publishOutbox, renderNotificationEmail, type TNotificationMailModel } from "@crm/email";
import { now } from "../clock";
import { describeNotification } from "../review/notifications";
import { EMAIL_KIND_LABELS, isEmailKind, loadMailPreferences, modeFor, type TEmailKind, type TMailPreferences } from "./preferences";
import { unsubscribeHeaders, unsubscribePageUrl } from "./unsubscribe-token";

// The email pass over new notifications (docs/decisions/0012). Each notification is handled once:
// its row is locked (SKIP LOCKED: a concurrent pass takes other rows), its mailState set in the
// same transaction as the outbox rows it caused, so a crash leaves both undone and a retry does
// it again; the outbox dedupeKey makes a replay of the same batch one email.
//
// One email per member AND kind per pass: each email then has one List-Unsubscribe target (that
// kind), so the one-click unsubscribe in a mail client stops exactly what the email was about.

const BATCH = 2_000;

/** "N items wait for your decision": counted now, like the bell (capped the same way). */
export const WAITING = Prisma.sql`CASE WHEN n.kind = 'awaiting_decision' THEN (
  SELECT count(*)::int FROM (SELECT 1 FROM "ReviewItem" i
   WHERE i."teamId" = n."teamId" AND i."accountId" = n.data->>'accountId' AND i.state = 'OPEN' AND i."voteCount" > 0
   LIMIT 1000) x) END AS waiting`;

export type TMailRow = { id: string; userId: string; kind: string; itemId: string | null; actorName: string | null; data: Record<string, unknown> | null; createdAt: Date; waiting: number | null };
export type TMailMember = { userId: string; email: string; name: string };

export const appUrl = () => serverEnv().APP_URL.replace(/\/+$/, "");

/** The bell's sentence and link (review/notifications.ts), the link made absolute for an email. */
function describe(slug: string, r: TMailRow): { text: string; href: string } {
  const d = describeNotification(slug, r);
  return { text: d.text, href: `${appUrl()}${d.href}` };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** "Dec 5, 14:03 CET" in the member's zone, named (their zone may not be the reader's). */
export function whenText(at: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en", { timeZone, month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" });
    formatters.set(timeZone, f);
  }
  return f.format(at);
}

/** The team's name and slug, and which of these users are still members (with their address). */
export async function loadMailContext(tx: TTx, teamId: string, userIds: string[]) {
  const [team] = await tx.$queryRaw<Array<{ name: string; slug: string }>>`SELECT name, slug FROM "Team" WHERE id = ${teamId} LIMIT 1`;
  const members = userIds.length === 0 ? [] : await tx.$queryRaw<TMailMember[]>`
    SELECT m."userId", u.email, u.name FROM "Membership" m JOIN "User" u ON u.id = m."userId"
     WHERE m."teamId" = ${teamId} AND m."userId" = ANY(${userIds}::text[])
     LIMIT ${userIds.length}`;
  return { team: team ?? null, members: new Map(members.map((m) => [m.userId, m])) };
}

/** The model of one email over a member's notifications (oldest first). */
export function mailModel(teamId: string, team: { name: string; slug: string }, member: TMailMember, prefs: TMailPreferences, rows: TMailRow[], topic: TEmailKind | "summary"): TNotificationMailModel {
  const base = `${appUrl()}/t/${encodeURIComponent(team.slug)}`;
  const args = { teamId, userId: member.userId, topic } as const;
  return {
    recipient: { name: member.name, email: member.email },
    team,
    items: rows.map((r) => ({ ...describe(team.slug, r), when: whenText(r.createdAt, prefs.effectiveTimeZone) })),
    more: 0,
    notificationsUrl: `${base}/notifications`,
    preferencesUrl: `${base}/settings/notifications`,
    unsubscribe: { pageUrl: unsubscribePageUrl(args), label: topic === "summary" ? "daily summaries" : EMAIL_KIND_LABELS[topic].toLowerCase() },
  };
}

export type TMailResult = { emailed: number; daily: number; none: number; emails: number };

/** The `notifications.mail` job: one pass over the team's notifications the email pass has not seen. */
export async function mailNotifications(teamId: string, at: Date = now()): Promise<TMailResult> {
  const { result, outboxIds } = await withTeam(teamId, async (tx) => {
    const rows = await tx.$queryRaw<TMailRow[]>`
      SELECT n.id, n."userId", n.kind, n."itemId", u.name AS "actorName", n.data, n."createdAt", ${WAITING}
        FROM "Notification" n LEFT JOIN "User" u ON u.id = n."actorId"
       WHERE n."teamId" = ${teamId} AND n."mailState" IS NULL AND n."createdAt" <= ${at.toISOString()}::timestamptz AT TIME ZONE 'UTC'
       ORDER BY n."createdAt", n.id
       LIMIT ${BATCH}
       FOR UPDATE OF n SKIP LOCKED`;
    const result: TMailResult = { emailed: 0, daily: 0, none: 0, emails: 0 };
    if (rows.length === 0) return { result, outboxIds: [] as string[] };
    const userIds = [...new Set(rows.map((r) => r.userId))];
    const { team, members } = await loadMailContext(tx, teamId, userIds);
    const prefs = await loadMailPreferences(tx, teamId, userIds);
    const state = new Map<string, "instant" | "daily" | "none">();
    const instant = new Map<string, TMailRow[]>(); // `${userId} ${kind}` → rows, oldest first
    for (const r of rows) {
      const mode = team && members.has(r.userId) && isEmailKind(r.kind) ? modeFor(prefs.get(r.userId)!, r.kind) : "off";
      if (mode === "instant") {
        const key = `${r.userId} ${r.kind}`;
        const group = instant.get(key);
        if (group) group.push(r);
        else instant.set(key, [r]);
      }
      state.set(r.id, mode === "off" ? "none" : mode);
      result[mode === "instant" ? "emailed" : mode === "daily" ? "daily" : "none"]++;
    }
    const outboxIds: string[] = [];
    for (const group of instant.values()) {
      const first = group[0]!;
      const member = members.get(first.userId)!;
      const kind = first.kind as TEmailKind;
      const rendered = await renderNotificationEmail(mailModel(teamId, team!, member, prefs.get(first.userId)!, group, kind));
      outboxIds.push(await addRenderedToOutbox(tx, {
        dedupeKey: `notify:${teamId}:${first.userId}:${first.id}`,
        to: member.email,
        ...rendered,
        teamId,
        kind: "notification",
        headers: unsubscribeHeaders({ teamId, userId: first.userId, topic: kind }),
      }));
    }
    const ids = [...state.keys()];
    await tx.$executeRaw`
      UPDATE "Notification" n SET "mailState" = s.state
        FROM unnest(${ids}::text[], ${ids.map((id) => state.get(id)!)}::text[]) AS s(id, state)
       WHERE n.id = s.id AND n."teamId" = ${teamId} AND n."mailState" IS NULL`;
    result.emails = outboxIds.length;
    return { result, outboxIds };
  });
  for (const id of outboxIds) await publishOutbox(id);
  return result;
}
