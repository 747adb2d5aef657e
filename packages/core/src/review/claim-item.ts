import { Prisma, withTeamRaw } from "@crm/db";
import { z } from "zod";
import { invalid, notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { ITEM_ID, kindSql, NOW_UTC, parseKind, parseView, viewSql } from "./queue-views";
import { loadCard } from "./review-card";
import { CLAIM_LEASE_SECONDS } from "./types";
import type * as T from "./types";

// The one-card flow hands each reviewer the next card nobody else holds: one statement picks the
// first free item of the view in index order (ReviewItem (teamId, state, accountId, createdAt)),
// locks it with FOR UPDATE SKIP LOCKED, so a concurrent claimer passes over it instead of waiting,
// and writes the lease. A lease that ran out is free again; the claimer's own lease is theirs to
// take again (claiming extends it); cards passed in skipIds are given back. Claiming changes
// neither version nor updatedAt: it is not a change to the item, and must not make a teammate's
// vote look stale. Order: by account, then oldest first (the index's order, so the scan stops at
// the first free card instead of sorting the queue).

export const SKIP_IDS_MAX = 200;
const ZSkip = z.array(z.string().regex(ITEM_ID)).max(SKIP_IDS_MAX);

export async function claimNextItem(ctx: TTeamContext, input: { accountId?: string; view?: T.TQueueView; kind?: T.TReviewKindCode; skipIds?: string[] }): Promise<T.TReviewCard | null> {
  const view = parseView(input.view, "needs_my_vote")!;
  const kind = parseKind(input.kind);
  const skip = ZSkip.safeParse(input.skipIds ?? []);
  if (!skip.success) throw invalid("skipIds", `Skip at most ${SKIP_IDS_MAX} review item ids.`);
  const accountId = input.accountId || undefined;
  if (accountId !== undefined && (typeof accountId !== "string" || !ITEM_ID.test(accountId))) throw notFound("This LinkedIn account");
  const where = [
    Prisma.sql`i."teamId" = ${ctx.teamId}`,
    viewSql(view, ctx.userId),
    Prisma.sql`(i."claimExpiresAt" IS NULL OR i."claimExpiresAt" <= ${NOW_UTC} OR i."claimedById" = ${ctx.userId})`,
  ];
  if (accountId) where.push(Prisma.sql`i."accountId" = ${accountId}`);
  if (kind) where.push(kindSql(kind));
  if (skip.data.length) where.push(Prisma.sql`i.id <> ALL(${skip.data}::text[])`);
  // One statement: check the account, wake passed snoozes, give back the cards skipped, take the
  // next. Woken items become claimable from the next statement on (same snapshot here), so when
  // nothing was free but something woke, try once more.
  const claimSql = Prisma.sql`
    WITH account AS (SELECT count(*)::int AS n FROM "LinkedInAccount" WHERE "teamId" = ${ctx.teamId} AND id = ${accountId ?? null}::text),
    woke AS (
      UPDATE "ReviewItem" SET state = 'OPEN', "updatedAt" = now()
       WHERE "teamId" = ${ctx.teamId} AND state = 'SNOOZED' AND "snoozedUntil" <= ${NOW_UTC}
      RETURNING id),
    released AS (
      -- Each skipped card by its pkey (LIMIT 1 lateral), then updated by ctid: on fresh statistics
      -- "id = ANY(skipIds)" scanned the team's 30k items (48 ms -> 0.6 ms). RLS scopes the rows; a
      -- card changed by someone since this statement's snapshot keeps its lease until it runs out.
      UPDATE "ReviewItem" r SET "claimedById" = NULL, "claimExpiresAt" = NULL
        FROM (SELECT x.ctid AS t, x.id FROM unnest(${skip.data}::text[]) AS k(id)
                CROSS JOIN LATERAL (SELECT ctid, id FROM "ReviewItem" x WHERE x.id = k.id LIMIT 1) x) s
       WHERE r.ctid = s.t AND r.id = s.id AND r."claimedById" = ${ctx.userId}),
    next AS (
      SELECT i.id FROM "ReviewItem" i
       WHERE ${Prisma.join(where, " AND ")}
       ORDER BY i."accountId", i."createdAt"
       LIMIT 1
         FOR UPDATE OF i SKIP LOCKED),
    claimed AS (
      UPDATE "ReviewItem" r
         SET "claimedById" = ${ctx.userId}, "claimExpiresAt" = ${NOW_UTC} + make_interval(secs => ${CLAIM_LEASE_SECONDS})
       -- A scalar id, so the pkey: joining "next" let a planner that believes the team has one row
       -- (fresh statistics) scan the team's 30k items with a join filter (63 ms -> 1 ms).
       WHERE r.id = (SELECT id FROM next)
      RETURNING r.id)
    SELECT (SELECT id FROM claimed) AS id, (SELECT n FROM account) AS "accountFound", (SELECT count(*)::int FROM woke) AS woke`;
  return withTeamRaw(
    ctx.teamId,
    async (tx) => {
      let [r] = await tx.$queryRaw<Array<{ id: string | null; accountFound: number; woke: number }>>(claimSql);
      if (accountId && !r?.accountFound) throw notFound("This LinkedIn account");
      if (r && !r.id && r.woke > 0) [r] = await tx.$queryRaw<Array<{ id: string | null; accountFound: number; woke: number }>>(claimSql);
      if (!r?.id) return null;
      return loadCard(tx, ctx, r.id);
    },
    { interactive: true, tune: { genericPlans: true, leaseOnly: true } },
  );
}

/** Gives the card back before the lease runs out (a no-op when someone else holds it). */
export async function releaseClaim(ctx: TTeamContext, itemId: string): Promise<void> {
  if (typeof itemId !== "string" || !ITEM_ID.test(itemId)) throw notFound("This review item");
  const [row] = await withTeamRaw(
    ctx.teamId,
    (tx) => tx.$queryRaw<Array<{ found: number }>>`
      WITH item AS (SELECT ctid AS t, id, "claimedById" FROM "ReviewItem" WHERE id = ${itemId} LIMIT 1), -- pkey; RLS scopes it
           released AS (
             UPDATE "ReviewItem" r SET "claimedById" = NULL, "claimExpiresAt" = NULL
               FROM item WHERE r.ctid = item.t AND r.id = item.id AND item."claimedById" = ${ctx.userId}
             RETURNING r.id)
      SELECT (SELECT count(*) FROM item)::int AS found`, // "released" runs whether or not it is read
    { interactive: true, tune: { genericPlans: true, leaseOnly: true } },
  );
  if (!row?.found) throw notFound("This review item");
}
