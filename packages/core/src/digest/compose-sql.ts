import { Prisma, type TRawTx } from "@crm/db";
import { countedWithdrawal } from "../linkedin-invitations/withdrawn-count";

// The digest composer's statements (docs/decisions/0012). Four (six on the first digest of a UTC
// day, which writes the team's stats snapshot) per team, whatever the number of recipients: team
// facts once per distinct week window, member facts GROUP BY member over the recipients' ids.
// Every statement names the team explicitly besides row-level security, and every list is capped.

const sql = Prisma.sql;

/** Postgres `timestamp` (UTC) values inside json come back without a zone. */
export const utc = (s: string | null): Date | null => (s === null ? null : new Date(/[zZ]|[+-]\d\d:\d\d$/.test(s) ? s : `${s}Z`));

export type THeadRow = {
  name: string;
  slug: string;
  rules: unknown;
  recipients: Array<{ userId: string; role: "OWNER" | "ADMIN" | "MEMBER"; name: string; email: string; timeZone: string | null; accountZone: string | null }>;
  accounts: Array<{
    id: string; label: string; ownerUserId: string; isNew: boolean; dailyLimit: number | null; gapSeconds: number | null; hourlyLimit: number | null; weeklyLimit: number | null; size: number;
    /** Open outgoing invitations sent before the team's withdrawAfterDays; received ones without an answer (issue 17). */
    invOld: number; invIncoming: number;
  }>;
};

const MAX_ACCOUNTS = 100;
/** Enough to tell the budget tiers apart (< 500, ≤ 2,000, more), as core/removals/budget.ts does. */
const TIER_COUNT_CAP = 2001;
/** Pending invitations of one account looked at for the digest's counts. */
const INVITATIONS_SCANNED = 20_000;
/** `at`: the digest's moment, against which invitations' ages are counted. */
export async function loadHead(tx: TRawTx, teamId: string, userIds: string[], at: Date): Promise<THeadRow | null> {
  const atIso = at.toISOString();
  const [row] = await tx.$queryRaw<THeadRow[]>`
    SELECT t.name, t.slug,
           (SELECT q.rules FROM "QueueSettings" q WHERE q."teamId" = t.id) AS rules,
           (SELECT coalesce(json_agg(json_build_object('userId', m."userId", 'role', m.role, 'name', u.name, 'email', u.email,
                     'timeZone', p."timeZone",
                     'accountZone', (SELECT a."timeZone" FROM "LinkedInAccount" a
                                      WHERE a."teamId" = t.id AND a."ownerUserId" = m."userId"
                                      ORDER BY a."createdAt", a.id LIMIT 1))), '[]')
              FROM "Membership" m
              JOIN "User" u ON u.id = m."userId"
              LEFT JOIN "NotificationPreference" p ON p."teamId" = m."teamId" AND p."userId" = m."userId"
             WHERE m."teamId" = t.id AND m."userId" = ANY(${userIds}::text[])) AS recipients,
           (SELECT coalesce(json_agg(json_build_object('id', a.id, 'label', a.label, 'ownerUserId', a."ownerUserId", 'isNew', a."isNew",
                     'dailyLimit', b."dailyLimit", 'gapSeconds', b."gapSeconds", 'hourlyLimit', b."hourlyLimit", 'weeklyLimit', b."weeklyLimit",
                     'size', (SELECT count(*) FROM (SELECT 1 FROM "Connection" c
                                WHERE c."teamId" = t.id AND c."accountId" = a.id AND c.status IN ('CONNECTED', 'REMOVAL_PENDING')
                                LIMIT ${TIER_COUNT_CAP}) n),
                     'invOld', inv.old, 'invIncoming', inv.incoming)
                     ORDER BY a.label, a.id), '[]')
              FROM (SELECT * FROM "LinkedInAccount" x WHERE x."teamId" = t.id ORDER BY x.label, x.id LIMIT ${MAX_ACCOUNTS}) a
              LEFT JOIN "RemovalBudget" b ON b."accountId" = a.id AND b."teamId" = t.id
              CROSS JOIN LATERAL (
                SELECT count(*) FILTER (WHERE p.direction = 'OUTGOING' AND p."sentAt" < ${atIso}::timestamptz AT TIME ZONE 'UTC' - make_interval(days => wad.days))::int AS old,
                       count(*) FILTER (WHERE p.direction = 'INCOMING' AND p.response IS NULL)::int AS incoming
                  FROM (SELECT x.direction, x."sentAt", x.response FROM "PendingInvitation" x
                         WHERE x."teamId" = t.id AND x."accountId" = a.id AND x.status = 'PENDING'
                         LIMIT ${INVITATIONS_SCANNED}) p) inv) AS accounts
      FROM "Team" t
      -- The queue rule withdrawAfterDays (14–365, default 60), as core/linkedin-invitations reads it.
      CROSS JOIN LATERAL (
        SELECT least(365, greatest(14, coalesce(
                 (SELECT round((q.rules->>'withdrawAfterDays')::numeric) FROM "QueueSettings" q
                   WHERE q."teamId" = t.id AND jsonb_typeof(q.rules->'withdrawAfterDays') = 'number'), 60)))::int AS days) wad
     WHERE t.id = ${teamId}`;
  return row ?? null;
}

export type TImportFact = { id: string; accountId: string; label: string; finishedAt: string; newCount: number; goneCount: number; jobChangeCount: number; verifiedRemovalCount: number; first: boolean };
export type TPersonFact = { id: string; firstName: string; lastName: string; company: string | null; position: string | null };
export type TWindowRow = {
  s: Date;
  e: Date;
  imports: TImportFact[] | null;
  added: number;
  gone: number;
  jobs: number;
  topNew: TPersonFact[] | null;
  topJobs: TPersonFact[] | null;
  removals: Array<{ accountId: string; done: number }> | null;
  /**
   * Invitations withdrawn in the window, per account (issue 17): distinct invitations with a
   * WITHDRAWN outcome recorded in the window, neither undone nor superseded (a later archive showed
   * the invitation still pending). One definition with Today's tile: linkedin-invitations/withdrawn-count.ts.
   */
  withdrawals: Array<{ accountId: string; done: number }> | null;
  activity: Array<{ name: string; votes: number; decisions: number; removals: number }> | null;
};

const IMPORTS_LISTED = 10;
const IMPORTS_SCANNED = 500;
const TOP_PEOPLE = 5;
const MEMBERS_LISTED = 10;

const bestScore = (teamId: string) => sql`(SELECT max(s.score) FROM "IcpScore" s WHERE s."teamId" = ${teamId} AND s."connectionId" = c.id)`;

/** Team facts for each distinct week [s, e): imports and their totals, top people, removals, activity. */
export async function loadWindows(tx: TRawTx, teamId: string, windows: Array<{ s: Date; e: Date }>): Promise<TWindowRow[]> {
  const starts = windows.map((w) => w.s.toISOString());
  const ends = windows.map((w) => w.e.toISOString());
  return tx.$queryRaw<TWindowRow[]>`
    WITH w AS (
      SELECT ws AT TIME ZONE 'UTC' AS s, we AT TIME ZONE 'UTC' AS e
        FROM unnest(${starts}::timestamptz[], ${ends}::timestamptz[]) AS x(ws, we))
    SELECT w.s, w.e, imp.imports, imp.added, imp.gone, imp.jobs,
           (SELECT json_agg(p) FROM (
              SELECT c.id, c."firstName", c."lastName", c.company, c.position
                FROM "ConnectionEvent" ev
                JOIN "Connection" c ON c.id = ev."connectionId" AND c."teamId" = ${teamId}
               WHERE ev."teamId" = ${teamId} AND ev.kind = 'IMPORTED' AND ev."importId" = ANY(imp.ids) AND c.status = 'CONNECTED'
               ORDER BY ${bestScore(teamId)} DESC NULLS LAST, c.id
               LIMIT ${TOP_PEOPLE}) p) AS "topNew",
           (SELECT json_agg(p) FROM (
              SELECT c.id, c."firstName", c."lastName", c.company, c.position
                FROM "Connection" c
               WHERE c."teamId" = ${teamId} AND c."jobChangedAt" >= w.s AND c."jobChangedAt" < w.e AND c.status = 'CONNECTED'
               ORDER BY ${bestScore(teamId)} DESC NULLS LAST, c."jobChangedAt" DESC, c.id
               LIMIT ${TOP_PEOPLE}) p) AS "topJobs",
           (SELECT json_agg(r) FROM (
              SELECT o."accountId", count(*)::int AS done
                FROM "RemovalOutcome" o
               WHERE o."teamId" = ${teamId} AND o.counted AND o.outcome = 'REMOVED' AND o."createdAt" >= w.s AND o."createdAt" < w.e
               GROUP BY o."accountId") r) AS removals,
           (SELECT json_agg(r) FROM (
              SELECT o."accountId", count(DISTINCT o."invitationId")::int AS done
                FROM "WithdrawalOutcome" o
               WHERE o."teamId" = ${teamId} AND ${countedWithdrawal} AND o."createdAt" >= w.s AND o."createdAt" < w.e
               GROUP BY o."accountId") r) AS withdrawals,
           (SELECT json_agg(a ORDER BY a.total DESC, a.name) FROM (
              SELECT u.name, sum(x.votes)::int AS votes, sum(x.decisions)::int AS decisions, sum(x.removals)::int AS removals,
                     sum(x.votes + x.decisions + x.removals)::int AS total
                FROM (SELECT v."userId" AS uid, count(*) AS votes, 0 AS decisions, 0 AS removals FROM "ReviewVote" v
                       WHERE v."teamId" = ${teamId} AND v."createdAt" >= w.s AND v."createdAt" < w.e GROUP BY 1
                      UNION ALL
                      SELECT i."decidedById", 0, count(*), 0 FROM "ReviewItem" i
                       WHERE i."teamId" = ${teamId} AND i."decidedAt" >= w.s AND i."decidedAt" < w.e AND i."decidedById" IS NOT NULL GROUP BY 1
                      UNION ALL
                      SELECT o."recordedById", 0, 0, count(*) FROM "RemovalOutcome" o
                       WHERE o."teamId" = ${teamId} AND o.outcome = 'REMOVED' AND o."undoneAt" IS NULL AND o."createdAt" >= w.s AND o."createdAt" < w.e
                         AND o."recordedById" IS NOT NULL GROUP BY 1) x
                JOIN "Membership" m ON m."teamId" = ${teamId} AND m."userId" = x.uid
                JOIN "User" u ON u.id = x.uid
               GROUP BY u.id, u.name
               ORDER BY total DESC, u.name
               LIMIT ${MEMBERS_LISTED}) a) AS activity
      FROM w
      CROSS JOIN LATERAL (
        SELECT json_agg(json_build_object('id', i.id, 'accountId', i."accountId", 'label', i.label, 'finishedAt', i."finishedAt",
                 'newCount', i."newCount", 'goneCount', i."goneCount", 'jobChangeCount', i."jobChangeCount",
                 'verifiedRemovalCount', i."verifiedRemovalCount", 'first', i.first) ORDER BY i."finishedAt", i.id)
                 FILTER (WHERE i.rn <= ${IMPORTS_LISTED}) AS imports,
               coalesce(array_agg(i.id), '{}') AS ids,
               coalesce(sum(i."newCount") FILTER (WHERE NOT i.first), 0)::int AS added,
               coalesce(sum(i."goneCount" - i."verifiedRemovalCount"), 0)::int AS gone,
               -- People, not events: someone who changed jobs twice this week counts once.
               (SELECT count(DISTINCT e."connectionId")::int FROM "ConnectionEvent" e
                 WHERE e."teamId" = ${teamId} AND e.kind = 'JOB_CHANGED' AND e."importId" = ANY(coalesce(array_agg(i.id), '{}'))) AS jobs
          FROM (SELECT i.*, a.label, row_number() OVER (ORDER BY i."finishedAt" DESC, i.id) AS rn,
                       NOT EXISTS (SELECT 1 FROM "Import" p
                                    WHERE p."teamId" = ${teamId} AND p."accountId" = i."accountId" AND p.status = 'COMPLETED'
                                      AND p."createdAt" < i."createdAt") AS first
                  FROM "Import" i
                  JOIN "LinkedInAccount" a ON a.id = i."accountId" AND a."teamId" = ${teamId}
                 WHERE i."teamId" = ${teamId} AND i.status = 'COMPLETED' AND i."finishedAt" >= w.s AND i."finishedAt" < w.e
                 ORDER BY i."finishedAt" DESC, i.id
                 LIMIT ${IMPORTS_SCANNED}) i) imp`;
}

export type TMemberRow = {
  /** Per account: open items, those voted on (waiting for the deciding owner, as the queue's view), the oldest of those, approved ones. */
  queue: Array<{ accountId: string; open: number; waiting: number; oldest: string | null; approved: number }> | null;
  votes: Array<{ userId: string; n: number }> | null;
  /** Per member: when the oldest open item still without their vote came into the queue. */
  voteAges: Array<{ userId: string; oldest: string | null }> | null;
  reminders: Array<{ userId: string; overdue: number; week: number; top: Array<{ connectionId: string; firstName: string; lastName: string; dueAt: string; note: string | null }> | null }> | null;
};

/** Open reminders of one job's recipients considered at most (the follow-up counts stop there). */
const REMINDERS_SCANNED = 20_000;
const FOLLOW_UPS_LISTED = 3;
/** Oldest open items looked at for "the oldest waiting for your vote" (a member who voted on all of them gets no age). */
const VOTE_AGE_SCANNED = 2_000;

/** Per-member facts in one statement: the queue per account, each member's votes, each member's reminders. */
export async function loadMemberFacts(tx: TRawTx, teamId: string, users: Array<{ userId: string; due: Date }>): Promise<TMemberRow> {
  const ids = users.map((u) => u.userId);
  const dues = users.map((u) => u.due.toISOString());
  const until = new Date(Math.max(...users.map((u) => u.due.getTime())) + 7 * 86_400_000);
  const [row] = await tx.$queryRaw<TMemberRow[]>`
    WITH u AS (SELECT x.uid AS "userId", x.due AT TIME ZONE 'UTC' AS due FROM unnest(${ids}::text[], ${dues}::timestamptz[]) AS x(uid, due)),
    rem AS MATERIALIZED (
      SELECT r.id, r."dueAt", r."connectionId", r."createdById", a."ownerUserId", r.note
        FROM "Reminder" r
        JOIN "LinkedInAccount" a ON a.id = r."accountId" AND a."teamId" = ${teamId}
       WHERE r."teamId" = ${teamId} AND r."doneAt" IS NULL AND r."dueAt" < ${until.toISOString()}::timestamptz AT TIME ZONE 'UTC'
         -- Only these recipients' reminders, soonest first: in a large team the cap then cuts the
         -- latest ones of these members, not an arbitrary set of anyone's.
         AND (r."createdById" = ANY(${ids}::text[]) OR a."ownerUserId" = ANY(${ids}::text[]))
       ORDER BY r."dueAt", r.id
       LIMIT ${REMINDERS_SCANNED}),
    who AS (
      SELECT id, "dueAt", "connectionId", note, "createdById" AS uid FROM rem WHERE "createdById" IS NOT NULL
      UNION
      SELECT id, "dueAt", "connectionId", note, "ownerUserId" FROM rem),
    mine AS (
      SELECT u."userId", u.due, w.*, row_number() OVER (PARTITION BY u."userId" ORDER BY w."dueAt", w.id) AS rn
        FROM u JOIN who w ON w.uid = u."userId" AND w."dueAt" < u.due + interval '7 days')
    SELECT
      (SELECT json_agg(q) FROM (
         SELECT i."accountId", count(*) FILTER (WHERE i.state = 'OPEN')::int AS open,
                count(*) FILTER (WHERE i.state = 'OPEN' AND i."voteCount" > 0)::int AS waiting,
                min(i."createdAt") FILTER (WHERE i.state = 'OPEN' AND i."voteCount" > 0) AS oldest,
                count(*) FILTER (WHERE i.state = 'APPROVED')::int AS approved
           FROM "ReviewItem" i WHERE i."teamId" = ${teamId} AND i.state IN ('OPEN', 'APPROVED')
          GROUP BY i."accountId") q) AS queue,
      (SELECT json_agg(v) FROM (
         SELECT v."userId", count(*)::int AS n
           FROM "ReviewVote" v
           JOIN "ReviewItem" i ON i.id = v."itemId" AND i."teamId" = v."teamId" AND i.round = v.round
          WHERE v."teamId" = ${teamId} AND v."userId" = ANY(${ids}::text[]) AND i.state = 'OPEN'
          GROUP BY v."userId") v) AS votes,
      -- The queue's oldest first, stopping at the first one the member has not voted on: most
      -- members stop at the first item; the scan never passes VOTE_AGE_SCANNED items.
      (SELECT json_agg(o) FROM (
         SELECT u."userId",
                (SELECT x."createdAt" FROM (
                   SELECT i.id, i.round, i."createdAt" FROM "ReviewItem" i
                    WHERE i."teamId" = ${teamId} AND i.state = 'OPEN'
                    ORDER BY i."createdAt", i.id
                    LIMIT ${VOTE_AGE_SCANNED}) x
                  WHERE NOT EXISTS (SELECT 1 FROM "ReviewVote" v
                                     WHERE v."teamId" = ${teamId} AND v."userId" = u."userId" AND v."itemId" = x.id AND v.round = x.round)
                  ORDER BY x."createdAt", x.id
                  LIMIT 1) AS oldest
           FROM u) o) AS "voteAges",
      (SELECT json_agg(f) FROM (
         SELECT m."userId",
                count(*) FILTER (WHERE m."dueAt" < m.due)::int AS overdue,
                count(*) FILTER (WHERE m."dueAt" >= m.due)::int AS week,
                json_agg(json_build_object('connectionId', m."connectionId", 'firstName', c."firstName", 'lastName', c."lastName",
                         'dueAt', m."dueAt", 'note', left(m.note, 140)) ORDER BY m.rn) FILTER (WHERE m.rn <= ${FOLLOW_UPS_LISTED}) AS top
           FROM mine m
           LEFT JOIN "Connection" c ON m.rn <= ${FOLLOW_UPS_LISTED} AND c.id = m."connectionId" AND c."teamId" = ${teamId}
          GROUP BY m."userId") f) AS reminders`;
  return row ?? { queue: null, votes: null, voteAges: null, reminders: null };
}

export type TFitSnapshot = { icps: Array<{ id: string; name: string; strong: number; partial: number; none: number; total: number }> };
const MAX_ICPS = 20;

/**
 * Today's fit counts (taken once per team and UTC day, then read by every digest that day) and
 * the newest snapshot at least 6 days older, for the trend.
 */
export async function loadFit(tx: TRawTx, teamId: string, at: Date): Promise<{ today: TFitSnapshot; prev: TFitSnapshot | null }> {
  const day = at.toISOString().slice(0, 10);
  const [row] = await tx.$queryRaw<Array<{ today: TFitSnapshot | null; prev: TFitSnapshot | null }>>`
    SELECT (SELECT data FROM "TeamStatsSnapshot" WHERE "teamId" = ${teamId} AND "takenOn" = ${day}::date) AS today,
           (SELECT data FROM "TeamStatsSnapshot" WHERE "teamId" = ${teamId} AND "takenOn" <= ${day}::date - 6
             ORDER BY "takenOn" DESC LIMIT 1) AS prev`;
  if (row?.today) return { today: row.today, prev: row.prev };
  // A hash join over the team's scores, whatever the statistics say (see insights' fitOf). Last
  // statement of the transaction, so the setting touches nothing else.
  await tx.$executeRaw`SET LOCAL enable_nestloop = off`;
  const [made] = await tx.$queryRaw<Array<{ data: TFitSnapshot }>>`
    WITH counts AS (
      SELECT p.id, p.name, coalesce(k.strong, 0) AS strong, coalesce(k.partial, 0) AS partial, coalesce(k.none, 0) AS none, coalesce(k.total, 0) AS total
        FROM (SELECT * FROM "Icp" WHERE "teamId" = ${teamId} ORDER BY name LIMIT ${MAX_ICPS}) p
        LEFT JOIN (
          SELECT s."icpId", count(*) FILTER (WHERE s.band = 'strong')::int AS strong, count(*) FILTER (WHERE s.band = 'partial')::int AS partial,
                 count(*) FILTER (WHERE s.band = 'none')::int AS none, count(*)::int AS total
            FROM "IcpScore" s JOIN "Connection" c ON c.id = s."connectionId" AND c."teamId" = ${teamId}
           WHERE s."teamId" = ${teamId} AND c.status = 'CONNECTED'
           GROUP BY s."icpId") k ON k."icpId" = p.id),
    snap AS (SELECT jsonb_build_object('icps', coalesce(jsonb_agg(to_jsonb(counts) ORDER BY counts.name), '[]'::jsonb)) AS data FROM counts),
    ins AS (INSERT INTO "TeamStatsSnapshot" ("teamId", "takenOn", data) SELECT ${teamId}, ${day}::date, data FROM snap ON CONFLICT DO NOTHING)
    SELECT data FROM snap`;
  return { today: made?.data ?? { icps: [] }, prev: row?.prev ?? null };
}
