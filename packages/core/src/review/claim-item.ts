import { lastQueryRaw, Prisma, withTeamRaw } from "@crm/db";
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
//
// Open views resume after the last card of skipIds (the flow sends them in the order seen), then
// wrap around to the start. Walking from the start every time passed over every card the reviewer
// had already voted on: after 1,250 votes a claim read 1,250 items (36 ms of database time), and
// a team reviewing all day would have spent a core on it. From the last card the walk passes only
// what teammates hold or were given after it.

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
    viewSql(view, ctx.userId, { probeVotes: true }),
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
    ${nextSql(ctx, Prisma.join(where, " AND "), view, skip.data.at(-1))},
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
      return loadCard(tx, ctx, r.id, { last: true });
    },
    { interactive: true, tune: { genericPlans: true, leaseOnly: true, orderedWalks: true } },
  );
}

const OPEN_VIEWS: ReadonlySet<T.TQueueView> = new Set(["needs_my_vote", "waiting_for_owner"]);

/**
 * The CTE `next`: the id of the first free item matching `where`. For an open view, four probes in the order of the open-items index ((teamId, accountId, createdAt,
 * id) WHERE state = 'OPEN'), each run only when the ones before it found nothing: the rest of the
 * resumed card's createdAt (a queue build gives thousands of items the same one), the rest of its
 * account, the accounts after it, then from the start. Each is an index seek, never a walk from
 * the start while something after the last card is free.
 */
function nextSql(ctx: TTeamContext, where: Prisma.Sql, view: T.TQueueView, afterId: string | undefined): Prisma.Sql {
  // The resumed card's position as scalar subqueries (init plans), not a join with pos: then each
  // probe is one index scan whose order the planner knows, and LIMIT 1 stops it at the first free
  // card (joined, it sorted the 9,208 items after the card to take one: 39 ms).
  const probe = (name: string, cond: Prisma.Sql, gate: string[]) => Prisma.sql`
    ${Prisma.raw(name)} AS (
      SELECT i.id FROM "ReviewItem" i
       WHERE ${Prisma.raw(gate.map((g) => `NOT EXISTS (SELECT 1 FROM ${g}) AND `).join(""))}${where} AND ${cond}
       ORDER BY i."accountId", i."createdAt", i.id
       LIMIT 1
         FOR UPDATE OF i SKIP LOCKED)`;
  if (!OPEN_VIEWS.has(view)) {
    return Prisma.sql`
    next AS (
      SELECT i.id FROM "ReviewItem" i
       WHERE ${where}
       ORDER BY i."accountId", i."createdAt"
       LIMIT 1
         FOR UPDATE OF i SKIP LOCKED)`;
  }
  return Prisma.sql`
    -- A new session (no skipIds) resumes after the card the reviewer last voted on. A scalar
    -- subquery, so the item is read by its primary key.
    resume AS (
      SELECT coalesce(${afterId ?? null}::text,
                      (SELECT v."itemId" FROM "ReviewVote" v WHERE v."teamId" = ${ctx.teamId} AND v."userId" = ${ctx.userId}
                        ORDER BY v."createdAt" DESC LIMIT 1)) AS id),
    pos AS (
      SELECT p."accountId", p."createdAt", p.id FROM "ReviewItem" p
       WHERE p.id = (SELECT id FROM resume) AND p."teamId" = ${ctx.teamId}
       LIMIT 1),
    ${probe("n1", Prisma.sql`i."accountId" = (SELECT "accountId" FROM pos) AND i."createdAt" = (SELECT "createdAt" FROM pos) AND i.id > (SELECT id FROM pos)`, [])},
    ${probe("n2", Prisma.sql`i."accountId" = (SELECT "accountId" FROM pos) AND i."createdAt" > (SELECT "createdAt" FROM pos)`, ["n1"])},
    ${probe("n3", Prisma.sql`i."accountId" > (SELECT "accountId" FROM pos)`, ["n1", "n2"])},
    n4 AS (
      SELECT i.id FROM "ReviewItem" i
       WHERE NOT EXISTS (SELECT 1 FROM n1) AND NOT EXISTS (SELECT 1 FROM n2) AND NOT EXISTS (SELECT 1 FROM n3) AND ${where}
       ORDER BY i."accountId", i."createdAt", i.id
       LIMIT 1
         FOR UPDATE OF i SKIP LOCKED),
    next AS (SELECT id FROM n1 UNION ALL SELECT id FROM n2 UNION ALL SELECT id FROM n3 UNION ALL SELECT id FROM n4 LIMIT 1)`;
}

/** Gives the card back before the lease runs out (a no-op when someone else holds it). */
export async function releaseClaim(ctx: TTeamContext, itemId: string): Promise<void> {
  if (typeof itemId !== "string" || !ITEM_ID.test(itemId)) throw notFound("This review item");
  // One round trip: BEGIN, the statement and COMMIT are pipelined (lastQueryRaw).
  const [row] = await withTeamRaw(
    ctx.teamId,
    (tx) => lastQueryRaw<Array<{ found: number }>>(tx, Prisma.sql`
      WITH item AS (SELECT ctid AS t, id, "claimedById" FROM "ReviewItem" WHERE id = ${itemId} LIMIT 1), -- pkey; RLS scopes it
           released AS (
             UPDATE "ReviewItem" r SET "claimedById" = NULL, "claimExpiresAt" = NULL
               FROM item WHERE r.ctid = item.t AND r.id = item.id AND item."claimedById" = ${ctx.userId}
             RETURNING r.id)
      SELECT (SELECT count(*) FROM item)::int AS found`), // "released" runs whether or not it is read
    { interactive: true, tune: { genericPlans: true, leaseOnly: true } },
  );
  if (!row?.found) throw notFound("This review item");
}
