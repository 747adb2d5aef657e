import type { TSqlClient } from "@crm/db";

/**
 * An import's locks on its account, first thing in its transaction: the LinkedInAccount row (one
 * import per account at a time, in upload order), then the account's RemovalBudget row. Every
 * removal and withdrawal write takes that budget row first and then the items, connections and
 * invitations an import also writes (decisions 0010, 0013); taken here in the same order, an
 * owner's click during an import waits for it instead of deadlocking with it.
 */
export async function lockAccountForImport(client: TSqlClient, teamId: string, accountId: string): Promise<void> {
  await client.query(`SELECT id FROM "LinkedInAccount" WHERE id = $1 FOR UPDATE`, [accountId]);
  await client.query(
    `INSERT INTO "RemovalBudget" ("accountId", "teamId", "updatedAt") VALUES ($1, $2, now() AT TIME ZONE 'UTC') ON CONFLICT ("accountId") DO NOTHING`,
    [accountId, teamId],
  );
  await client.query(`SELECT 1 FROM "RemovalBudget" WHERE "accountId" = $1 AND "teamId" = $2 FOR UPDATE`, [accountId, teamId]);
}
