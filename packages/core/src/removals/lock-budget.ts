import { Prisma, type TRawTx } from "@crm/db";
import { forbidden, notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { lockRemovalBudget } from "./budget";

// The account's RemovalBudget row is its lock: every write path for the account (record, undo,
// policy update) takes it first, so two tabs, two devices, the API and any number of web replicas
// act one after the other. Checks come after the lock, in a later statement: in READ COMMITTED a
// statement that waited for a row lock still reads the other tables as they were before it waited.

/** `at` as a value for the timestamp(3) columns (UTC without a zone): the injected clock, never now(). */
export const ts = (at: Date | null) => Prisma.sql`(${at ? at.toISOString() : null}::timestamptz AT TIME ZONE 'UTC')`;

/** The account an outcome is recorded or undone on, and whether the first statement already took its lock. */
export type TOpened = {
  accountId: string;
  accountLabel: string;
  timeZone: string;
  ownerUserId: string;
  ownerName: string | null;
  /** The budget row existed and is now locked (owner only); null: lockRemovalBudget creates and locks it. */
  locked: string | null;
};

/**
 * The item's account, locking its budget in the same round trip when the caller owns the account
 * and the row exists (every confirmation after an account's first). Another team's or an unknown
 * item, or one that is not a removal, is NOT_FOUND; someone else's account is FORBIDDEN.
 */
export async function openItemAccount(tx: TRawTx, ctx: TTeamContext, itemId: string, now: Date): Promise<TOpened & { connectionId: string }> {
  const [row] = await tx.$queryRaw<Array<TOpened & { connectionId: string; kind: string }>>`
    SELECT i."connectionId", i.kind::text AS kind, a.id AS "accountId", a.label AS "accountLabel", a."timeZone", a."ownerUserId", ou.name AS "ownerName",
           (SELECT b."accountId" FROM "RemovalBudget" b
             WHERE b."accountId" = a.id AND b."teamId" = a."teamId" AND a."ownerUserId" = ${ctx.userId} AND i.kind = 'REMOVE'
               FOR UPDATE) AS locked
      FROM "ReviewItem" i
      JOIN "LinkedInAccount" a ON a.id = i."accountId" AND a."teamId" = i."teamId"
      LEFT JOIN "User" ou ON ou.id = a."ownerUserId"
     WHERE i."teamId" = ${ctx.teamId} AND i.id = ${itemId}`;
  if (!row || row.kind !== "REMOVE") throw notFound("This removal");
  return finishOpen(tx, ctx, row, now);
}

/** The same for an outcome (undo). */
export async function openOutcomeAccount(tx: TRawTx, ctx: TTeamContext, outcomeId: string, now: Date): Promise<TOpened> {
  const [row] = await tx.$queryRaw<TOpened[]>`
    SELECT a.id AS "accountId", a.label AS "accountLabel", a."timeZone", a."ownerUserId", ou.name AS "ownerName",
           (SELECT b."accountId" FROM "RemovalBudget" b
             WHERE b."accountId" = a.id AND b."teamId" = a."teamId" AND a."ownerUserId" = ${ctx.userId}
               FOR UPDATE) AS locked
      FROM "RemovalOutcome" o
      JOIN "LinkedInAccount" a ON a.id = o."accountId" AND a."teamId" = o."teamId"
      LEFT JOIN "User" ou ON ou.id = a."ownerUserId"
     WHERE o."teamId" = ${ctx.teamId} AND o.id = ${outcomeId}`;
  if (!row) throw notFound("This recorded outcome");
  return finishOpen(tx, ctx, row, now);
}

/** The owner check, then the lock when the first statement could not take it (withdrawals share it). */
export async function finishOpen<T extends TOpened>(tx: TRawTx, ctx: TTeamContext, row: T, now: Date): Promise<T> {
  // Only the person signed in to the account on LinkedIn acts on it: nobody else can have clicked.
  if (row.ownerUserId !== ctx.userId) {
    throw forbidden(`Only ${row.ownerName ?? "the account's owner"}, who is signed in to ${row.accountLabel} on LinkedIn, records its removals and withdrawals.`);
  }
  if (!row.locked) await lockRemovalBudget(tx, ctx.teamId, row.accountId, now);
  return row;
}
