import { withTeam } from "@crm/db";
import { addRenderedToOutbox, NOTIFICATION_MAIL_ITEMS, publishOutbox, renderDailySummaryEmail } from "@crm/email";
import { now } from "../clock";
import { claimable, latestSlots } from "../digest/member-zone-sql";
import { mailModel, loadMailContext, WAITING, type TMailRow } from "./notification-mail";
import { EMAIL_KINDS, loadMailPreferences, modeFor } from "./preferences";
import { unsubscribeHeaders } from "./unsubscribe-token";

// Daily summaries (docs/decisions/0012): a member's notifications in "daily" mode, once a day at
// their digest hour. Exactly once per member and local date: the DigestRun row (kind daily,
// period = local date) is claimed with ON CONFLICT DO NOTHING in the same transaction that marks
// the notifications 'summarized' and writes the outbox row, so a concurrent job waits on the claim
// and then finds it taken, and a crash undoes all three.

export type TDueMember = { userId: string; period: string; dueAt: string | Date };
export type TSummaryStatus = "sent" | "empty" | "unsubscribed" | "already" | "not-due" | "not-member";

const MAX_USERS = 1_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "Monday, December 7" for the local date "2026-12-07" (the date is the label: no zone math). */
function dateLabel(period: string): string {
  const m = DAY.exec(period);
  if (!m) return period;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat("en", { timeZone: "UTC", weekday: "long", month: "long", day: "numeric" }).format(d);
}

/** The `summary.team` job for these members of one team. */
export async function sendDailySummaries(teamId: string, users: TDueMember[], at: Date = now()): Promise<Array<{ userId: string; status: TSummaryStatus }>> {
  const due = [...new Map(users.filter((u) => DAY.test(u.period)).map((u) => [u.userId, { ...u, dueAt: new Date(u.dueAt) }])).values()].slice(0, MAX_USERS);
  // A slot the clock has not reached yet (a payload from elsewhere) is not sent early.
  const ready = due.filter((u) => u.dueAt.getTime() <= at.getTime());
  const early = (u: { dueAt: Date }) => u.dueAt.getTime() > at.getTime();
  if (ready.length === 0) return due.map((u) => ({ userId: u.userId, status: early(u) ? "not-due" : "already" }));
  const { statuses, outboxIds } = await withTeam(teamId, async (tx) => {
    const statuses = new Map<string, TSummaryStatus>();
    const { team, members } = await loadMailContext(tx, teamId, ready.map((u) => u.userId));
    // Only the member's latest daily slot as of now may be claimed (the sweep's expressions): another
    // date would send a second summary, or claim a day to come and skip its real one.
    const latest = await latestSlots(tx, teamId, ready, at, "daily");
    const current = (u: { userId: string; period: string; dueAt: Date }) => claimable(u, latest.get(u.userId), at);
    const live = ready.filter((u) => members.has(u.userId) && current(u));
    for (const u of due) statuses.set(u.userId, early(u) || (members.has(u.userId) && !current(u)) ? "not-due" : members.has(u.userId) && team ? "already" : "not-member");
    // Removed members: what still waited for their summary (or for the email pass) is settled as
    // in-app only, so the daily sweep stops finding them.
    const gone = ready.filter((u) => !members.has(u.userId)).map((u) => u.userId);
    if (gone.length > 0) {
      await tx.$executeRaw`
        UPDATE "Notification" SET "mailState" = 'none'
         WHERE "teamId" = ${teamId} AND "userId" = ANY(${gone}::text[]) AND ("mailState" = 'daily' OR "mailState" IS NULL)`;
    }
    if (!team || live.length === 0) return { statuses, outboxIds: [] as string[] };
    const prefs = await loadMailPreferences(tx, teamId, live.map((u) => u.userId));
    const claimed = await tx.$queryRaw<Array<{ id: string; userId: string }>>`
      INSERT INTO "DigestRun" (id, "teamId", "userId", kind, period, "dueAt", status)
      SELECT gen_random_uuid()::text, ${teamId}, u.uid, 'daily', u.period, u.due AT TIME ZONE 'UTC', 'sent'
        FROM unnest(${live.map((u) => u.userId)}::text[], ${live.map((u) => u.period)}::text[], ${live.map((u) => u.dueAt.toISOString())}::timestamptz[]) AS u(uid, period, due)
      ON CONFLICT ("teamId", "userId", kind, period) DO NOTHING
      RETURNING id, "userId"`;
    if (claimed.length === 0) return { statuses, outboxIds: [] as string[] };
    const byUser = new Map(live.map((u) => [u.userId, u]));
    const claimedIds = claimed.map((c) => c.userId);
    const dues = claimedIds.map((id) => byUser.get(id)!.dueAt.toISOString());
    // The kinds each member still wants daily: a kind switched since is dropped from the summary.
    const pairs = claimedIds.flatMap((uid) => EMAIL_KINDS.filter((k) => modeFor(prefs.get(uid)!, k) === "daily").map((k) => [uid, k] as const));
    // A kind switched to instant since: back to the email pass (state NULL), which emails it.
    const instantPairs = claimedIds.flatMap((uid) => EMAIL_KINDS.filter((k) => modeFor(prefs.get(uid)!, k) === "instant").map((k) => [uid, k] as const));
    const rows = await tx.$queryRaw<Array<TMailRow & { total: number }>>`
      WITH d AS (SELECT * FROM unnest(${claimedIds}::text[], ${dues}::timestamptz[]) AS d(uid, due)),
           k AS (SELECT * FROM unnest(${pairs.map((p) => p[0])}::text[], ${pairs.map((p) => p[1])}::text[]) AS k(uid, kind)),
           n AS (
             SELECT n.id, n."teamId", n."userId", n.kind, n."itemId", n."actorId", n.data, n."createdAt",
                    row_number() OVER (PARTITION BY n."userId" ORDER BY n."createdAt" DESC, n.id DESC) AS rn,
                    count(*) OVER (PARTITION BY n."userId")::int AS total
               FROM "Notification" n
               JOIN d ON d.uid = n."userId" AND n."createdAt" < d.due AT TIME ZONE 'UTC'
              WHERE n."teamId" = ${teamId} AND n."mailState" = 'daily' AND (n."userId", n.kind) IN (SELECT uid, kind FROM k))
      SELECT n.id, n."userId", n.kind, n."itemId", u.name AS "actorName", n.data, n."createdAt", n.total, ${WAITING}
        FROM n LEFT JOIN "User" u ON u.id = n."actorId"
       WHERE n.rn <= ${NOTIFICATION_MAIL_ITEMS}
       ORDER BY n."userId", n."createdAt", n.id
       LIMIT ${claimedIds.length * NOTIFICATION_MAIL_ITEMS}`;
    await tx.$executeRaw`
      UPDATE "Notification" n
         SET "mailState" = CASE WHEN (n."userId", n.kind) IN (SELECT * FROM unnest(${pairs.map((p) => p[0])}::text[], ${pairs.map((p) => p[1])}::text[])) THEN 'summarized'
                               WHEN (n."userId", n.kind) IN (SELECT * FROM unnest(${instantPairs.map((p) => p[0])}::text[], ${instantPairs.map((p) => p[1])}::text[])) THEN NULL
                               ELSE 'none' END
        FROM unnest(${claimedIds}::text[], ${dues}::timestamptz[]) AS d(uid, due)
       WHERE n."teamId" = ${teamId} AND n."userId" = d.uid AND n."mailState" = 'daily' AND n."createdAt" < d.due AT TIME ZONE 'UTC'`;
    const items = new Map<string, Array<TMailRow & { total: number }>>();
    for (const r of rows) {
      const mine = items.get(r.userId);
      if (mine) mine.push(r);
      else items.set(r.userId, [r]);
    }
    const outboxIds: string[] = [];
    for (const c of claimed) {
      const mine = items.get(c.userId) ?? [];
      const wantsDaily = pairs.some((p) => p[0] === c.userId);
      if (mine.length === 0) {
        const status = wantsDaily ? "empty" : "unsubscribed";
        await tx.$executeRaw`UPDATE "DigestRun" SET status = ${status} WHERE id = ${c.id}`;
        statuses.set(c.userId, status);
        continue;
      }
      const u = byUser.get(c.userId)!;
      const model = { ...mailModel(teamId, team, members.get(c.userId)!, prefs.get(c.userId)!, mine, "summary"), more: mine[0]!.total - mine.length, dateLabel: dateLabel(u.period) };
      const rendered = await renderDailySummaryEmail(model);
      const outboxId = await addRenderedToOutbox(tx, {
        dedupeKey: `summary:${teamId}:${c.userId}:${u.period}`,
        to: model.recipient.email,
        ...rendered,
        teamId,
        kind: "summary",
        headers: unsubscribeHeaders({ teamId, userId: c.userId, topic: "summary" }),
      });
      await tx.$executeRaw`UPDATE "DigestRun" SET "outboxId" = ${outboxId} WHERE id = ${c.id}`;
      outboxIds.push(outboxId);
      statuses.set(c.userId, "sent");
    }
    return { statuses, outboxIds };
  });
  for (const id of outboxIds) await publishOutbox(id);
  return due.map((u) => ({ userId: u.userId, status: statuses.get(u.userId) ?? "already" }));
}

