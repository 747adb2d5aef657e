import type { TSqlClient, TTx } from "@crm/db";

// A per-team counter of changes to what ICP scoring reads (Team."scoringDataVersion"): bumped in
// the transaction of the change, read by the live preview before it trusts its cached network.
// Postgres, not process memory, so every web replica sees a change made through any other.

export async function bumpScoringData(tx: TTx, teamId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "Team" SET "scoringDataVersion" = "scoringDataVersion" + 1 WHERE id = ${teamId}`;
}

export async function bumpScoringDataSql(client: TSqlClient, teamId: string): Promise<void> {
  await client.query(`UPDATE "Team" SET "scoringDataVersion" = "scoringDataVersion" + 1 WHERE id = $1`, [teamId]);
}

export async function readScoringDataVersion(client: TSqlClient, teamId: string): Promise<number> {
  const { rows } = await client.query<{ v: number }>(`SELECT "scoringDataVersion" AS v FROM "Team" WHERE id = $1`, [teamId]);
  return rows[0]?.v ?? 0;
}
