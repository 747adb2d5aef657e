// Fixture data for the removals bench, on two of the 40 × 30,000 bench teams, written as the
// database owner and taken away again afterwards (and before, after a run cut short): approved
// removals marked by their `reason`, extra LinkedIn accounts of 600 connections each (a "removed"
// on each of them spends budget without waiting 90 s for the same account's gap), the bench's API
// keys, and whatever the sessions wrote (outcomes, days, budgets, notifications, audit rows).
import type pg from "pg";

export const MARK = "removals-bench";
const EXTRA_LABEL = "Removals bench ";
export const KEY_NAME = "Removals bench key";
const EXTRA_CONNECTIONS = 600;
export const EXTRA_ITEMS = 5;

export type TRemovalFixture = {
  /** Approved removals of the team's big account (30,000 connections), for not_found / kept. */
  mainItems: string[];
  /**
   * Per extra account, EXTRA_ITEMS approved removals: the first is confirmed, the second meets the
   * pace (429), the rest are for not_found / kept from several scripts at once, one account each.
   */
  extra: Array<{ accountId: string; items: string[] }>;
};

/**
 * `n` approved removals of the account, on connected people nobody protects (no endorsement,
 * recommendation or tag) who have no removal item yet, spread over the account.
 */
export async function approveRemovals(c: pg.Client, teamId: string, accountId: string, deciderId: string, n: number): Promise<string[]> {
  const { rows } = await c.query<{ id: string }>(
    `INSERT INTO "ReviewItem" (id, "teamId", "connectionId", "accountId", kind, state, rules, reason, decision, "decidedById", "decidedAt", "updatedAt")
     SELECT gen_random_uuid()::text, $1, c.id, c."accountId", 'REMOVE', 'APPROVED', ARRAY['no_icp_fit'], $4, 'REMOVE', $3, now(), now()
       FROM "Connection" c
      WHERE c."teamId" = $1 AND c."accountId" = $2 AND c.status = 'CONNECTED' AND NOT c."endorsedMe" AND NOT c."recommendedMe"
        AND NOT EXISTS (SELECT 1 FROM "ReviewItem" r WHERE r."teamId" = $1 AND r."connectionId" = c.id AND r.kind = 'REMOVE')
        AND NOT EXISTS (SELECT 1 FROM "ConnectionTag" t WHERE t."teamId" = $1 AND t."connectionId" = c.id)
      ORDER BY md5(c.id) LIMIT $5
     RETURNING id`,
    [teamId, accountId, deciderId, MARK, n],
  );
  if (rows.length < n) throw new Error(`only ${rows.length} of ${n} approvable people on account ${accountId}`);
  return rows.map((r) => r.id);
}

/**
 * `count` new accounts of the owner (labelled `label` 001, 002, …), each with `connections`
 * synthetic connections and `items` approved removals of them, marked by `mark` as the reason.
 */
export async function seedApprovedAccounts(
  c: pg.Client,
  o: { teamId: string; ownerId: string; label: string; timeZone: string; count: number; connections: number; items: number; mark: string; tag: string },
): Promise<Array<{ accountId: string; items: string[] }>> {
  const acc = await c.query<{ id: string }>(
    `INSERT INTO "LinkedInAccount" (id, "teamId", "ownerUserId", label, "timeZone", "updatedAt")
     SELECT gen_random_uuid()::text, $1, $2, $3 || lpad(g::text, 3, '0'), $4, now() FROM generate_series(1, $5::int) g
     RETURNING id`,
    [o.teamId, o.ownerId, o.label, o.timeZone, o.count],
  );
  const ids = acc.rows.map((r) => r.id);
  await c.query(
    `INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "profileUrl", "firstName", "lastName", company, position, "connectedOn", "updatedAt")
     SELECT gen_random_uuid()::text, $1, a, 'li:' || $4 || '-' || a || '-' || i, $4 || i || '|bench', 'https://www.linkedin.com/in/' || $4 || '-' || a || '-' || i, initcap($4) || i, 'Bench',
            'Acme Inc.', 'Engineer', date '2019-01-01' + i, now()
       FROM unnest($2::text[]) a, generate_series(1, $3::int) i`,
    [o.teamId, ids, o.connections, o.tag],
  );
  const items = await c.query<{ id: string; accountId: string }>(
    `INSERT INTO "ReviewItem" (id, "teamId", "connectionId", "accountId", kind, state, rules, reason, decision, "decidedById", "decidedAt", "updatedAt")
     SELECT gen_random_uuid()::text, $1, x.id, x."accountId", 'REMOVE', 'APPROVED', ARRAY['no_icp_fit'], $4, 'REMOVE', $3, now(), now()
       FROM (SELECT id, "accountId", row_number() OVER (PARTITION BY "accountId" ORDER BY id) AS rn FROM "Connection" WHERE "teamId" = $1 AND "accountId" = ANY($2)) x
      WHERE x.rn <= $5
     RETURNING id, "accountId"`,
    [o.teamId, ids, o.ownerId, o.mark, o.items],
  );
  return ids.map((accountId) => ({ accountId, items: items.rows.filter((r) => r.accountId === accountId).map((r) => r.id) }));
}

/** `accounts` extra accounts of the owner with EXTRA_CONNECTIONS connections and EXTRA_ITEMS approved removals each. */
export async function seedRemovalFixture(c: pg.Client, teamId: string, ownerId: string, mainAccountId: string, mainItems: number, accounts: number): Promise<TRemovalFixture> {
  await c.query("BEGIN");
  try {
    const extra = await seedApprovedAccounts(c, { teamId, ownerId, label: EXTRA_LABEL, timeZone: "Europe/Berlin", count: accounts, connections: EXTRA_CONNECTIONS, items: EXTRA_ITEMS, mark: MARK, tag: "rbench" });
    const main = await approveRemovals(c, teamId, mainAccountId, ownerId, mainItems);
    await c.query("COMMIT");
    await c.query(`ANALYZE "LinkedInAccount"; ANALYZE "ReviewItem"`);
    return { mainItems: main, extra };
  } catch (e) {
    await c.query("ROLLBACK");
    throw e;
  }
}

/**
 * Everything the bench added to these teams, gone: people it marked removed are connected again,
 * its items (with their outcomes), extra accounts (with their connections), keys, the accounts'
 * removal days and budgets, the plan notifications and the audit rows of the sessions.
 */
export async function cleanupRemovalFixture(c: pg.Client, teamIds: string[]): Promise<void> {
  await c.query(
    `UPDATE "Connection" x SET status = 'CONNECTED'
       FROM "ReviewItem" r
      WHERE r."teamId" = ANY($1) AND r.reason = $2 AND x."teamId" = r."teamId" AND x.id = r."connectionId" AND x.status = 'REMOVAL_PENDING'`,
    [teamIds, MARK],
  );
  await c.query(`DELETE FROM "ReviewItem" WHERE "teamId" = ANY($1) AND reason = $2`, [teamIds, MARK]);
  await c.query(`DELETE FROM "LinkedInAccount" WHERE "teamId" = ANY($1) AND label LIKE $2`, [teamIds, `${EXTRA_LABEL}%`]);
  await c.query(`DELETE FROM "ApiKey" WHERE "teamId" = ANY($1) AND name LIKE $2`, [teamIds, `${KEY_NAME}%`]);
  await c.query(`DELETE FROM "RemovalDay" WHERE "teamId" = ANY($1)`, [teamIds]);
  await c.query(`DELETE FROM "RemovalBudget" WHERE "teamId" = ANY($1)`, [teamIds]);
  await c.query(`DELETE FROM "Notification" WHERE "teamId" = ANY($1) AND kind LIKE 'removal.%'`, [teamIds]);
  await c.query(`DELETE FROM "AuditLog" WHERE "teamId" = ANY($1) AND action LIKE 'removal.%'`, [teamIds]);
  // Items of the main account the sessions planned (the bench's own are gone): unplanned again.
  await c.query(`UPDATE "ReviewItem" SET "plannedOn" = NULL, "planRank" = NULL WHERE "teamId" = ANY($1) AND "plannedOn" IS NOT NULL`, [teamIds]);
}
