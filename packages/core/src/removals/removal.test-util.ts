import { addConnections, addItems, makeReviewWorld, type TPersonSeed, type TReviewWorld } from "../review/review.test-util";
import { ownerQuery } from "../testing/setup";
import type { TClock } from "./types";

// A team whose owner runs a removal session, for the removal write tests (record, undo,
// concurrency): the review world (owner, teammate, admin; account "a" owned by the owner, "b" by
// the teammate) with approved REMOVE items on account "a", written as the database owner.
// Shared by other helpers' tests: keep the exported shapes stable.

export type TRemovalWorld = TReviewWorld & {
  /** Account "a" (the owner's), in `timeZone`. */
  account: { id: string; label: string; timeZone: string };
  /** Approved removals on the account, decided by the owner, in creation order. */
  items: string[];
  /** Their connections, same order. */
  connections: string[];
};

export async function makeRemovalWorld(opts: { label?: string; count?: number; timeZone?: string; people?: TPersonSeed[] } = {}): Promise<TRemovalWorld> {
  const world = await makeReviewWorld(opts.label ?? "Removal");
  const timeZone = opts.timeZone ?? "UTC";
  const account = world.accounts.a;
  await ownerQuery(`UPDATE "LinkedInAccount" SET "timeZone" = $2 WHERE id = $1`, [account.id, timeZone]);
  const people = opts.people ?? Array.from({ length: opts.count ?? 5 }, () => ({}));
  const { items, connections } = await addApprovedRemovals(world, account.id, people);
  return { ...world, account: { id: account.id, label: account.label, timeZone }, items, connections };
}

/** Approved removals (decided by the team's owner) of new connections in `accountId`. */
export async function addApprovedRemovals(world: Pick<TReviewWorld, "owner" | "icpId">, accountId: string, people: TPersonSeed[]): Promise<{ items: string[]; connections: string[] }> {
  const connections = await addConnections(world, accountId, people);
  const items = await addItems(
    world.owner.team.id,
    connections.map((connectionId) => ({ connectionId, accountId, state: "APPROVED" as const, decision: "REMOVE" as const, decidedById: world.owner.userId })),
  );
  return { items, connections };
}

export type TPolicyRow = {
  dailyLimit?: number | null;
  gapSeconds?: number;
  hourlyLimit?: number;
  weeklyLimit?: number | null;
  nextAllowedAt?: Date | null;
  lastRemovedAt?: Date | null;
};

/** The account's RemovalBudget row as given (absent fields: the defaults / null). */
export async function setRemovalPolicy(world: TRemovalWorld, p: TPolicyRow): Promise<void> {
  await ownerQuery(
    `INSERT INTO "RemovalBudget" ("accountId", "teamId", "dailyLimit", "gapSeconds", "hourlyLimit", "weeklyLimit", "nextAllowedAt", "lastRemovedAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz AT TIME ZONE 'UTC', $8::timestamptz AT TIME ZONE 'UTC', now())
     ON CONFLICT ("accountId") DO UPDATE SET "dailyLimit" = EXCLUDED."dailyLimit", "gapSeconds" = EXCLUDED."gapSeconds", "hourlyLimit" = EXCLUDED."hourlyLimit",
       "weeklyLimit" = EXCLUDED."weeklyLimit", "nextAllowedAt" = EXCLUDED."nextAllowedAt", "lastRemovedAt" = EXCLUDED."lastRemovedAt"`,
    [world.account.id, world.owner.team.id, p.dailyLimit ?? null, p.gapSeconds ?? 90, p.hourlyLimit ?? 12, p.weeklyLimit ?? null, iso(p.nextAllowedAt), iso(p.lastRemovedAt)],
  );
}

/**
 * Removals done before the test: `days` sets RemovalDay.used per local date (the daily and weekly
 * counts); `removedAt` adds a counted REMOVED outcome per time (the hourly count) on people
 * created for it, already removed, so the world's approved items stay untouched.
 */
export async function seedHistory(world: TRemovalWorld, h: { days?: Record<string, number>; removedAt?: Array<{ at: Date; localDate: string }> }): Promise<void> {
  const teamId = world.owner.team.id;
  for (const [localDate, used] of Object.entries(h.days ?? {})) {
    await ownerQuery(
      `INSERT INTO "RemovalDay" ("teamId", "accountId", "localDate", used, "updatedAt") VALUES ($1, $2, $3::date, $4, now())
       ON CONFLICT ("teamId", "accountId", "localDate") DO UPDATE SET used = EXCLUDED.used`,
      [teamId, world.account.id, localDate, used],
    );
  }
  const removed = h.removedAt ?? [];
  if (!removed.length) return;
  const past = await addApprovedRemovals(world, world.account.id, removed.map(() => ({ status: "REMOVAL_PENDING" as const })));
  await ownerQuery(`UPDATE "ReviewItem" SET state = 'DONE', "executedAt" = now() WHERE id = ANY($1::text[])`, [past.items]);
  await ownerQuery(
    `INSERT INTO "RemovalOutcome" (id, "teamId", "accountId", "itemId", "connectionId", outcome, "localDate", counted, "createdAt")
     SELECT gen_random_uuid()::text, $1, $2, r.item, r.conn, 'REMOVED', r.day::date, true, r.at::timestamptz AT TIME ZONE 'UTC'
       FROM jsonb_to_recordset($3::jsonb) AS r(item text, conn text, day text, at text)`,
    [teamId, world.account.id, JSON.stringify(removed.map((r, i) => ({ item: past.items[i], conn: past.connections[i], day: r.localDate, at: r.at.toISOString() })))],
  );
}

/** A fixed clock; the jitter's randomness 0.5 makes the gap exactly gapSeconds. */
export const clockAt = (now: Date, random: () => number = () => 0.5): Required<TClock> => ({ now, random });

export const addSeconds = (at: Date, s: number) => new Date(at.getTime() + s * 1000);

export async function budgetRow(world: TRemovalWorld): Promise<{ nextAllowedAt: Date | null; lastRemovedAt: Date | null } | undefined> {
  const [row] = await ownerQuery<{ nextAllowedAt: Date | null; lastRemovedAt: Date | null }>(
    `SELECT "nextAllowedAt" AT TIME ZONE 'UTC' AS "nextAllowedAt", "lastRemovedAt" AT TIME ZONE 'UTC' AS "lastRemovedAt" FROM "RemovalBudget" WHERE "accountId" = $1`,
    [world.account.id],
  );
  return row;
}

export async function dayUsed(world: TRemovalWorld, localDate: string): Promise<number> {
  const [row] = await ownerQuery<{ used: number }>(`SELECT used FROM "RemovalDay" WHERE "accountId" = $1 AND "localDate" = $2::date`, [world.account.id, localDate]);
  return row?.used ?? 0;
}

export type TItemRow = {
  state: string;
  decision: string | null;
  decisionReason: string | null;
  executedAt: Date | null;
  notFoundAt: Date | null;
  keepUntil: Date | null;
  plannedOn: string | null;
  version: number;
  lastChange: { action: string; actorId: string } | null;
  connectionStatus: string;
};

export async function itemRow(itemId: string): Promise<TItemRow> {
  const [row] = await ownerQuery<TItemRow>(
    `SELECT i.state::text AS state, i.decision::text AS decision, i."decisionReason", i."executedAt" AT TIME ZONE 'UTC' AS "executedAt",
            i."notFoundAt" AT TIME ZONE 'UTC' AS "notFoundAt", i."keepUntil" AT TIME ZONE 'UTC' AS "keepUntil", i."plannedOn"::text AS "plannedOn",
            i.version, i."lastChange", c.status::text AS "connectionStatus"
       FROM "ReviewItem" i JOIN "Connection" c ON c.id = i."connectionId" WHERE i.id = $1`,
    [itemId],
  );
  if (!row) throw new Error(`no item ${itemId}`);
  return row;
}

export type TOutcomeRow = { id: string; outcome: string; counted: boolean; liveFor: string | null; undoneAt: Date | null; budgetReturned: boolean; supersededAt: Date | null; localDate: string };

/** The item's outcomes, oldest first. */
export async function outcomeRows(itemId: string): Promise<TOutcomeRow[]> {
  return ownerQuery<TOutcomeRow>(
    `SELECT id, outcome::text AS outcome, counted, "liveFor", "undoneAt" AT TIME ZONE 'UTC' AS "undoneAt", "budgetReturned",
            "supersededAt" AT TIME ZONE 'UTC' AS "supersededAt", "localDate"::text AS "localDate"
       FROM "RemovalOutcome" WHERE "itemId" = $1 ORDER BY "createdAt", id`,
    [itemId],
  );
}

/** Counted removals of the account (what the hourly ceiling counts). */
export async function countedRemovals(world: TRemovalWorld): Promise<number> {
  const [row] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "RemovalOutcome" WHERE "accountId" = $1 AND counted`, [world.account.id]);
  return row!.n;
}

export async function auditRows(teamId: string, itemId: string): Promise<Array<{ action: string; metadata: Record<string, unknown>; actorUserId: string | null }>> {
  return ownerQuery(`SELECT action, metadata, "actorUserId" FROM "AuditLog" WHERE "teamId" = $1 AND "targetId" = $2 ORDER BY "createdAt", id`, [teamId, itemId]);
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
