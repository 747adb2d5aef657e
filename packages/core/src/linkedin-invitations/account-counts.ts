import { Prisma, withTeam } from "@crm/db";
import type { TTeamContext } from "../teams/membership";
import { DAY_MS } from "./constants";
import { withdrawAfterDaysOf } from "./withdraw-after";
import { countedWithdrawal, WITHDRAWN_WINDOW_DAYS } from "./withdrawn-count";

// Today's "Invitations" tiles: every account's counts in one statement (at most MAX_ACCOUNTS
// accounts, by label). Accounts with nothing to show are left out. "Withdrawn this week" is the
// digest's count (withdrawn-count.ts): recorded outcomes, not PendingInvitation.withdrawnAt.

const MAX_ACCOUNTS = 100;

export type TAccountInvitationCounts = {
  accountId: string;
  label: string;
  ownerUserId: string;
  openOutgoing: number;
  olderThanThreshold: number;
  incomingWaiting: number;
  /** Distinct invitations withdrawn in the last 7 days (neither undone nor contradicted by an archive). */
  withdrawnThisWeek: number;
};

export async function listInvitationCounts(ctx: TTeamContext, now = new Date()): Promise<{ withdrawAfterDays: number; accounts: TAccountInvitationCounts[] }> {
  return withTeam(ctx.teamId, async (tx) => {
    const settings = await tx.queueSettings.findUnique({ where: { teamId: ctx.teamId }, select: { rules: true } });
    const withdrawAfterDays = withdrawAfterDaysOf(settings?.rules);
    const threshold = new Date(now.getTime() - withdrawAfterDays * DAY_MS);
    const week = new Date(now.getTime() - WITHDRAWN_WINDOW_DAYS * DAY_MS);
    const rows = await tx.$queryRaw<TAccountInvitationCounts[]>(Prisma.sql`
      SELECT a.id AS "accountId", a.label, a."ownerUserId",
             coalesce(k."openOutgoing", 0)::int AS "openOutgoing", coalesce(k."olderThanThreshold", 0)::int AS "olderThanThreshold",
             coalesce(k."incomingWaiting", 0)::int AS "incomingWaiting", coalesce(wd.n, 0)::int AS "withdrawnThisWeek"
        FROM (SELECT * FROM "LinkedInAccount" x WHERE x."teamId" = ${ctx.teamId} ORDER BY x.label, x.id LIMIT ${MAX_ACCOUNTS}) a
        LEFT JOIN (SELECT p."accountId",
                     count(*) FILTER (WHERE p.direction = 'OUTGOING' AND p.status = 'PENDING') AS "openOutgoing",
                     count(*) FILTER (WHERE p.direction = 'OUTGOING' AND p.status = 'PENDING' AND p."sentAt" < ${threshold}) AS "olderThanThreshold",
                     count(*) FILTER (WHERE p.direction = 'INCOMING' AND p.status = 'PENDING' AND p.response IS NULL) AS "incomingWaiting"
                FROM "PendingInvitation" p
               WHERE p."teamId" = ${ctx.teamId}
               GROUP BY p."accountId") k ON k."accountId" = a.id
        LEFT JOIN (SELECT o."accountId", count(DISTINCT o."invitationId") AS n
                FROM "WithdrawalOutcome" o
               WHERE o."teamId" = ${ctx.teamId} AND ${countedWithdrawal} AND o."createdAt" >= ${week}
               GROUP BY o."accountId") wd ON wd."accountId" = a.id
       ORDER BY a.label, a.id`);
    return { withdrawAfterDays, accounts: rows.filter((r) => r.openOutgoing + r.incomingWaiting + r.withdrawnThisWeek > 0) };
  }, { interactive: true });
}
