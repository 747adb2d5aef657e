import type { TTx } from "@crm/db";
import { localDateOf } from "./local-day";

// What an import tells the planner (docs/decisions/0010): a "Removed" the next export contradicts
// goes back to the owner's backlog with a note, and a "Couldn't find them" may be tried again once
// a newer export says where the person is. Both run inside the planner's transaction, under the
// account's budget lock.

/** Enough for any realistic backlog of unverified removals (≤ 50 a day); the rest waits for the next plan. */
const STILL_CONNECTED_BATCH = 2_000;

type TScope = { teamId: string; accountId: string; timeZone: string; now: Date };

export const retryNoteFor = (exportDate: string) => `Try again: still connected in your export of ${exportDate}`;

/**
 * Removals recorded as done whose person a later import still found connected: the item goes back
 * to APPROVED (unplanned, with the retry note), the connection back to CONNECTED, and the live
 * "Removed" outcome is superseded (its budget stays spent: LinkedIn saw a click). Returns how many.
 *
 * The import keeps such a connection REMOVAL_PENDING and stamps stillConnectedAt (a later import
 * may still verify it); a connection already flipped to CONNECTED is accepted the same way.
 */
export async function returnStillConnected(tx: TTx, s: TScope): Promise<number> {
  // From the account's live "Removed" outcomes (a partial index: counted), not from its 30,000 items.
  const found = await tx.$queryRaw<Array<{ id: string; stillConnectedAt: Date }>>`
    SELECT i.id, c."stillConnectedAt"
      FROM "RemovalOutcome" o
      JOIN "ReviewItem" i ON i.id = o."liveFor" AND i."teamId" = o."teamId"
      JOIN "Connection" c ON c.id = i."connectionId" AND c."teamId" = i."teamId"
     WHERE o."teamId" = ${s.teamId} AND o."accountId" = ${s.accountId} AND o.counted AND o."liveFor" IS NOT NULL AND o.outcome = 'REMOVED'
       AND i.kind = 'REMOVE' AND i.state = 'DONE' AND i.decision = 'REMOVE' AND i."executedAt" IS NOT NULL
       AND c.status IN ('CONNECTED', 'REMOVAL_PENDING') AND c."stillConnectedAt" > i."executedAt"
     ORDER BY i.id
     LIMIT ${STILL_CONNECTED_BATCH}`;
  if (found.length === 0) return 0;
  // The export's date in the account's zone (the zone Postgres may not know; Intl does).
  const notes = found.map((r) => retryNoteFor(localDateOf(r.stillConnectedAt, s.timeZone)));
  const at = s.now.toISOString();
  const [row] = await tx.$queryRaw<Array<{ n: number }>>`
    WITH r AS (
      SELECT * FROM unnest(${found.map((r) => r.id)}::text[], ${notes}::text[]) AS r(id, note)
    ), back AS (
      UPDATE "ReviewItem" i
         SET state = 'APPROVED', "executedAt" = NULL, "retryNote" = r.note, "plannedOn" = NULL, "planRank" = NULL,
             version = i.version + 1, "updatedAt" = ${at}::timestamptz AT TIME ZONE 'UTC'
        FROM r
       WHERE i.id = r.id AND i."teamId" = ${s.teamId} AND i.state = 'DONE' AND i."executedAt" IS NOT NULL
      RETURNING i.id, i."connectionId"
    ), conn AS (
      UPDATE "Connection" c SET status = 'CONNECTED', "updatedAt" = ${at}::timestamptz AT TIME ZONE 'UTC'
        FROM back
       WHERE c.id = back."connectionId" AND c."teamId" = ${s.teamId} AND c.status = 'REMOVAL_PENDING'
      RETURNING c.id
    ), sup AS (
      UPDATE "RemovalOutcome" o SET "supersededAt" = ${at}::timestamptz AT TIME ZONE 'UTC', "liveFor" = NULL
        FROM back
       WHERE o."teamId" = ${s.teamId} AND o."liveFor" = back.id AND o.outcome = 'REMOVED'
      RETURNING o.id
    )
    SELECT (SELECT count(*) FROM back)::int AS n, (SELECT count(*) FROM conn)::int AS c, (SELECT count(*) FROM sup)::int AS o`;
  return row?.n ?? 0;
}

/**
 * "Couldn't find them" holds until a COMPLETED import of the account finished after it; then the
 * person competes for a plan again. Returns how many came back.
 */
export async function clearNotFound(tx: TTx, s: Pick<TScope, "teamId" | "accountId">): Promise<number> {
  const [latest] = await tx.$queryRaw<Array<{ at: Date | null }>>`
    SELECT max("finishedAt") AS at FROM "Import" WHERE "teamId" = ${s.teamId} AND "accountId" = ${s.accountId} AND status = 'COMPLETED'`;
  if (!latest?.at) return 0;
  return tx.$executeRaw`
    UPDATE "ReviewItem" SET "notFoundAt" = NULL
     WHERE "teamId" = ${s.teamId} AND "accountId" = ${s.accountId} AND state = 'APPROVED' AND "notFoundAt" < ${latest.at.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;
}
