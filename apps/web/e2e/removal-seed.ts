import { withDb } from "./review-api-seed";

// Set-ups for e2e/removal-session.spec.ts, straight in the e2e database (owner role: RLS does not
// apply). Approved removals come from the review queue in the product; here they are written as a
// decision would leave them, so the spec controls exactly who is in today's session.

const NOW = "(now() AT TIME ZONE 'utc')";

export type TSeedPerson = { first: string; last: string; url: string | null; company: string };

/**
 * A LinkedIn account of the team `slug` owned by the user with `email`, in `timeZone`, with one
 * connection and one approved removal (decided by the owner) per person. Earlier people were
 * decided earlier, so with no ICP (every score 0) the session takes them in the order given.
 */
export async function seedRemovalAccount(o: { slug: string; ownerEmail: string; label: string; timeZone: string; people: TSeedPerson[] }): Promise<{ accountId: string; itemIds: string[] }> {
  return withDb(async (c) => {
    await c.query("BEGIN");
    const acc = await c.query<{ id: string; teamId: string; userId: string }>(
      `INSERT INTO "LinkedInAccount" (id, "teamId", "ownerUserId", label, "timeZone", "updatedAt")
       SELECT gen_random_uuid()::text, t.id, u.id, $3, $4, ${NOW} FROM "Team" t, "User" u WHERE t.slug = $1 AND u.email = lower($2)
       RETURNING id, "teamId", "ownerUserId" AS "userId"`,
      [o.slug, o.ownerEmail, o.label, o.timeZone],
    );
    const a = acc.rows[0];
    if (!a) throw new Error(`no team ${o.slug} or user ${o.ownerEmail}`);
    const itemIds: string[] = [];
    for (const [i, p] of o.people.entries()) {
      const conn = await c.query<{ id: string }>(
        `INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "profileUrl", "firstName", "lastName", position, company, "connectedOn")
         VALUES (gen_random_uuid()::text, $1, $2, 'li:' || gen_random_uuid()::text, lower($3 || '|' || $4), $5, $3, $4, 'Analyst', $6, DATE '2018-03-01') RETURNING id`,
        [a.teamId, a.id, p.first, p.last, p.url, p.company],
      );
      const item = await c.query<{ id: string }>(
        `INSERT INTO "ReviewItem" (id, "teamId", "connectionId", "accountId", kind, state, rules, "ruleDetail", decision, "decidedById", "decidedAt", "createdAt", "updatedAt")
         VALUES (gen_random_uuid()::text, $1, $2, $3, 'REMOVE', 'APPROVED', ARRAY['no_icp_fit'], '{}'::jsonb, 'REMOVE', $4,
                 ${NOW} - make_interval(mins => $5), ${NOW} - make_interval(mins => $5 + 60), ${NOW}) RETURNING id`,
        [a.teamId, conn.rows[0]!.id, a.id, a.userId, o.people.length - i],
      );
      itemIds.push(item.rows[0]!.id);
    }
    await c.query("COMMIT");
    return { accountId: a.id, itemIds };
  });
}

/**
 * Test harness only: ends the gap after the last removal now, as if the wait had passed. The
 * product has no way to skip it; the spec cannot sit out 90 seconds.
 */
export async function endRemovalGap(accountId: string): Promise<void> {
  const r = await withDb((c) => c.query(`UPDATE "RemovalBudget" SET "nextAllowedAt" = ${NOW} - interval '1 second' WHERE "accountId" = $1`, [accountId]));
  if (r.rowCount !== 1) throw new Error(`no removal budget row for ${accountId}`);
}

/** The connection's status (REMOVAL_PENDING after "Removed"). */
export async function connectionStatusOf(itemId: string): Promise<string> {
  const r = await withDb((c) => c.query<{ status: string }>(`SELECT c.status::text AS status FROM "ReviewItem" i JOIN "Connection" c ON c.id = i."connectionId" WHERE i.id = $1`, [itemId]));
  return r.rows[0]!.status;
}
