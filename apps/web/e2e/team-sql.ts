import { withDb } from "./review-api-seed";

// Set-ups straight in the e2e database that the UI offers only through email round trips or not
// at all (a second member of a team, a person who endorsed you). Owner role: RLS does not apply.

export async function teamIdOf(slug: string): Promise<string> {
  const r = await withDb((c) => c.query<{ id: string }>(`SELECT id FROM "Team" WHERE slug = $1`, [slug]));
  return r.rows[0]!.id;
}

/** Makes a signed-up user (their own team aside) a member of the team `slug`, as an accepted invitation would. */
export async function addMembership(slug: string, email: string, role: "MEMBER" | "ADMIN"): Promise<void> {
  await withDb((c) =>
    c.query(
      `INSERT INTO "Membership" (id, "teamId", "userId", role)
       SELECT gen_random_uuid()::text, t.id, u.id, $3::"Role" FROM "Team" t, "User" u WHERE t.slug = $1 AND u.email = lower($2)`,
      [slug, email, role],
    ),
  );
}

/** Marks people of the team (by first name) as having endorsed the account, as an archive import would. */
export async function markEndorsed(slug: string, firstName: string, endorsements: number): Promise<string> {
  const r = await withDb((c) =>
    c.query<{ id: string }>(
      `UPDATE "Connection" c SET "endorsedMe" = true, "endorsementCount" = $3
         FROM "Team" t WHERE t.slug = $1 AND c."teamId" = t.id AND c."firstName" = $2 RETURNING c.id`,
      [slug, firstName, endorsements],
    ),
  );
  if (r.rows.length !== 1) throw new Error(`expected one ${firstName}, found ${r.rows.length}`);
  return r.rows[0]!.id;
}

/** Stores queue rules for the team (merged over what is there), as a save on the settings page would, without the rebuild. */
export async function storeQueueRules(slug: string, rules: Record<string, unknown>): Promise<void> {
  await withDb((c) =>
    c.query(
      `INSERT INTO "QueueSettings" ("teamId", rules, "updatedAt") SELECT t.id, $2::jsonb, now() AT TIME ZONE 'utc' FROM "Team" t WHERE t.slug = $1
       ON CONFLICT ("teamId") DO UPDATE SET rules = "QueueSettings".rules || $2::jsonb, version = "QueueSettings".version + 1`,
      [slug, JSON.stringify(rules)],
    ),
  );
}

/**
 * Open removal proposals in an account, one per person, without an import (whose queue build would
 * add, close or change items under the test). Returns the item ids in the order given.
 */
export async function seedOpenItems(slug: string, accountId: string, people: Array<{ first: string; last: string }>): Promise<string[]> {
  return withDb(async (c) => {
    const ids: string[] = [];
    for (const [n, p] of people.entries()) {
      const r = await c.query<{ id: string }>(
        `WITH t AS (SELECT id FROM "Team" WHERE slug = $1),
              conn AS (
                INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "profileUrl", "firstName", "lastName", position, company, "connectedOn")
                SELECT gen_random_uuid()::text, t.id, $2, 'li:' || gen_random_uuid()::text, lower($3 || '|' || $4), 'https://www.linkedin.com/in/' || lower($3 || '-' || $4),
                       $3, $4, 'Analyst', 'Initech', DATE '2018-03-01' FROM t RETURNING id, "teamId", "accountId")
         INSERT INTO "ReviewItem" (id, "teamId", "connectionId", "accountId", kind, state, rules, "ruleDetail", "createdAt", "updatedAt")
         SELECT gen_random_uuid()::text, conn."teamId", conn.id, conn."accountId", 'REMOVE', 'OPEN', ARRAY['no_icp_fit'], '{}'::jsonb,
                (now() AT TIME ZONE 'utc') - make_interval(mins => $5), now() AT TIME ZONE 'utc'
           FROM conn RETURNING id`,
        [slug, accountId, p.first, p.last, people.length - n],
      );
      ids.push(r.rows[0]!.id);
    }
    return ids;
  });
}

/** The follow-up reminders a decision created for an item, as due dates (YYYY-MM-DD, UTC). */
export async function reminderDates(itemId: string): Promise<string[]> {
  const r = await withDb((c) => c.query<{ due: string }>(`SELECT to_char("dueAt", 'YYYY-MM-DD') AS due FROM "Reminder" WHERE "sourceItemId" = $1 ORDER BY "createdAt"`, [itemId]));
  return r.rows.map((x) => x.due);
}

/** The review items of one person (id, kind, state, origin), oldest first. */
export async function itemsOf(connectionId: string): Promise<Array<{ id: string; kind: string; state: string; origin: string }>> {
  const r = await withDb((c) =>
    c.query<{ id: string; kind: string; state: string; origin: string }>(
      `SELECT id, kind::text, state::text, origin::text FROM "ReviewItem" WHERE "connectionId" = $1 ORDER BY "createdAt"`,
      [connectionId],
    ),
  );
  return r.rows;
}

/** A LinkedIn account of the team owned by the user with `email` (members add accounts for themselves this way too). */
export async function addAccountFor(slug: string, email: string, label: string): Promise<string> {
  const r = await withDb((c) =>
    c.query<{ id: string }>(
      `INSERT INTO "LinkedInAccount" (id, "teamId", "ownerUserId", label, "timeZone", "updatedAt")
       SELECT gen_random_uuid()::text, t.id, u.id, $3, 'UTC', now() AT TIME ZONE 'utc' FROM "Team" t, "User" u WHERE t.slug = $1 AND u.email = lower($2)
       RETURNING id`,
      [slug, email, label],
    ),
  );
  return r.rows[0]!.id;
}

/** Votes of the user with `email` on open items (current round), with the items' vote counts kept in step. */
export async function voteAs(email: string, itemIds: string[], choice: "KEEP" | "REMOVE"): Promise<void> {
  await withDb(async (c) => {
    await c.query(
      `INSERT INTO "ReviewVote" (id, "teamId", "itemId", round, "userId", choice, "updatedAt")
       SELECT gen_random_uuid()::text, i."teamId", i.id, i.round, u.id, $3::"ReviewChoice", now() AT TIME ZONE 'utc'
         FROM "ReviewItem" i, "User" u WHERE i.id = ANY($2) AND u.email = lower($1)`,
      [email, itemIds, choice],
    );
    await c.query(`UPDATE "ReviewItem" SET "voteCount" = "voteCount" + 1, version = version + 1 WHERE id = ANY($1)`, [itemIds]);
  });
}
