import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma, withTeam } from "@crm/db";
import { addConnections, addItems, makeReviewWorld, type TReviewWorld } from "../review/review.test-util";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { getRemovalBudget, loadPaceInputs, lockRemovalBudget, paceInputsSql, readBudget } from "./budget";

// The budget as the GET route and the session show it, read from seeded rows with an injected clock.

let world: TReviewWorld;
let stranger: TSignedUpUser;

beforeAll(async () => {
  await startTestEnv();
  world = await makeReviewWorld("Budget");
  stranger = await signUpUser("Budget Stranger");
});
afterAll(stopTestEnv);

const MIN = 60_000;

async function freshAccount(timeZone = "UTC", isNew = false): Promise<string> {
  const id = randomUUID();
  await ownerQuery(`INSERT INTO "LinkedInAccount" (id, "teamId", "ownerUserId", label, "timeZone", "isNew", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, now())`, [
    id,
    world.owner.team.id,
    world.owner.userId,
    `Budget ${id.slice(0, 8)}`,
    timeZone,
    isNew,
  ]);
  return id;
}

async function seedDays(accountId: string, days: Array<[string, number]>): Promise<void> {
  for (const [localDate, used] of days) {
    await ownerQuery(`INSERT INTO "RemovalDay" ("teamId", "accountId", "localDate", used, "updatedAt") VALUES ($1, $2, $3::date, $4, now())`, [world.owner.team.id, accountId, localDate, used]);
  }
}

/** RemovalOutcome rows at the given times (one connection and item each, as the foreign keys need). */
async function seedOutcomes(accountId: string, rows: Array<{ at: Date; counted: boolean }>): Promise<void> {
  const connectionIds = await addConnections(world, accountId, rows.map(() => ({ status: "REMOVAL_PENDING" as const })));
  const itemIds = await addItems(world.owner.team.id, connectionIds.map((connectionId) => ({ connectionId, accountId, state: "DONE" as const, decision: "REMOVE" as const })));
  for (const [i, r] of rows.entries()) {
    await ownerQuery(
      `INSERT INTO "RemovalOutcome" (id, "teamId", "accountId", "itemId", "connectionId", outcome, "localDate", counted, "createdAt")
       VALUES ($1, $2, $3, $4, $5, 'REMOVED', ($6::timestamptz AT TIME ZONE 'UTC')::date, $7, $6::timestamptz AT TIME ZONE 'UTC')`,
      [randomUUID(), world.owner.team.id, accountId, itemIds[i], connectionIds[i], r.at.toISOString(), r.counted],
    );
  }
}

describe("removal budget", () => {
  it("a fresh account has the small tier's defaults and nothing blocks", async () => {
    const accountId = await freshAccount("UTC");
    const now = new Date("2026-12-05T10:00:00Z");
    const b = await getRemovalBudget(world.ctx.teammate, accountId, { now });
    expect(b).toEqual({
      accountId,
      limit: 10,
      used: 0,
      remaining: 10,
      hourUsed: 0,
      hourlyLimit: 12,
      weekUsed: 0,
      weeklyLimit: 50,
      gapSeconds: 90,
      nextAllowedAt: null,
      blockedBy: null,
      resetsAt: "2026-12-06T00:00:00.000Z",
      timeZone: "UTC",
      localDate: "2026-12-05",
    });
    // Reading creates no policy row.
    expect(await ownerQuery(`SELECT 1 FROM "RemovalBudget" WHERE "accountId" = $1`, [accountId])).toHaveLength(0);
  });

  it("the tier follows the connections still there (CONNECTED or REMOVAL_PENDING) and the new flag", async () => {
    const accountId = await freshAccount();
    const now = new Date("2026-12-05T10:00:00Z");
    await addConnections(world, accountId, [
      ...Array.from({ length: 498 }, () => ({})),
      { status: "REMOVAL_PENDING" as const },
      { status: "GONE" as const },
      { status: "REMOVED" as const },
    ]);
    expect((await getRemovalBudget(world.ctx.owner, accountId, { now })).limit).toBe(10); // 499
    await addConnections(world, accountId, [{}]);
    expect((await getRemovalBudget(world.ctx.owner, accountId, { now })).limit).toBe(20); // 500
    await addConnections(world, accountId, Array.from({ length: 1500 }, () => ({})));
    expect((await getRemovalBudget(world.ctx.owner, accountId, { now })).limit).toBe(20); // 2,000
    await addConnections(world, accountId, [{ status: "REMOVAL_PENDING" as const }]);
    const large = await getRemovalBudget(world.ctx.owner, accountId, { now });
    expect([large.limit, large.weeklyLimit, large.remaining]).toEqual([25, 125, 25]); // 2,001
    await ownerQuery(`UPDATE "LinkedInAccount" SET "isNew" = true WHERE id = $1`, [accountId]);
    expect((await getRemovalBudget(world.ctx.owner, accountId, { now })).limit).toBe(10);
    const exact = await withTeam(world.owner.team.id, (tx) => loadPaceInputs(tx, world.owner.team.id, accountId, now, { exactCount: true }));
    expect([exact.connectionCount, exact.tier]).toEqual([2001, "new"]);
  });

  it("counts today, the rolling week and the rolling hour from the rows", async () => {
    const accountId = await freshAccount("UTC");
    const now = new Date("2026-12-05T10:00:00Z");
    await seedDays(accountId, [
      ["2026-12-05", 3],
      ["2026-12-04", 4],
      ["2026-11-29", 2], // the window's first day
      ["2026-11-28", 9], // outside the window
      ["2026-12-06", 5], // tomorrow (a clock skew or a later read): not today's
    ]);
    await seedOutcomes(accountId, [
      { at: new Date(now.getTime() - 5 * MIN), counted: true },
      { at: new Date(now.getTime() - 59 * MIN), counted: true },
      { at: new Date(now.getTime() - 60 * MIN), counted: true }, // exactly an hour ago: out
      { at: new Date(now.getTime() - 90 * MIN), counted: true },
      { at: new Date(now.getTime() - 2 * MIN), counted: false }, // not found / given back
    ]);
    const b = await getRemovalBudget(world.ctx.admin, accountId, { now });
    expect(b).toMatchObject({ used: 3, weekUsed: 9, hourUsed: 2, limit: 10, remaining: 7, weeklyLimit: 50, blockedBy: null, nextAllowedAt: null });
  });

  it("reports what blocks and until when: the gap, the hourly, daily and weekly ceilings", async () => {
    const accountId = await freshAccount("UTC");
    const now = new Date("2026-12-05T10:00:00Z");
    await ownerQuery(`INSERT INTO "RemovalBudget" ("accountId", "teamId", "hourlyLimit", "nextAllowedAt", "updatedAt") VALUES ($1, $2, 2, $3::timestamptz AT TIME ZONE 'UTC', now())`, [
      accountId,
      world.owner.team.id,
      new Date(now.getTime() + 40_000).toISOString(),
    ]);
    const paced = await getRemovalBudget(world.ctx.owner, accountId, { now });
    expect([paced.blockedBy, paced.nextAllowedAt, paced.remaining]).toEqual(["PACE_WAIT", "2026-12-05T10:00:40.000Z", 10]);

    await seedOutcomes(accountId, [
      { at: new Date(now.getTime() - 50 * MIN), counted: true },
      { at: new Date(now.getTime() - 10 * MIN), counted: true },
    ]);
    const hourly = await getRemovalBudget(world.ctx.owner, accountId, { now });
    expect([hourly.blockedBy, hourly.nextAllowedAt, hourly.hourUsed]).toEqual(["HOURLY_LIMIT", "2026-12-05T10:10:00.000Z", 2]);

    await seedDays(accountId, [["2026-12-05", 10]]);
    const daily = await getRemovalBudget(world.ctx.owner, accountId, { now });
    expect([daily.blockedBy, daily.nextAllowedAt, daily.remaining]).toEqual(["DAILY_LIMIT", "2026-12-06T00:00:00.000Z", 0]);

    await ownerQuery(`UPDATE "RemovalBudget" SET "weeklyLimit" = 15, "dailyLimit" = 12 WHERE "accountId" = $1`, [accountId]);
    await seedDays(accountId, [["2026-12-01", 5]]);
    const weekly = await getRemovalBudget(world.ctx.owner, accountId, { now });
    // Under the daily 12 but the week holds 15: open again on 2 Dec + 7 = 8 Dec (window 2–8 Dec holds 10).
    expect(weekly).toMatchObject({ limit: 12, used: 10, weekUsed: 15, weeklyLimit: 15, remaining: 0, blockedBy: "WEEKLY_LIMIT", nextAllowedAt: "2026-12-08T00:00:00.000Z" });
  });

  it("uses the account's local day (Europe/Berlin), not the UTC date, across a DST change", async () => {
    const accountId = await freshAccount("Europe/Berlin");
    await seedDays(accountId, [
      ["2026-12-06", 2],
      ["2026-12-05", 7],
    ]);
    // 23:30 UTC on the 5th is 00:30 on the 6th in Berlin.
    const late = await getRemovalBudget(world.ctx.owner, accountId, { now: new Date("2026-12-05T23:30:00Z") });
    expect(late).toMatchObject({ localDate: "2026-12-06", used: 2, weekUsed: 9, resetsAt: "2026-12-06T23:00:00.000Z", timeZone: "Europe/Berlin" });
    const fallBack = await getRemovalBudget(world.ctx.owner, accountId, { now: new Date("2026-10-25T12:00:00Z") });
    expect(fallBack).toMatchObject({ localDate: "2026-10-25", resetsAt: "2026-10-25T23:00:00.000Z", used: 0 });
  });

  it("readBudget runs inside a caller's transaction, after the caller took the budget lock", async () => {
    const accountId = await freshAccount("Asia/Kolkata");
    const now = new Date("2026-12-05T19:00:00Z"); // 00:30 on the 6th in Kolkata
    const b = await withTeam(world.owner.team.id, async (tx) => {
      await lockRemovalBudget(tx, world.owner.team.id, accountId, now);
      await lockRemovalBudget(tx, world.owner.team.id, accountId, now); // idempotent
      return readBudget(tx, world.owner.team.id, accountId, now);
    });
    expect(b).toMatchObject({ localDate: "2026-12-06", resetsAt: "2026-12-06T18:30:00.000Z", limit: 10, gapSeconds: 90 });
    expect(await ownerQuery(`SELECT "teamId" FROM "RemovalBudget" WHERE "accountId" = $1`, [accountId])).toEqual([{ teamId: world.owner.team.id }]);
  });

  it("another team's account does not exist for you", async () => {
    const e = await rejectionOf(getRemovalBudget(stranger.ctx, world.accounts.a.id));
    expect([e.code, e.message]).toEqual(["NOT_FOUND", "This LinkedIn account does not exist or you do not have access to it."]);
    expect((await rejectionOf(getRemovalBudget(world.ctx.owner, randomUUID()))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(getRemovalBudget(world.ctx.owner, "no such id; drop table"))).code).toBe("NOT_FOUND");
    // …and its budget is its own: the stranger's team cannot read it inside its own transaction either.
    const inTx = await rejectionOf(withTeam(stranger.team.id, (tx) => readBudget(tx, stranger.team.id, world.accounts.a.id, new Date())));
    expect(inTx.code).toBe("NOT_FOUND");
  });

  it("reads the budget in one statement; the hour walks the partial index WHERE counted", async () => {
    const accountId = await freshAccount("UTC");
    const now = new Date("2026-12-05T10:00:00Z");
    // A month of history (4,000 outcomes) so the planner has something to choose between.
    await seedOutcomes(accountId, [{ at: new Date(now.getTime() - 10 * MIN), counted: true }]);
    await ownerQuery(
      `INSERT INTO "RemovalOutcome" (id, "teamId", "accountId", "itemId", "connectionId", outcome, "localDate", counted, "createdAt")
       SELECT gen_random_uuid()::text, o."teamId", o."accountId", o."itemId", o."connectionId", 'REMOVED', o."localDate", g % 5 <> 0,
              o."createdAt" - g * interval '10 minutes'
         FROM "RemovalOutcome" o, generate_series(7, 4006) g WHERE o."accountId" = $1`,
      [accountId],
    );
    await ownerQuery(`ANALYZE "RemovalOutcome"`);
    const plan = await withTeam(world.owner.team.id, (tx) => tx.$queryRaw<Array<{ "QUERY PLAN": string }>>(Prisma.sql`EXPLAIN ${paceInputsSql(world.owner.team.id, accountId, now)}`));
    expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toContain("RemovalOutcome_teamId_accountId_createdAt_idx");
    const b = await getRemovalBudget(world.ctx.owner, accountId, { now });
    // The seeded one (10 min ago) is the only one in the hour: the generated ones are 80 min old or older.
    expect(b.hourUsed).toBe(1);
  });
});
