import { Prisma } from "@crm/db";

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
