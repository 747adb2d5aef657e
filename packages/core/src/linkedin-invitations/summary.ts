import { Prisma, type TTx } from "@crm/db";
import { DAY_MS, OPEN_INVITATIONS_GUIDELINE, REINVITE_BLOCK_DAYS } from "./constants";
import { countedWithdrawal, WITHDRAWN_WINDOW_DAYS } from "./withdrawn-count";

// The account's invitation counts in one statement: the page's banner and tabs, the API's
// summary. Each count is bounded (an account has at most a few thousand invitations; the cap only
// guards against a pathological file).

const COUNT_CAP = 100_000;

export type TInvitationSummary = {
  openOutgoing: number;
  guideline: number;
  /** How many open outgoing invitations are above the guideline (0 when under it). */
  overGuideline: number;
  /** The team's queue rule: outgoing invitations older than this are proposed for withdrawal. */
  withdrawAfterDays: number;
  olderThanThreshold: number;
  withoutMessage: number;
  /** Incoming invitations still pending on which the owner recorded nothing. */
  incomingWaiting: number;
  /** Incoming invitations still pending: the Incoming tab's "open" count. */
  incomingOpen: number;
  /**
   * Incoming invitations the owner answered that an export resolved in the last 21 days: the
   * Incoming list shows them after the open ones' count, marked "recently answered", so
   * incomingOpen + incomingRecentlyAnswered is the list's total before filters.
   */
  incomingRecentlyAnswered: number;
  /** Distinct invitations withdrawn in the last 7 days, as Today and the digest count them (withdrawn-count.ts). */
  withdrawnLast7Days: number;
  /** The "Withdrawn" tab: withdrawals of the last 21 days plus invitations re-sent too early. */
  withdrawnRecent: number;
  reinvitedEarly: number;
};

type TRow = Omit<TInvitationSummary, "guideline" | "overGuideline" | "withdrawAfterDays">;

/** An incoming invitation no longer pending that the owner answered, resolved by an export since `since`. */
export const recentlyAnsweredIncoming = (since: Date) =>
  Prisma.sql`(p.status <> 'PENDING' AND p.response IS NOT NULL AND p."statusChangedAt" >= ${since})`;

/** An outgoing invitation still pending that was sent within 21 days after a recorded withdrawal. */
export const reinvitedEarly = Prisma.sql`(p.status = 'PENDING' AND p."withdrawnAt" IS NOT NULL AND p."sentAt" > p."withdrawnAt"
      AND p."sentAt" < p."withdrawnAt" + make_interval(days => ${REINVITE_BLOCK_DAYS}))`;

export async function loadInvitationSummary(tx: TTx, teamId: string, accountId: string, withdrawAfterDays: number, now: Date): Promise<TInvitationSummary> {
  const threshold = new Date(now.getTime() - withdrawAfterDays * DAY_MS);
  const week = new Date(now.getTime() - WITHDRAWN_WINDOW_DAYS * DAY_MS);
  const block = new Date(now.getTime() - REINVITE_BLOCK_DAYS * DAY_MS);
  const [row] = await tx.$queryRaw<TRow[]>(Prisma.sql`
    SELECT count(*) FILTER (WHERE p.direction = 'OUTGOING' AND p.status = 'PENDING')::int AS "openOutgoing",
           count(*) FILTER (WHERE p.direction = 'OUTGOING' AND p.status = 'PENDING' AND p."sentAt" < ${threshold})::int AS "olderThanThreshold",
           count(*) FILTER (WHERE p.direction = 'OUTGOING' AND p.status = 'PENDING' AND coalesce(btrim(p.message), '') = '')::int AS "withoutMessage",
           count(*) FILTER (WHERE p.direction = 'INCOMING' AND p.status = 'PENDING' AND p.response IS NULL)::int AS "incomingWaiting",
           count(*) FILTER (WHERE p.direction = 'INCOMING' AND p.status = 'PENDING')::int AS "incomingOpen",
           count(*) FILTER (WHERE p.direction = 'INCOMING' AND ${recentlyAnsweredIncoming(block)})::int AS "incomingRecentlyAnswered",
           (SELECT count(DISTINCT o."invitationId") FROM "WithdrawalOutcome" o
             WHERE o."teamId" = ${teamId} AND o."accountId" = ${accountId} AND ${countedWithdrawal} AND o."createdAt" >= ${week})::int AS "withdrawnLast7Days",
           count(*) FILTER (WHERE p.direction = 'OUTGOING' AND p."withdrawnAt" IS NOT NULL
                              AND (p."withdrawnAt" >= ${block} OR ${reinvitedEarly}))::int AS "withdrawnRecent",
           count(*) FILTER (WHERE p.direction = 'OUTGOING' AND ${reinvitedEarly})::int AS "reinvitedEarly"
      FROM (SELECT * FROM "PendingInvitation" x
             WHERE x."teamId" = ${teamId} AND x."accountId" = ${accountId}
             LIMIT ${COUNT_CAP}) p`);
  const r = row ?? { openOutgoing: 0, olderThanThreshold: 0, withoutMessage: 0, incomingWaiting: 0, incomingOpen: 0, incomingRecentlyAnswered: 0, withdrawnLast7Days: 0, withdrawnRecent: 0, reinvitedEarly: 0 };
  return {
    ...r,
    guideline: OPEN_INVITATIONS_GUIDELINE,
    overGuideline: Math.max(0, r.openOutgoing - OPEN_INVITATIONS_GUIDELINE),
    withdrawAfterDays,
  };
}
