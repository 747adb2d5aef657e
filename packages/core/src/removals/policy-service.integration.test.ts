import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addConnections, makeReviewWorld, type TReviewWorld } from "../review/review.test-util";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { getRemovalBudget } from "./budget";
import { RISK_WARNING } from "./policy";
import { getRemovalPolicy, updateRemovalPolicy } from "./policy-service";

// The account's removal policy: everyone reads it, only the account's owner changes it, within
// bounds nobody passes; every change is audited with before and after.

let world: TReviewWorld;
let stranger: TSignedUpUser;

beforeAll(async () => {
  await startTestEnv();
  world = await makeReviewWorld("Policy");
  stranger = await signUpUser("Policy Stranger");
});
afterAll(stopTestEnv);

type TErr = { code?: string; message: string; details?: { field?: string } };
const failure = async (p: Promise<unknown>) => {
  const e = (await rejectionOf(p)) as TErr;
  return { code: e.code, field: e.details?.field, message: e.message };
};
const policyRow = (accountId: string) => ownerQuery(`SELECT "dailyLimit", "gapSeconds", "hourlyLimit", "weeklyLimit", "teamId" FROM "RemovalBudget" WHERE "accountId" = $1`, [accountId]);

describe("removal policy", () => {
  it("everyone reads the defaults of the account's tier; only the owner may edit", async () => {
    const accountId = world.accounts.a.id;
    await addConnections(world, accountId, Array.from({ length: 600 }, () => ({})));
    const p = await getRemovalPolicy(world.ctx.teammate, accountId);
    expect(p).toEqual({
      accountId,
      accountLabel: world.accounts.a.label,
      timeZone: "UTC",
      tier: "established",
      connectionCount: 600,
      isNew: false,
      defaultDailyLimit: 20,
      dailyLimit: 20,
      dailyLimitOverridden: false,
      gapSeconds: 90,
      hourlyLimit: 12,
      weeklyLimit: 100,
      weeklyLimitOverridden: false,
      warning: null,
      updatedAt: null,
      updatedBy: null,
      canEdit: false,
    });
    expect((await getRemovalPolicy(world.ctx.owner, accountId)).canEdit).toBe(true);
    expect((await getRemovalPolicy(world.ctx.admin, accountId)).canEdit).toBe(false);
    expect((await getRemovalPolicy(world.ctx.teammate, world.accounts.b.id)).canEdit).toBe(true);
  });

  it("the owner lowers the limits; it is audited with before and after and the budget follows", async () => {
    const accountId = world.accounts.a.id;
    const saved = await updateRemovalPolicy(world.ctx.owner, accountId, { dailyLimit: 15, gapSeconds: 120, hourlyLimit: 8, weeklyLimit: null });
    expect(saved).toMatchObject({
      dailyLimit: 15,
      dailyLimitOverridden: true,
      defaultDailyLimit: 20,
      gapSeconds: 120,
      hourlyLimit: 8,
      weeklyLimit: 75,
      weeklyLimitOverridden: false,
      warning: null,
      updatedBy: { id: world.owner.userId, name: world.owner.name },
      canEdit: true,
    });
    expect(saved.updatedAt).not.toBeNull();
    expect(await getRemovalPolicy(world.ctx.teammate, accountId)).toEqual({ ...saved, canEdit: false });
    expect(await getRemovalBudget(world.ctx.teammate, accountId)).toMatchObject({ limit: 15, gapSeconds: 120, hourlyLimit: 8, weeklyLimit: 75 });

    const [audit] = await ownerQuery<{ actorUserId: string; targetType: string; targetId: string; metadata: unknown }>(
      `SELECT "actorUserId", "targetType", "targetId", metadata FROM "AuditLog" WHERE "teamId" = $1 AND action = 'removal.policy' ORDER BY "createdAt" DESC LIMIT 1`,
      [world.owner.team.id],
    );
    expect(audit).toEqual({
      actorUserId: world.owner.userId,
      targetType: "linkedin_account",
      targetId: accountId,
      metadata: {
        before: { stored: { dailyLimit: null, gapSeconds: 90, hourlyLimit: 12, weeklyLimit: null }, inForce: { dailyLimit: 20, gapSeconds: 90, hourlyLimit: 12, weeklyLimit: 100 } },
        after: { stored: { dailyLimit: 15, gapSeconds: 120, hourlyLimit: 8, weeklyLimit: null }, inForce: { dailyLimit: 15, gapSeconds: 120, hourlyLimit: 8, weeklyLimit: 75 } },
      },
    });

    // Fields left out keep their value; null goes back to the default.
    const partial = await updateRemovalPolicy(world.ctx.owner, accountId, { weeklyLimit: 40 });
    expect(partial).toMatchObject({ dailyLimit: 15, gapSeconds: 120, hourlyLimit: 8, weeklyLimit: 40, weeklyLimitOverridden: true });
    const reset = await updateRemovalPolicy(world.ctx.owner, accountId, { dailyLimit: null, weeklyLimit: null, gapSeconds: 90, hourlyLimit: 12 });
    expect(reset).toMatchObject({ dailyLimit: 20, dailyLimitOverridden: false, weeklyLimit: 100, weeklyLimitOverridden: false });
    expect(await policyRow(accountId)).toEqual([{ dailyLimit: null, gapSeconds: 90, hourlyLimit: 12, weeklyLimit: null, teamId: world.owner.team.id }]);
  });

  it("refuses values out of bounds, naming the field; the hard cap of 50 holds for everybody", async () => {
    const accountId = world.accounts.a.id;
    const before = await policyRow(accountId);
    const cases: Array<[unknown, string]> = [
      [{ dailyLimit: 51, acknowledgeRisk: true }, "dailyLimit"],
      [{ dailyLimit: 0 }, "dailyLimit"],
      [{ dailyLimit: 10.5 }, "dailyLimit"],
      [{ dailyLimit: "20" }, "dailyLimit"],
      [{ gapSeconds: 29 }, "gapSeconds"],
      [{ gapSeconds: 3601 }, "gapSeconds"],
      [{ hourlyLimit: 0 }, "hourlyLimit"],
      [{ hourlyLimit: 51 }, "hourlyLimit"],
      [{ weeklyLimit: 351 }, "weeklyLimit"],
      [{ acknowledgeRisk: "yes" }, "acknowledgeRisk"],
      [{ turbo: true }, "turbo"],
      ["fast", "policy"],
      [null, "policy"],
    ];
    for (const [input, field] of cases) {
      const e = await failure(updateRemovalPolicy(world.ctx.owner, accountId, input));
      expect([e.code, e.field], JSON.stringify(input)).toEqual(["VALIDATION", field]);
    }
    expect((await failure(updateRemovalPolicy(world.ctx.owner, accountId, { dailyLimit: 51, acknowledgeRisk: true }))).message).toBe(
      "Daily limit: at most 50 removals a day, for every account: LinkedIn restricts accounts that remove more.",
    );
    // The floor has no "LinkedIn restricts" reason, and says "removal" for one.
    expect((await failure(updateRemovalPolicy(world.ctx.owner, accountId, { dailyLimit: 0 }))).message).toBe("Daily limit: at least 1 removal a day.");
    expect((await failure(updateRemovalPolicy(world.ctx.owner, accountId, { gapSeconds: 10 }))).message).toBe("Gap between removals: at least 30 seconds.");
    expect(await policyRow(accountId)).toEqual(before);
  });

  it("above 30 a day needs the risk acknowledged", async () => {
    const accountId = world.accounts.a.id;
    const refused = await failure(updateRemovalPolicy(world.ctx.owner, accountId, { dailyLimit: 31 }));
    expect([refused.code, refused.field]).toEqual(["CONFLICT", "acknowledgeRisk"]);
    expect(refused.message).toContain(RISK_WARNING);
    expect((await failure(updateRemovalPolicy(world.ctx.owner, accountId, { dailyLimit: 40, acknowledgeRisk: false }))).code).toBe("CONFLICT");
    expect((await getRemovalPolicy(world.ctx.owner, accountId)).dailyLimit).toBe(20);

    const at30 = await updateRemovalPolicy(world.ctx.owner, accountId, { dailyLimit: 30 });
    expect([at30.dailyLimit, at30.warning]).toEqual([30, null]);
    const high = await updateRemovalPolicy(world.ctx.owner, accountId, { dailyLimit: 50, acknowledgeRisk: true });
    expect([high.dailyLimit, high.weeklyLimit, high.warning]).toEqual([50, 250, RISK_WARNING]);
    expect((await getRemovalBudget(world.ctx.owner, accountId)).limit).toBe(50);
    const [audit] = await ownerQuery<{ metadata: { acknowledgedRisk?: boolean } }>(
      `SELECT metadata FROM "AuditLog" WHERE "teamId" = $1 AND action = 'removal.policy' ORDER BY "createdAt" DESC LIMIT 1`,
      [world.owner.team.id],
    );
    expect(audit?.metadata.acknowledgedRisk).toBe(true);
    // Saving anything else while above 30 needs the acknowledgement again.
    expect((await failure(updateRemovalPolicy(world.ctx.owner, accountId, { gapSeconds: 100 }))).field).toBe("acknowledgeRisk");
    await updateRemovalPolicy(world.ctx.owner, accountId, { dailyLimit: null });
  });

  it("a teammate or an admin may not change an account they are not signed in to (403 naming the owner)", async () => {
    const accountId = world.accounts.a.id;
    const before = await policyRow(accountId);
    for (const ctx of [world.ctx.teammate, world.ctx.admin]) {
      const e = await failure(updateRemovalPolicy(ctx, accountId, { dailyLimit: 12 }));
      expect(e.code).toBe("FORBIDDEN");
      expect(e.message).toBe(
        `Only ${world.owner.name}, who is signed in to ${world.accounts.a.label} on LinkedIn, can change its removal policy: they carry the risk of a restricted account. Ask them to change it.`,
      );
    }
    // Even an invalid input from them is a 403, not a hint about the bounds.
    expect((await failure(updateRemovalPolicy(world.ctx.admin, accountId, { dailyLimit: 500 }))).code).toBe("FORBIDDEN");
    expect(await policyRow(accountId)).toEqual(before);
    // The teammate owns account b.
    expect((await updateRemovalPolicy(world.ctx.teammate, world.accounts.b.id, { dailyLimit: 5 })).dailyLimit).toBe(5);
    expect((await failure(updateRemovalPolicy(world.ctx.owner, world.accounts.b.id, { dailyLimit: 6 }))).code).toBe("FORBIDDEN");
  });

  it("another team's account does not exist for you: no read, no write, no row created", async () => {
    const accountId = randomUUID();
    await ownerQuery(`INSERT INTO "LinkedInAccount" (id, "teamId", "ownerUserId", label, "timeZone", "updatedAt") VALUES ($1, $2, $3, 'Untouched', 'UTC', now())`, [
      accountId,
      world.owner.team.id,
      world.owner.userId,
    ]);
    const read = await failure(getRemovalPolicy(stranger.ctx, accountId));
    expect([read.code, read.message]).toEqual(["NOT_FOUND", "This LinkedIn account does not exist or you do not have access to it."]);
    expect((await failure(updateRemovalPolicy(stranger.ctx, accountId, { dailyLimit: 5 }))).code).toBe("NOT_FOUND");
    // The stranger is the owner of their own team: still no way in.
    expect((await failure(updateRemovalPolicy({ ...stranger.ctx, userId: world.owner.userId }, accountId, { dailyLimit: 5 }))).code).toBe("NOT_FOUND");
    expect(await policyRow(accountId)).toEqual([]);
    expect((await failure(getRemovalPolicy(world.ctx.owner, "../etc"))).code).toBe("NOT_FOUND");
  });

  it("concurrent saves are serialized by the budget lock: both land, one after the other", async () => {
    const accountId = world.accounts.b.id;
    const ctx = world.ctx.teammate;
    const results = await Promise.all([
      updateRemovalPolicy(ctx, accountId, { dailyLimit: 7 }),
      updateRemovalPolicy(ctx, accountId, { hourlyLimit: 6 }),
    ]);
    expect(results).toHaveLength(2);
    expect(await policyRow(accountId)).toEqual([{ dailyLimit: 7, gapSeconds: 90, hourlyLimit: 6, weeklyLimit: null, teamId: world.owner.team.id }]);
  });
});
