import { Prisma, withTeamRaw, type TRawTx } from "@crm/db";
import { notFound } from "../errors";
import { addLocalDays, localDay, weekWindow } from "../removals/local-day";
import { hourCount, paceRefusal, weekSum, type TPaceState } from "../removals/policy";
import type { TClock } from "../removals/types";
import type { TTeamContext } from "../teams/membership";
import { WITHDRAW_NOUN, withdrawalLimits } from "./policy";
import type { TWithdrawalBudget } from "./types";

// An account's withdrawal allowance, read in one statement: the account, the withdraw columns of
// its RemovalBudget row, RemovalDay.withdrawUsed around today and the counted withdrawals of the
// last hour (the partial index WHERE counted). Same structure as removals/budget.ts.

const HOUR_ROWS_CAP = 200;
const HOUR_MS = 3_600_000;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export type TWithdrawInputs = {
  account: { id: string; label: string; timeZone: string; ownerUserId: string };
  storedDailyLimit: number | null;
  limits: ReturnType<typeof withdrawalLimits>;
  localDate: string;
  resetsAt: Date;
  used: number;
  weekDays: Array<{ localDate: string; used: number }>;
  hourTimes: Date[];
  nextAllowedAt: Date | null;
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
  const { localDate, resetsAt } = localDay(now, r.timeZone);
  const { from } = weekWindow(localDate);
  const days = (r.days ?? []).map((d) => ({ localDate: String(d.localDate).slice(0, 10), used: Number(d.used) }));
  return {
    account: { id: r.id, label: r.label, timeZone: r.timeZone, ownerUserId: r.ownerUserId },
    storedDailyLimit: r.withdrawDailyLimit,
    limits: withdrawalLimits(r.withdrawDailyLimit),
    localDate,
    resetsAt,
    used: days.find((d) => d.localDate === localDate)?.used ?? 0,
    weekDays: days.filter((d) => d.localDate >= from && d.localDate <= localDate && d.used > 0),
    hourTimes: (r.hourTimes ?? []).map((ms) => new Date(Number(ms))),
    nextAllowedAt: r.withdrawNextAllowedAt,
    lastAt: r.withdrawLastAt,
  };
}

export function withdrawPaceState(p: TWithdrawInputs, now: Date): TPaceState & { gapSeconds: number } {
  return {
    now,
    limit: p.limits.dailyLimit,
    used: p.used,
    hourlyLimit: p.limits.hourlyLimit,
    hourTimes: p.hourTimes,
    weeklyLimit: p.limits.weeklyLimit,
    weekDays: p.weekDays,
    nextAllowedAt: p.nextAllowedAt,
    resetsAt: p.resetsAt,
    timeZone: p.account.timeZone,
    gapSeconds: p.limits.gapSeconds,
  };
}

/** What stops the next "Withdrawn" now, with the sentence naming withdrawals; null when allowed. */
export function withdrawRefusal(p: TWithdrawInputs, now: Date) {
  return paceRefusal(withdrawPaceState(p, now), WITHDRAW_NOUN);
}

export function withdrawBudgetOf(p: TWithdrawInputs, now: Date): TWithdrawalBudget {
  const refusal = withdrawRefusal(p, now);
  const weekUsed = weekSum(p.weekDays, p.localDate);
  return {
    accountId: p.account.id,
    limit: p.limits.dailyLimit,
    used: p.used,
    remaining: Math.max(0, Math.min(p.limits.dailyLimit - p.used, p.limits.weeklyLimit - weekUsed)),
    hourUsed: hourCount(p.hourTimes, now),
    hourlyLimit: p.limits.hourlyLimit,
    weekUsed,
    weeklyLimit: p.limits.weeklyLimit,
    gapSeconds: p.limits.gapSeconds,
    nextAllowedAt: refusal ? refusal.nextAllowedAt.toISOString() : null,
    blockedBy: refusal ? refusal.limit : null,
    resetsAt: p.resetsAt.toISOString(),
    timeZone: p.account.timeZone,
    localDate: p.localDate,
  };
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
