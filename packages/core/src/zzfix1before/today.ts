import { Prisma, withTeam } from "@crm/db";
import { roleAtLeast, type TTeamContext } from "../teams/membership";
import { loadDecideRule, loadItemSummaries } from "./item-summary";
import { countsIn } from "./queue-counts";
import { notVotedBySql, NOW_UTC, wakeSnoozed } from "./queue-views";
import type * as T from "./types";

// The team home once it has data: what waits for me, recent job changes, the queue per account.

export type TToday = {
  hasData: boolean;
  waiting: { needsMyVote: number; needsMyDecision: number; followUpsDue: number };
  nextItems: T.TReviewItemSummary[]; // a few cards that wait for me
  jobChanges: Array<{ connectionId: string; name: string; company: string | null; position: string | null; accountLabel: string; at: string; itemId: string | null }>;
  accounts: T.TQueueCounts["accounts"];
};

const NEXT_ITEMS = 5;
const JOB_CHANGES = 10;
const JOB_CHANGE_DAYS = 14;
const FOLLOW_UP_DAYS = 7;

export async function getToday(ctx: TTeamContext): Promise<TToday> {
  return withTeam(
    ctx.teamId,
    async (tx) => {
      await wakeSnoozed(tx, ctx.teamId);
      const rule = await loadDecideRule(tx, ctx.teamId);
      const decidesAll = rule.adminsDecide && roleAtLeast(ctx.role, "ADMIN");
      const myAccounts = decidesAll
        ? Prisma.sql`SELECT a.id FROM "LinkedInAccount" a WHERE a."teamId" = ${ctx.teamId}`
        : Prisma.sql`SELECT a.id FROM "LinkedInAccount" a WHERE a."teamId" = ${ctx.teamId} AND a."ownerUserId" = ${ctx.userId}`;
      const [head] = await tx.$queryRaw<Array<{ hasData: boolean; needsMyDecision: number; followUpsDue: number }>>`
        SELECT EXISTS (SELECT 1 FROM "Connection" c WHERE c."teamId" = ${ctx.teamId}) AS "hasData",
               (SELECT count(*)::int FROM "ReviewItem" i
                 WHERE i."teamId" = ${ctx.teamId} AND i.state = 'OPEN' AND i."accountId" IN (${myAccounts})) AS "needsMyDecision",
               (SELECT count(*)::int FROM "Reminder" r
                 WHERE r."teamId" = ${ctx.teamId} AND r."doneAt" IS NULL AND r."dueAt" <= ${NOW_UTC} + make_interval(days => ${FOLLOW_UP_DAYS})
                   AND (r."createdById" = ${ctx.userId} OR r."accountId" IN (${myAccounts}))) AS "followUpsDue"`;
      if (!head?.hasData) {
        return { hasData: false, waiting: { needsMyVote: 0, needsMyDecision: 0, followUpsDue: 0 }, nextItems: [], jobChanges: [], accounts: (await countsIn(tx, ctx, undefined)).accounts };
      }
      const counts = await countsIn(tx, ctx, undefined);
      const next = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT i.id FROM "ReviewItem" i
         WHERE i."teamId" = ${ctx.teamId} AND i.state = 'OPEN' AND ${notVotedBySql(ctx.userId)}
         ORDER BY i."accountId", i."createdAt"
         LIMIT ${NEXT_ITEMS}`;
      const nextItems = await loadItemSummaries(tx, ctx, next.map((r) => r.id));
      const jobs = await tx.$queryRaw<Array<{ connectionId: string; firstName: string; lastName: string; company: string | null; position: string | null; accountLabel: string; at: Date; itemId: string | null }>>`
        SELECT c.id AS "connectionId", c."firstName", c."lastName", c.company, c.position, a.label AS "accountLabel", c."jobChangedAt" AS at, i.id AS "itemId"
          FROM "Connection" c
          JOIN "LinkedInAccount" a ON a.id = c."accountId"
          LEFT JOIN "ReviewItem" i ON i."teamId" = c."teamId" AND i."connectionId" = c.id AND i.kind = 'JOB_CHANGE'
         WHERE c."teamId" = ${ctx.teamId} AND c.status = 'CONNECTED'
           AND c."jobChangedAt" >= ${NOW_UTC} - make_interval(days => ${JOB_CHANGE_DAYS})
         ORDER BY c."jobChangedAt" DESC, c.id
         LIMIT ${JOB_CHANGES}`;
      return {
        hasData: true,
        waiting: { needsMyVote: counts.needs_my_vote, needsMyDecision: head.needsMyDecision, followUpsDue: head.followUpsDue },
        nextItems,
        jobChanges: jobs.map((j) => ({
          connectionId: j.connectionId,
          name: `${j.firstName} ${j.lastName}`.trim(),
          company: j.company,
          position: j.position,
          accountLabel: j.accountLabel,
          at: j.at.toISOString(),
          itemId: j.itemId,
        })),
        accounts: counts.accounts,
      };
    },
    { interactive: true },
  );
}
