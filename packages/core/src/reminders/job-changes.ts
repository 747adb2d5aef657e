import { withTeam } from "@crm/db";

// The `jobchanges.notify` job, after an import completes: people whose company or position the
// import saw change. The account owner hears about all of them; a teammate who left a note on, or
// voted on, one of those people hears about "theirs". One notification per member and import
// (dedupeKey), listing up to three people; count is that member's total.

/** Job changes read per import; an import of a 30,000-person network stays well below. */
export const JOB_CHANGES_MAX = 50_000;
const PEOPLE_SHOWN = 3;

export async function notifyJobChanges(teamId: string, importId: string): Promise<{ notifications: number }> {
  return withTeam(teamId, async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ n: number }>>`
      WITH imp AS (
        SELECT i.id, a.id AS "accountId", a.label, a."ownerUserId"
          FROM "Import" i JOIN "LinkedInAccount" a ON a.id = i."accountId" AND a."teamId" = ${teamId}
         WHERE i."teamId" = ${teamId} AND i.id = ${importId}
      ), ppl AS (
        SELECT c.id, trim(c."firstName" || ' ' || c."lastName") AS name, c.company, c.position
          FROM "ConnectionEvent" e JOIN "Connection" c ON c.id = e."connectionId" AND c."teamId" = ${teamId}
         WHERE e."teamId" = ${teamId} AND e."importId" = ${importId} AND e.kind = 'JOB_CHANGED'
         LIMIT ${JOB_CHANGES_MAX}
      ), pairs AS (
        SELECT imp."ownerUserId" AS "userId", ppl.id FROM ppl CROSS JOIN imp
        UNION
        SELECT n."authorId", n."connectionId" FROM "Note" n JOIN ppl ON ppl.id = n."connectionId"
         WHERE n."teamId" = ${teamId} AND n."authorId" IS NOT NULL
        UNION
        SELECT v."userId", i."connectionId" FROM "ReviewVote" v
          JOIN "ReviewItem" i ON i.id = v."itemId" AND i."teamId" = ${teamId}
          JOIN ppl ON ppl.id = i."connectionId"
         WHERE v."teamId" = ${teamId}
      ), mine AS (
        SELECT p."userId", count(*)::int AS n,
               (array_agg(jsonb_build_object('connectionId', ppl.id, 'name', ppl.name, 'company', ppl.company, 'position', ppl.position)
                          ORDER BY ppl.name, ppl.id))[1:${PEOPLE_SHOWN}] AS people
          FROM pairs p
          JOIN ppl ON ppl.id = p.id
          JOIN "Membership" m ON m."teamId" = ${teamId} AND m."userId" = p."userId"
         GROUP BY p."userId"
      ), ins AS (
        INSERT INTO "Notification" (id, "teamId", "userId", kind, "itemId", data, "dedupeKey")
        SELECT gen_random_uuid()::text, ${teamId}, mine."userId", 'job_change', NULL,
               jsonb_build_object('importId', imp.id, 'accountId', imp."accountId", 'accountLabel', imp.label, 'count', mine.n, 'people', to_jsonb(mine.people)),
               'jobchange:' || imp.id
          FROM mine CROSS JOIN imp
        ON CONFLICT DO NOTHING RETURNING 1
      )
      SELECT count(*)::int AS n FROM ins`;
    return { notifications: row?.n ?? 0 };
  });
}
