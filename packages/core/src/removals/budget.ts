import { Prisma, withTeamRaw, type TRawTx } from "@crm/db";
import { notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { budgetOf, localCounts, type TPaceCore } from "../guided/pace-budget";
import { addLocalDays } from "./local-day";
import { effectiveLimits, tierOf } from "./policy";
import type { TClock, TRemovalBudget, TTier } from "./types";

// An account's removal budget, read in one round trip: the account, its policy row (absent → the
// defaults), its size, the day counts around today and the counted removals of the last hour.

/** Enough connections to tell the tiers apart (< 500, ≤ 2,000, more): the budget never counts 30,000. */
const TIER_COUNT_CAP = 2001;
/** More counted removals in one hour than any hourly limit allows (50): a safe bound for the list. */
const HOUR_ROWS_CAP = 200;
const HOUR_MS = 3_600_000;

/** The shared pacing inputs (guided/pace-budget.ts) plus what the removal policy page shows. */
export type TPaceInputs = TPaceCore & {
  account: { id: string; teamId: string; label: string; timeZone: string; isNew: boolean; ownerUserId: string };
  /** The RemovalBudget row exists (the owner saved a policy or something was recorded). */
  hasPolicyRow: boolean;
  stored: { dailyLimit: number | null; gapSeconds: number; hourlyLimit: number; weeklyLimit: number | null };
  policyUpdatedById: string | null;
  policyUpdatedAt: Date | null;
  lastRemovedAt: Date | null;
  /** Connections CONNECTED or REMOVAL_PENDING; capped at 2,001 unless asked for the exact count. */
  connectionCount: number;
  tier: TTier;
  defaultDailyLimit: number;
};

type TRow = {
  id: string;
  teamId: string;
  label: string;
  timeZone: string;
  isNew: boolean;
  ownerUserId: string;
  hasPolicyRow: boolean;
  dailyLimit: number | null;
  gapSeconds: number | null;
  hourlyLimit: number | null;
  weeklyLimit: number | null;
  nextAllowedAt: Date | null;
  lastRemovedAt: Date | null;
  policyUpdatedById: string | null;
  policyUpdatedAt: Date | null;
  connectionCount: number;
  days: Array<{ localDate: string; used: number }> | null;
  hourTimes: number[] | null;
};

/** The one statement behind loadPaceInputs (exported so a test can EXPLAIN it). */
export function paceInputsSql(teamId: string, accountId: string, now: Date, opts: { exactCount?: boolean } = {}): Prisma.Sql {
  const utcDate = now.toISOString().slice(0, 10);
  const daysFrom = addLocalDays(utcDate, -7);
  const daysTo = addLocalDays(utcDate, 1);
  const countCap = opts.exactCount ? 1_000_000 : TIER_COUNT_CAP;
  const hourAgo = new Date(now.getTime() - HOUR_MS);
  // Connection.status and RemovalOutcome.counted are not leakproof under RLS: the count walks the
  // (teamId, accountId, status) index by its prefix (index-only, stopped at the cap: < 1 ms where
  // counting 30,000 takes 30), the hour uses the partial index WHERE counted.
  return Prisma.sql`
    SELECT a.id, a."teamId", a.label, a."timeZone", a."isNew", a."ownerUserId",
           (b."accountId" IS NOT NULL) AS "hasPolicyRow",
           b."dailyLimit", b."gapSeconds", b."hourlyLimit", b."weeklyLimit", b."nextAllowedAt", b."lastRemovedAt",
           b."policyUpdatedById", b."policyUpdatedAt",
           (SELECT count(*)::int FROM (
              SELECT 1 FROM "Connection" c
               WHERE c."teamId" = ${teamId} AND c."accountId" = ${accountId} AND c.status IN ('CONNECTED', 'REMOVAL_PENDING')
               LIMIT ${countCap}) n) AS "connectionCount",
           (SELECT json_agg(json_build_object('localDate', d."localDate", 'used', d.used))
              FROM "RemovalDay" d
             WHERE d."teamId" = ${teamId} AND d."accountId" = ${accountId}
               AND d."localDate" BETWEEN ${daysFrom}::date AND ${daysTo}::date) AS days,
           (SELECT array_agg(h.ms ORDER BY h.ms) FROM (
              SELECT (extract(epoch FROM o."createdAt") * 1000)::float8 AS ms
                FROM "RemovalOutcome" o
               WHERE o."teamId" = ${teamId} AND o."accountId" = ${accountId}
                 AND o."createdAt" > (${hourAgo}::timestamptz AT TIME ZONE 'UTC')
                 AND counted
               ORDER BY o."createdAt" DESC
               LIMIT ${HOUR_ROWS_CAP}) h) AS "hourTimes"
      FROM "LinkedInAccount" a
      LEFT JOIN "RemovalBudget" b ON b."accountId" = a.id AND b."teamId" = a."teamId"
     WHERE a.id = ${accountId} AND a."teamId" = ${teamId}`;
}

/**
 * Everything the policy needs about one account at `now`, in one statement. The local date needs
 * the account's zone, which this same statement reads: the days are fetched for every date `now`
 * can be in any zone (UTC−12 … UTC+14) and the week before it, then picked in TypeScript.
 * Inside record/undo, call it after locking the RemovalBudget row so the numbers cannot move.
 */
export async function loadPaceInputs(tx: TRawTx, teamId: string, accountId: string, now: Date, opts: { exactCount?: boolean } = {}): Promise<TPaceInputs> {
  const rows = await tx.$queryRaw<TRow[]>(paceInputsSql(teamId, accountId, now, opts));
  const r = rows[0];
  if (!r) throw notFound("This LinkedIn account");
  return paceInputsFromRow(r, now);
}

function paceInputsFromRow(r: TRow, now: Date): TPaceInputs {
  const stored = {
    dailyLimit: r.dailyLimit,
    gapSeconds: r.gapSeconds ?? 90,
    hourlyLimit: r.hourlyLimit ?? 12,
    weeklyLimit: r.weeklyLimit,
  };
  const { tier, defaultDailyLimit } = tierOf({ connectionCount: r.connectionCount, isNew: r.isNew });
  return {
    account: { id: r.id, teamId: r.teamId, label: r.label, timeZone: r.timeZone, isNew: r.isNew, ownerUserId: r.ownerUserId },
    hasPolicyRow: r.hasPolicyRow,
    stored,
    policyUpdatedById: r.policyUpdatedById,
    policyUpdatedAt: r.policyUpdatedAt,
    lastRemovedAt: r.lastRemovedAt,
    connectionCount: r.connectionCount,
    tier,
    defaultDailyLimit,
    limits: effectiveLimits(stored, defaultDailyLimit),
    ...localCounts(r.days, now, r.timeZone),
    hourTimes: (r.hourTimes ?? []).map((ms) => new Date(Number(ms))),
    nextAllowedAt: r.nextAllowedAt,
  };
}

/** The policy's view of the inputs at `now`: the arithmetic both guided sessions share. */
export { paceStateOf } from "../guided/pace-budget";

/** The budget as routes show it, from inputs read at `now` (refusals name removals). */
export function budgetFromInputs(p: TPaceInputs, now: Date): TRemovalBudget {
  return budgetOf(p, now);
}

/**
 * Takes the account's budget lock: creates its RemovalBudget row if missing, then locks it. Every
 * write path for the account (record, undo, policy) calls this first, which serializes them.
 * The caller must have checked that the account is the team's: the foreign key check does not
 * go through row-level security.
 */
export async function lockRemovalBudget(tx: TRawTx, teamId: string, accountId: string, now: Date): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "RemovalBudget" ("accountId", "teamId", "updatedAt")
    VALUES (${accountId}, ${teamId}, ${now}::timestamptz AT TIME ZONE 'UTC')
    ON CONFLICT ("accountId") DO NOTHING`;
  await tx.$queryRaw`SELECT 1 FROM "RemovalBudget" WHERE "accountId" = ${accountId} AND "teamId" = ${teamId} FOR UPDATE`;
}

/** The same inside a caller's team transaction (session view, record, undo, planner). */
export async function readBudget(tx: TRawTx, teamId: string, accountId: string, now: Date): Promise<TRemovalBudget> {
  return budgetFromInputs(await loadPaceInputs(tx, teamId, accountId, now), now);
}

/** Any member reads an account's budget (the account must be the team's: 404 otherwise). */
export async function getRemovalBudget(ctx: TTeamContext, accountId: string, clock: TClock = {}): Promise<TRemovalBudget> {
  const now = clock.now ?? new Date();
  return withTeamRaw(ctx.teamId, (tx) => readBudget(tx, ctx.teamId, accountId, now), { interactive: true });
}

