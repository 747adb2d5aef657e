import { randomUUID } from "node:crypto";
import { addConnections, addItems, type TPersonSeed, type TReviewWorld } from "../review/review.test-util";
import { ownerQuery, uniqueSuffix } from "../testing/setup";

// Fixtures for the removal planner's integration tests, written as the database owner (set-based):
// accounts in a chosen zone, approved removals, recorded outcomes and day counts.

export async function addZonedAccount(world: Pick<TReviewWorld, "owner">, timeZone: string, ownerUserId = world.owner.userId): Promise<{ id: string; label: string }> {
  const id = randomUUID();
  const label = `Zoned ${timeZone} ${uniqueSuffix()}`;
  await ownerQuery(`INSERT INTO "LinkedInAccount" (id, "teamId", "ownerUserId", label, "timeZone", "updatedAt") VALUES ($1, $2, $3, $4, $5, now())`, [
    id,
    world.owner.team.id,
    ownerUserId,
    label,
    timeZone,
  ]);
  return { id, label };
}

/** Approved removals (decided by the owner) of new connections; returns item and connection ids in order. */
export async function addApproved(world: Pick<TReviewWorld, "owner" | "icpId">, accountId: string, people: TPersonSeed[]): Promise<{ items: string[]; connections: string[] }> {
  const connections = await addConnections(world, accountId, people);
  const items = await addItems(
    world.owner.team.id,
    connections.map((connectionId) => ({ connectionId, accountId, state: "APPROVED" as const, decision: "REMOVE" as const, decidedById: world.owner.userId })),
  );
  return { items, connections };
}

export type TPlanRow = { id: string; state: string; plannedOn: string | null; planRank: number | null; retryNote: string | null; notFoundAt: Date | null };

/** The account's removal items in plan order (planned first by rank), then unplanned by id. */
export async function planRows(accountId: string): Promise<TPlanRow[]> {
  return ownerQuery<TPlanRow>(
    `SELECT id, state::text, "plannedOn"::text AS "plannedOn", "planRank", "retryNote", "notFoundAt"
       FROM "ReviewItem" WHERE "accountId" = $1 AND kind = 'REMOVE' ORDER BY "plannedOn" NULLS LAST, "planRank", id`,
    [accountId],
  );
}

export async function plannedOn(accountId: string, localDate: string): Promise<string[]> {
  const rows = await ownerQuery<{ id: string }>(
    `SELECT id FROM "ReviewItem" WHERE "accountId" = $1 AND state = 'APPROVED' AND "plannedOn" = $2::date ORDER BY "planRank"`,
    [accountId, localDate],
  );
  return rows.map((r) => r.id);
}

export async function setDayUsed(teamId: string, accountId: string, localDate: string, used: number): Promise<void> {
  await ownerQuery(
    `INSERT INTO "RemovalDay" ("teamId", "accountId", "localDate", used, "updatedAt") VALUES ($1, $2, $3::date, $4, now())
     ON CONFLICT ("teamId", "accountId", "localDate") DO UPDATE SET used = EXCLUDED.used`,
    [teamId, accountId, localDate, used],
  );
}

export async function setPolicy(teamId: string, accountId: string, p: { dailyLimit?: number | null; weeklyLimit?: number | null }): Promise<void> {
  await ownerQuery(
    `INSERT INTO "RemovalBudget" ("accountId", "teamId", "dailyLimit", "weeklyLimit", "updatedAt") VALUES ($1, $2, $3, $4, now())
     ON CONFLICT ("accountId") DO UPDATE SET "dailyLimit" = EXCLUDED."dailyLimit", "weeklyLimit" = EXCLUDED."weeklyLimit"`,
    [accountId, teamId, p.dailyLimit ?? null, p.weeklyLimit ?? null],
  );
}

/**
 * What "Removed" leaves behind (record-outcome's writes, done here without its budget checks): the
 * item DONE and executed, the connection REMOVAL_PENDING, a live counted REMOVED outcome.
 */
export async function markRemoved(teamId: string, accountId: string, itemIds: string[], at: Date, localDate: string): Promise<void> {
  await ownerQuery(
    `WITH i AS (
       UPDATE "ReviewItem" SET state = 'DONE', "executedAt" = $3, version = version + 1 WHERE id = ANY($2::text[]) RETURNING id, "connectionId"
     ), c AS (
       UPDATE "Connection" SET status = 'REMOVAL_PENDING' WHERE id IN (SELECT "connectionId" FROM i) RETURNING id
     )
     INSERT INTO "RemovalOutcome" (id, "teamId", "accountId", "itemId", "connectionId", outcome, "localDate", counted, "liveFor", "createdAt")
     SELECT gen_random_uuid()::text, $1, $4, i.id, i."connectionId", 'REMOVED', $5::date, true, i.id, $3 FROM i`,
    [teamId, itemIds, at.toISOString().replace("T", " ").replace("Z", ""), accountId, localDate],
  );
}

/** "Couldn't find them" at `at`: out of the plan until an import newer than that. */
export async function markNotFound(itemIds: string[], at: Date): Promise<void> {
  await ownerQuery(`UPDATE "ReviewItem" SET "notFoundAt" = $2, "plannedOn" = NULL, "planRank" = NULL WHERE id = ANY($1::text[])`, [
    itemIds,
    at.toISOString().replace("T", " ").replace("Z", ""),
  ]);
}

/** "Keep after all": done, decided Keep. */
export async function markKept(itemIds: string[]): Promise<void> {
  await ownerQuery(`UPDATE "ReviewItem" SET state = 'DONE', decision = 'KEEP', "plannedOn" = NULL, "planRank" = NULL WHERE id = ANY($1::text[])`, [itemIds]);
}

export async function plannedNotifications(teamId: string, userId: string): Promise<Array<{ data: { planned: number; localDate: string; accountId: string }; dedupeKey: string }>> {
  return ownerQuery(`SELECT data, "dedupeKey" FROM "Notification" WHERE "teamId" = $1 AND "userId" = $2 AND kind = 'removal.planned' ORDER BY "createdAt"`, [teamId, userId]);
}
