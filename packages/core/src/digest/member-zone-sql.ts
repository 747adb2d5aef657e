import { Prisma, type TRawTx } from "@crm/db";

// A member's effective zone in SQL, the order crm_digests_due and crm_daily_summaries_due use
// (migration 20261205120000): their preference if Postgres knows it, else their first account's
// zone if Postgres knows it, else UTC. The CLI's slot (slot.ts) and the digest's period check
// (send-weekly.ts) must agree with the sweep to the week, so they share this one expression.
// pg_timezone_names costs ~17 ms a scan: the statement reads it once (KNOWN_ZONES_CTE).

export const KNOWN_ZONES_CTE = Prisma.sql`known AS MATERIALIZED (SELECT name FROM pg_timezone_names)`;

/** Needs KNOWN_ZONES_CTE in the statement's WITH. */
export function memberZoneSql(teamId: string, userId: Prisma.Sql, prefZone: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`coalesce(
    (SELECT k.name FROM known k WHERE k.name = ${prefZone}),
    (SELECT k.name FROM known k WHERE k.name = (
       SELECT a."timeZone" FROM "LinkedInAccount" a
        WHERE a."teamId" = ${teamId} AND a."ownerUserId" = ${userId}
        ORDER BY a."createdAt", a.id LIMIT 1)),
    'UTC')`;
}

/** The latest slot, and the period the entry's own due instant falls in (same zone, same format). */
export type TLatestSlot = { period: string; dueAt: Date; periodOfDue: string };

/**
 * Each member's latest weekly (or daily) slot at or before `at`, with crm_digests_due's (or
 * crm_daily_summaries_due's) expressions: local wall time, ISO week (or local date) of the slot;
 * and the period of the entry's own `dueAt` in the member's zone. A job may claim a period only
 * when it is its dueAt's and that dueAt is at or after the latest slot (and reached): an entry for
 * an older week (jobs queued across a week boundary) would be a second digest this week, one for a
 * later week (a hostile payload) would block that week's.
 */
export async function latestSlots(tx: TRawTx, teamId: string, entries: Array<{ userId: string; dueAt: Date }>, at: Date, kind: "weekly" | "daily"): Promise<Map<string, TLatestSlot>> {
  if (entries.length === 0) return new Map();
  const atSql = Prisma.sql`${at.toISOString()}::timestamptz`;
  const slot =
    kind === "weekly"
      ? Prisma.sql`date_trunc('week', n.local_now) + make_interval(days => coalesce(p."digestWeekday", 1) - 1, hours => coalesce(p."digestHour", 8))`
      : Prisma.sql`date_trunc('day', n.local_now) + make_interval(hours => coalesce(p."digestHour", 8))`;
  const step = kind === "weekly" ? Prisma.sql`interval '7 days'` : Prisma.sql`interval '1 day'`;
  const format = kind === "weekly" ? Prisma.sql`'IYYY-"W"IW'` : Prisma.sql`'YYYY-MM-DD'`;
  const rows = await tx.$queryRaw<Array<{ userId: string; period: string; dueAt: Date; periodOfDue: string }>>`
    WITH ${KNOWN_ZONES_CTE},
         u AS (SELECT * FROM unnest(${entries.map((e) => e.userId)}::text[], ${entries.map((e) => e.dueAt.toISOString())}::timestamptz[]) AS u(id, due))
    SELECT u.id AS "userId", to_char(s.slot_local, ${format}) AS period, s.slot_local AT TIME ZONE z.tz AS "dueAt",
           to_char(u.due AT TIME ZONE z.tz, ${format}) AS "periodOfDue"
      FROM u
      LEFT JOIN "NotificationPreference" p ON p."teamId" = ${teamId} AND p."userId" = u.id
      CROSS JOIN LATERAL (SELECT ${memberZoneSql(teamId, Prisma.sql`u.id`, Prisma.sql`p."timeZone"`)} AS tz) z
      CROSS JOIN LATERAL (SELECT ${atSql} AT TIME ZONE z.tz AS local_now) n
      CROSS JOIN LATERAL (SELECT ${slot} AS slot) s0
      CROSS JOIN LATERAL (SELECT CASE WHEN s0.slot > n.local_now THEN s0.slot - ${step} ELSE s0.slot END AS slot_local) s
     LIMIT ${entries.length}`;
  return new Map(rows.map((r) => [r.userId, { period: r.period, dueAt: new Date(r.dueAt), periodOfDue: r.periodOfDue }]));
}

/** Whether a job's entry may claim its period now (see latestSlots). */
export function claimable(entry: { period: string; dueAt: Date }, latest: TLatestSlot | undefined, at: Date): boolean {
  return !!latest && entry.period === latest.periodOfDue && entry.dueAt.getTime() >= latest.dueAt.getTime() && entry.dueAt.getTime() <= at.getTime();
}
