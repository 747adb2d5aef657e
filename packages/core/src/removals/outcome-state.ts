import type { TRawTx } from "@crm/db";
import type { TTeamContext } from "../teams/membership";
import type { TGuidedItemState } from "../guided/types";
import type { TOutcomeEnum } from "./outcome-input";

// The item as recordOutcome decides on it, read (and locked) right after the account's lock: its
// state, its live outcome, and what removing the person loses now. The pacing inputs come from
// loadPaceInputs (budget.ts), the one reader of the policy's numbers.

export type TOutcomeState = TGuidedItemState<TOutcomeEnum> & {
  notFoundAt: Date | null;
  protectedLoss: string[];
  connectionId: string;
  connectionName: string;
  /** What removing them loses right now (endorsements, recommendation, protected tags). */
  loss: string[];
  /** CONNECTED, or gone/pending according to an export or an earlier outcome. */
  connectionStatus: string;
  connectionGoneAt: Date | null;
};

export async function readOutcomeState(
  tx: TRawTx,
  ctx: TTeamContext,
  itemId: string,
  accountId: string,
): Promise<TOutcomeState | null> {
  const [row] = await tx.$queryRaw<TOutcomeState[]>`
    SELECT i.state::text AS state, i.decision::text AS decision, du.name AS "decidedByName", i."decidedById", i."decidedAt", i."decisionReason", i."snoozedUntil", i."closedReason", i."closedAt",
           i."executedAt", i."notFoundAt", i."lastChange", i."protectedLoss",
           c.id AS "connectionId", trim(c."firstName" || ' ' || c."lastName") AS "connectionName",
           c.status::text AS "connectionStatus", c."goneAt" AS "connectionGoneAt",
           array_remove(ARRAY[
             CASE WHEN c."endorsedMe" THEN 'Endorsed you' || CASE WHEN c."endorsementCount" > 0 THEN ' (' || c."endorsementCount" || CASE WHEN c."endorsementCount" = 1 THEN ' endorsement)' ELSE ' endorsements)' END ELSE '' END END,
             CASE WHEN c."recommendedMe" THEN 'Recommended you' END
           ] || ARRAY(SELECT 'Tagged “' || g.name || '” (protected)'
                        FROM "ConnectionTag" ct JOIN "Tag" g ON g.id = ct."tagId" AND g."teamId" = ct."teamId"
                       WHERE ct."teamId" = c."teamId" AND ct."connectionId" = c.id
                         AND g.id IN (SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(qs.rules->'protectedTagIds') = 'array' THEN qs.rules->'protectedTagIds' ELSE '[]'::jsonb END))
                       ORDER BY g."nameKey" LIMIT 20), NULL) AS loss,
           qs.rules AS settings,
           coalesce((SELECT u.name FROM "User" u WHERE u.id = ${ctx.userId}), 'Someone') AS "actorName",
           lo.id AS "liveId", lo.outcome::text AS "liveOutcome", lo."createdAt" AS "liveAt", lo.counted AS "liveCounted"
      FROM "ReviewItem" i
      JOIN "Connection" c ON c.id = i."connectionId" AND c."teamId" = i."teamId"
      LEFT JOIN "QueueSettings" qs ON qs."teamId" = i."teamId"
      LEFT JOIN "User" du ON du.id = i."decidedById"
      LEFT JOIN "RemovalOutcome" lo ON lo."teamId" = i."teamId" AND lo."liveFor" = i.id
     WHERE i."teamId" = ${ctx.teamId} AND i.id = ${itemId} AND i."accountId" = ${accountId}
       FOR UPDATE OF i`;
  return row ?? null;
}
