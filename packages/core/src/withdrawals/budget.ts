import { Prisma, withTeamRaw, type TRawTx } from "@crm/db";
import { notFound } from "../errors";
import { budgetOf, localCounts, paceStateOf, type TPaceCore } from "../guided/pace-budget";
import { addLocalDays } from "../removals/local-day";
import { paceRefusal } from "../removals/policy";
import type { TClock } from "../removals/types";
import type { TTeamContext } from "../teams/membership";
import { WITHDRAW_NOUN, withdrawalLimits } from "./policy";
import type { TWithdrawalBudget } from "./types";

// An account's withdrawal allowance, read in one statement: the account, the withdraw columns of
// its RemovalBudget row, RemovalDay.withdrawUsed around today and the counted withdrawals of the
// last hour (the partial index WHERE counted). Same structure as removals/budget.ts; the arithmetic
// on what it reads is shared with it (guided/pace-budget.ts).

const HOUR_ROWS_CAP = 200;
const HOUR_MS = 3_600_000;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The shared pacing inputs (guided/pace-budget.ts) plus the withdraw columns of RemovalBudget. */
export type TWithdrawInputs = TPaceCore & {
  account: { id: string; label: string; timeZone: string; ownerUserId: string };
  storedDailyLimit: number | null;
  lastAt: Date | null;
};

type TRow = {
  id: string;
  label: string;
  timeZone: string;
  ownerUserId: string;
  withdrawDailyLimit: number | null;
  withdrawNextAllowedAt: Date | null;
  withdrawLastAt: Date | null;
  days: Array<{ localDate: string; used: number }> | null;
  hourTimes: number[] | null;
};

export async function loadWithdrawInputs(tx: TRawTx, teamId: string, accountId: string, now: Date): Promise<TWithdrawInputs> {
  const utcDate = now.toISOString().slice(0, 10);
  const hourAgo = new Date(now.getTime() - HOUR_MS);
  const rows = await tx.$queryRaw<TRow[]>(Prisma.sql`
    SELECT a.id, a.label, a."timeZone", a."ownerUserId",
           b."withdrawDailyLimit", b."withdrawNextAllowedAt", b."withdrawLastAt",
           (SELECT json_agg(json_build_object('localDate', d."localDate", 'used', d."withdrawUsed"))
              FROM "RemovalDay" d
             WHERE d."teamId" = ${teamId} AND d."accountId" = ${accountId}
               AND d."localDate" BETWEEN ${addLocalDays(utcDate, -7)}::date AND ${addLocalDays(utcDate, 1)}::date) AS days,
           (SELECT array_agg(h.ms ORDER BY h.ms) FROM (
              SELECT (extract(epoch FROM o."createdAt") * 1000)::float8 AS ms
                FROM "WithdrawalOutcome" o
               WHERE o."teamId" = ${teamId} AND o."accountId" = ${accountId}
                 AND o."createdAt" > (${hourAgo}::timestamptz AT TIME ZONE 'UTC')
                 AND counted
               ORDER BY o."createdAt" DESC
               LIMIT ${HOUR_ROWS_CAP}) h) AS "hourTimes"
      FROM "LinkedInAccount" a
      LEFT JOIN "RemovalBudget" b ON b."accountId" = a.id AND b."teamId" = a."teamId"
     WHERE a.id = ${accountId} AND a."teamId" = ${teamId}`);
  const r = rows[0];
  if (!r) throw notFound("This LinkedIn account");
  const counts = localCounts(r.days, now, r.timeZone);
  return {
    account: { id: r.id, label: r.label, timeZone: r.timeZone, ownerUserId: r.ownerUserId },
    storedDailyLimit: r.withdrawDailyLimit,
    limits: withdrawalLimits(r.withdrawDailyLimit),
    localDate: counts.localDate,
    resetsAt: counts.resetsAt,
    used: counts.used,
    // RemovalDay rows are shared with removals: a day with removals only has no withdrawals in it.
    weekDays: counts.weekDays.filter((d) => d.used > 0),
    hourTimes: (r.hourTimes ?? []).map((ms) => new Date(Number(ms))),
    nextAllowedAt: r.withdrawNextAllowedAt,
    lastAt: r.withdrawLastAt,
  };
}

/** What stops the next "Withdrawn" now, with the sentence naming withdrawals; null when allowed. */
export function withdrawRefusal(p: TWithdrawInputs, now: Date) {
  return paceRefusal(paceStateOf(p, now), WITHDRAW_NOUN);
}

/** The allowance as routes show it: the removal budget's arithmetic, refusals naming withdrawals. */
export function withdrawBudgetOf(p: TWithdrawInputs, now: Date): TWithdrawalBudget {
  return budgetOf(p, now, WITHDRAW_NOUN);
}

export async function readWithdrawBudget(tx: TRawTx, teamId: string, accountId: string, now: Date): Promise<TWithdrawalBudget> {
  return withdrawBudgetOf(await loadWithdrawInputs(tx, teamId, accountId, now), now);
}

/** Any member reads an account's withdrawal allowance (another team's account: 404). */
export async function getWithdrawalBudget(ctx: TTeamContext, accountId: string, clock: TClock = {}): Promise<TWithdrawalBudget> {
  if (typeof accountId !== "string" || !ID.test(accountId)) throw notFound("This LinkedIn account");
  const now = clock.now ?? new Date();
  return withTeamRaw(ctx.teamId, (tx) => readWithdrawBudget(tx, ctx.teamId, accountId, now), { interactive: true });
}
