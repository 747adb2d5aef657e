import { Prisma, type TRawTx } from "@crm/db";
import { KNOWN_ZONES_CTE, memberZoneSql } from "./member-zone-sql";
import type { TDigestUser } from "./types";

/**
 * The member's latest weekly slot at or before `at`, computed with the same SQL expressions as
 * crm_digests_due (the sweep), so the CLI and the sweep agree on the period to the week, DST
 * included: local wall time, ISO week of the local slot.
 */
export async function latestWeeklySlot(tx: TRawTx, teamId: string, userId: string, at: Date): Promise<TDigestUser> {
  const [row] = await tx.$queryRaw<Array<{ period: string; dueAt: Date }>>`
    WITH ${KNOWN_ZONES_CTE},
    z AS (
      SELECT coalesce(p."digestWeekday", 1) AS wd, coalesce(p."digestHour", 8) AS hr,
             ${memberZoneSql(teamId, Prisma.sql`${userId}`, Prisma.sql`p."timeZone"`)} AS tz
        FROM (SELECT 1) one
        LEFT JOIN "NotificationPreference" p ON p."teamId" = ${teamId} AND p."userId" = ${userId}),
    x AS (
      SELECT z.tz, ${at.toISOString()}::timestamptz AT TIME ZONE z.tz AS local_now,
             date_trunc('week', ${at.toISOString()}::timestamptz AT TIME ZONE z.tz) + make_interval(days => z.wd - 1, hours => z.hr) AS slot
        FROM z),
    s AS (SELECT x.tz, CASE WHEN x.slot > x.local_now THEN x.slot - interval '7 days' ELSE x.slot END AS slot_local FROM x)
    SELECT to_char(s.slot_local, 'IYYY-"W"IW') AS period, s.slot_local AT TIME ZONE s.tz AS "dueAt" FROM s`;
  return { userId, period: row!.period, dueAt: new Date(row!.dueAt) };
}
