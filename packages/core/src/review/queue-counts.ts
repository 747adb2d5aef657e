import { Prisma, withTeam, type TRawTx } from "@crm/db";
import type { TTeamContext } from "../teams/membership";
import { assertAccount, wakeSnoozed } from "./queue-views";
import { toEnum } from "./codes";
import type * as T from "./types";

// The queue page's live counts: every view for the viewer (one account or all), and per account
// its open and approved items, in one statement over ReviewItem (teamId, state, accountId, …).
// The view conditions are the same as queue-views.ts viewSql, written as FILTERs (needs my vote as
// open items minus my votes on them: the same set, since a vote is unique per item, round and voter).

type TRow = Record<T.TQueueView, number> & { accounts: Array<{ id: string; label: string; ownerId: string; ownerName: string | null; open: number; approved: number }> | null };

export async function countsIn(tx: TRawTx, ctx: TTeamContext, accountId: string | undefined, kind?: T.TReviewKindCode): Promise<T.TQueueCounts> {
  const scope = accountId ? Prisma.sql` AND i."accountId" = ${accountId}` : Prisma.empty;
  // A kind filter (the queue's "Invitations to withdraw", …) counts only that kind, like the list beside it.
  const kindScope = kind ? Prisma.sql` AND i.kind::text = ${toEnum(kind)}` : Prisma.empty;
  const one = accountId ?? null;
  // One pass over the team's items grouped by account gives both the per-account numbers and the
  // viewer's totals (before: two scans of the team's items plus a sort).
  const [row] = await tx.$queryRaw<TRow[]>`
    WITH voted AS (
      -- My current-round votes on open items (ReviewVote (teamId, userId, itemId, round)): a member has
      -- voted on far fewer items than the queue holds, so subtracting them beats a NOT EXISTS per open item.
      SELECT count(*)::int AS n FROM "ReviewVote" v
        JOIN "ReviewItem" i ON i.id = v."itemId" AND i."teamId" = v."teamId" AND i.round = v.round
       WHERE v."teamId" = ${ctx.teamId} AND v."userId" = ${ctx.userId} AND i.state = 'OPEN'${scope}${kindScope}),
    per AS (
      SELECT i."accountId",
             count(*) FILTER (WHERE i.state = 'OPEN')::int AS open,
             count(*) FILTER (WHERE i.state = 'OPEN' AND i."voteCount" > 0)::int AS waiting,
             count(*) FILTER (WHERE i.state = 'APPROVED')::int AS approved,
             -- Per account, "approved" means removals waiting for the removal session: approved
             -- invitation withdrawals have their own lane (and count) there.
             count(*) FILTER (WHERE i.state = 'APPROVED' AND i."invitationId" IS NULL)::int AS approved_removals,
             count(*) FILTER (WHERE i.state = 'SNOOZED')::int AS snoozed,
             count(*) FILTER (WHERE i.state IN ('DONE', 'CLOSED'))::int AS done
        FROM "ReviewItem" i WHERE i."teamId" = ${ctx.teamId}${kindScope}
       GROUP BY i."accountId"),
    mine AS (
      SELECT (coalesce(sum(open), 0) - (SELECT n FROM voted))::int AS needs_my_vote, coalesce(sum(waiting), 0)::int AS waiting_for_owner,
             coalesce(sum(approved), 0)::int AS approved, coalesce(sum(snoozed), 0)::int AS snoozed, coalesce(sum(done), 0)::int AS done
        FROM per WHERE ${one}::text IS NULL OR per."accountId" = ${one}::text)
    SELECT mine.*,
           (SELECT json_agg(json_build_object('id', a.id, 'label', a.label, 'ownerId', a."ownerUserId", 'ownerName', u.name,
                    'open', coalesce(per.open, 0), 'approved', coalesce(per.approved_removals, 0)) ORDER BY a.label, a.id)
              FROM "LinkedInAccount" a
              LEFT JOIN "User" u ON u.id = a."ownerUserId"
              LEFT JOIN per ON per."accountId" = a.id
             WHERE a."teamId" = ${ctx.teamId}) AS accounts
      FROM mine`;
  return {
    needs_my_vote: row?.needs_my_vote ?? 0,
    waiting_for_owner: row?.waiting_for_owner ?? 0,
    approved: row?.approved ?? 0,
    snoozed: row?.snoozed ?? 0,
    done: row?.done ?? 0,
    accounts: (row?.accounts ?? []).map((a) => ({ id: a.id, label: a.label, owner: { id: a.ownerId, name: a.ownerName ?? "Former member" }, open: a.open, approved: a.approved })),
  };
}

export async function queueCounts(ctx: TTeamContext, input: { accountId?: string; kind?: T.TReviewKindCode }): Promise<T.TQueueCounts> {
  return withTeam(
    ctx.teamId,
    async (tx) => {
      const accountId = await assertAccount(tx, ctx.teamId, input.accountId);
      await wakeSnoozed(tx, ctx.teamId);
      return countsIn(tx, ctx, accountId, input.kind);
    },
    { interactive: true },
  );
}
