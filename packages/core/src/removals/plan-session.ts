import { Prisma, withTeam, type TTx } from "@crm/db";
import { notFound } from "../errors";
import { readQueueRules } from "../review/queue-settings";
import { lockRemovalBudget, readBudget } from "./budget";
import { localDay } from "./local-day";
import { clearNotFound, returnStillConnected } from "./still-connected";
import type { TClock, TPlanResult } from "./types";

// The day's removal session (docs/decisions/0010, "Plan"). Set-based: an account has up to 30,000
// approved removals, so the plan is one UPDATE over a sorted, limited pick, never a loop.

type TAccount = { id: string; label: string; timeZone: string; ownerUserId: string };
type TDay = { planned: number; plannedAt: Date | null };
type TScope = { teamId: string; accountId: string };

const ts = (d: Date) => Prisma.sql`${d.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;

/**
 * The account, then its budget row locked for the rest of the transaction: the same lock every
 * write path of the account takes first (record, undo, policy), so a plan never races an outcome
 * or another plan (sweep, import, the owner's page). Another team's account is NOT_FOUND before
 * anything is written (a foreign key would accept its id).
 */
async function lockAccount(tx: TTx, s: TScope, now: Date): Promise<TAccount> {
  const [account] = await tx.$queryRaw<TAccount[]>`
    SELECT id, label, "timeZone", "ownerUserId" FROM "LinkedInAccount" WHERE id = ${s.accountId} AND "teamId" = ${s.teamId}`;
  if (!account) throw notFound("This LinkedIn account");
  await lockRemovalBudget(tx, s.teamId, s.accountId, now);
  return account;
}

/**
 * Who may be planned: an approved removal of someone still connected, not waiting for an export
 * after "Couldn't find them", and not protected now (endorsed or recommended the owner, or carries
 * a protected tag) unless it was approved with that loss acknowledged (protectedLoss).
 */
function eligibleSql(protectedTagIds: string[]): Prisma.Sql {
  return Prisma.sql`(i.kind = 'REMOVE' AND i.decision = 'REMOVE' AND i."notFoundAt" IS NULL AND c.status = 'CONNECTED'
    AND (cardinality(i."protectedLoss") > 0 OR NOT (c."endorsedMe" OR c."recommendedMe" OR EXISTS (
          SELECT 1 FROM "ConnectionTag" ct
           WHERE ct."teamId" = c."teamId" AND ct."connectionId" = c.id AND ct."tagId" = ANY(${protectedTagIds}::text[])))))`;
}

/**
 * Earlier days' unfinished plans carry over (they compete again), and today's planned people who
 * are no longer eligible (endorsed the owner since, gone) leave the plan.
 */
async function unplanStale(tx: TTx, s: TScope, today: string, eligible: Prisma.Sql): Promise<number> {
  return tx.$executeRaw`
    UPDATE "ReviewItem" i SET "plannedOn" = NULL, "planRank" = NULL
      FROM "Connection" c
     WHERE i."teamId" = ${s.teamId} AND i."accountId" = ${s.accountId} AND i.state = 'APPROVED' AND i."plannedOn" IS NOT NULL
       AND c.id = i."connectionId" AND c."teamId" = i."teamId"
       AND (i."plannedOn" <> ${today}::date OR NOT ${eligible})`;
}

/** Planned for today and not acted on yet, and the highest rank given today (new picks go after it). */
async function plannedLeft(tx: TTx, s: TScope, today: string): Promise<{ left: number; maxRank: number }> {
  const [row] = await tx.$queryRaw<Array<{ left: number; maxRank: number }>>`
    SELECT count(*)::int AS left, coalesce(max("planRank"), 0)::int AS "maxRank"
      FROM "ReviewItem"
     WHERE "teamId" = ${s.teamId} AND "accountId" = ${s.accountId} AND state = 'APPROVED' AND "plannedOn" = ${today}::date AND kind = 'REMOVE'`;
  return row ?? { left: 0, maxRank: 0 };
}

/** Lowest fit first: the best score over the team's ICPs (unscored = 0), then the oldest decision. */
async function pick(tx: TTx, s: TScope, today: string, eligible: Prisma.Sql, need: number, afterRank: number): Promise<number> {
  if (need <= 0) return 0;
  return tx.$executeRaw`
    WITH pick AS (
      SELECT i.id, row_number() OVER (ORDER BY coalesce(sc.best, 0), i."decidedAt", i.id)::int AS rn
        FROM "ReviewItem" i
        JOIN "Connection" c ON c.id = i."connectionId" AND c."teamId" = i."teamId" AND c."accountId" = i."accountId"
        -- Per approved item of the account (bounded by it), never the whole team's scores.
        LEFT JOIN LATERAL (
          SELECT max(x.score) AS best FROM "IcpScore" x WHERE x."teamId" = i."teamId" AND x."connectionId" = i."connectionId"
        ) sc ON true
       WHERE i."teamId" = ${s.teamId} AND i."accountId" = ${s.accountId} AND i.state = 'APPROVED' AND i."plannedOn" IS NULL
         AND ${eligible}
       ORDER BY coalesce(sc.best, 0), i."decidedAt", i.id
       LIMIT ${need}
    )
    UPDATE "ReviewItem" i SET "plannedOn" = ${today}::date, "planRank" = ${afterRank}::int + pick.rn
      FROM pick
     WHERE i.id = pick.id AND i."teamId" = ${s.teamId}`;
}

async function readDay(tx: TTx, s: TScope, today: string): Promise<TDay | null> {
  const [row] = await tx.$queryRaw<TDay[]>`
    SELECT planned, "plannedAt" FROM "RemovalDay" WHERE "teamId" = ${s.teamId} AND "accountId" = ${s.accountId} AND "localDate" = ${today}::date`;
  return row ?? null;
}

async function saveDay(tx: TTx, s: TScope, today: string, planned: number, now: Date): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "RemovalDay" ("teamId", "accountId", "localDate", planned, "plannedAt", "updatedAt")
    VALUES (${s.teamId}, ${s.accountId}, ${today}::date, ${planned}::int, ${ts(now)}, ${ts(now)})
    ON CONFLICT ("teamId", "accountId", "localDate")
    DO UPDATE SET planned = EXCLUDED.planned, "plannedAt" = EXCLUDED."plannedAt", "updatedAt" = EXCLUDED."updatedAt"`;
}

/** "Today: 20 removals planned for <account>", to the account's owner, once per local day. */
async function notifyOwner(tx: TTx, s: TScope, account: TAccount, today: string, planned: number, now: Date): Promise<void> {
  const data = JSON.stringify({ accountId: account.id, accountLabel: account.label, planned, localDate: today });
  await tx.$executeRaw`
    INSERT INTO "Notification" (id, "teamId", "userId", kind, data, "dedupeKey", "createdAt")
    SELECT gen_random_uuid()::text, ${s.teamId}, ${account.ownerUserId}, 'removal.planned', ${data}::jsonb,
           ${`removal-planned:${account.id}:${today}`}, ${ts(now)}
     WHERE EXISTS (SELECT 1 FROM "Membership" m WHERE m."teamId" = ${s.teamId} AND m."userId" = ${account.ownerUserId})
    ON CONFLICT ("teamId", "userId", "dedupeKey") DO NOTHING`;
}

/**
 * Plans the account's session for its current local day (worker job `removal.plan`, and lazily
 * when the owner opens the session): returns still-connected people to the backlog, then picks
 * approved removals lowest fit first, up to the day's allowance, and notifies the owner once.
 * Idempotent per local day; `topUp` adds more when the plan ran out and allowance remains.
 */
export async function planRemovalSession(teamId: string, accountId: string, opts: TClock & { topUp?: boolean } = {}): Promise<TPlanResult> {
  const now = opts.now ?? new Date();
  const s = { teamId, accountId };
  return withTeam(teamId, async (tx) => {
    const account = await lockAccount(tx, s, now);
    const { localDate: today } = localDay(now, account.timeZone);
    // An import may have changed the backlog since the last plan: then today's plan tops up.
    const returned = await returnStillConnected(tx, { ...s, timeZone: account.timeZone, now });
    const cleared = await clearNotFound(tx, s);
    const day = await readDay(tx, s, today);
    if (day?.plannedAt && !opts.topUp && returned + cleared === 0) return { localDate: today, planned: day.planned, status: "already" };

    const rules = await readQueueRules(tx, teamId);
    const eligible = eligibleSql(rules.protectedTagIds);
    await unplanStale(tx, s, today, eligible);
    const { left, maxRank } = await plannedLeft(tx, s, today);
    // remaining = min(limit − used, weekly room): today's plan never promises more than that.
    const budget = await readBudget(tx, teamId, accountId, now);
    const added = await pick(tx, s, today, eligible, budget.remaining - left, maxRank);

    const planned = day?.plannedAt ? day.planned + added : left + added;
    await saveDay(tx, s, today, planned, now);
    if (planned > 0) await notifyOwner(tx, s, account, today, planned, now);
    const status: TPlanResult["status"] = planned === 0 ? "nothing" : !day?.plannedAt ? "planned" : added > 0 ? "topped-up" : "already";
    return { localDate: today, planned, status };
  });
}
