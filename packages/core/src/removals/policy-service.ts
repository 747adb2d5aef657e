import { z } from "zod";
import { Prisma, withTeam, type TTx } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { conflict, forbidden, invalid, notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { loadPaceInputs, lockRemovalBudget, type TPaceInputs } from "./budget";
import { effectiveLimits, HARD_CAP, MAX_GAP_SECONDS, MAX_HOURLY_LIMIT, MAX_WEEKLY_LIMIT, MIN_GAP_SECONDS, riskWarning, WARN_ABOVE } from "./policy";
import type { TRemovalPolicy } from "./types";

// The account's removal policy (docs/decisions/0010). Everyone in the team reads it; only the
// account's owner — the person signed in to it on LinkedIn, who carries the risk — changes it,
// within bounds nobody can pass (50 a day). Saved under the account's budget lock, so a change
// applies from the next confirmation and never in the middle of one.

const ID = /^[A-Za-z0-9_-]{1,64}$/;

// The minimum and the maximum say different things: only the cap has a reason (LinkedIn's
// restrictions); the floor is just the smallest value that means anything.
const int = (field: string, lo: number, hi: number, unit: { one: string; many: string }, capWhy = "") =>
  z
    .number({ error: `${field}: give a whole number from ${lo} to ${hi}.` })
    .int(`${field}: give a whole number from ${lo} to ${hi}.`)
    .min(lo, `${field}: at least ${lo} ${lo === 1 ? unit.one : unit.many}.`)
    .max(hi, `${field}: at most ${hi} ${hi === 1 ? unit.one : unit.many}${capWhy}.`);

/** Left out: keep the current value; null (daily, weekly): back to the default. */
const ZPolicyInput = z
  .object({
    dailyLimit: int("Daily limit", 1, HARD_CAP, { one: "removal a day", many: "removals a day" }, ", for every account: LinkedIn restricts accounts that remove more").nullable().optional(),
    gapSeconds: int("Gap between removals", MIN_GAP_SECONDS, MAX_GAP_SECONDS, { one: "second", many: "seconds" }).optional(),
    hourlyLimit: int("Hourly limit", 1, MAX_HOURLY_LIMIT, { one: "removal an hour", many: "removals an hour" }).optional(),
    weeklyLimit: int("Weekly limit", 1, MAX_WEEKLY_LIMIT, { one: "removal in 7 days", many: "removals in 7 days" }).nullable().optional(),
    acknowledgeRisk: z.boolean({ error: "acknowledgeRisk: send true or false." }).optional(),
  })
  .strict();

export type TStoredPolicy = TPaceInputs["stored"];

export function parsePolicyInput(raw: unknown, current: TStoredPolicy): { stored: TStoredPolicy; acknowledgeRisk: boolean } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw invalid("policy", "Send the policy as an object: dailyLimit, gapSeconds, hourlyLimit, weeklyLimit.");
  const r = ZPolicyInput.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    if (issue.code === "unrecognized_keys") throw invalid(issue.keys[0] ?? "policy", `Unknown setting: ${issue.keys.join(", ")}. The policy has dailyLimit, gapSeconds, hourlyLimit, weeklyLimit and acknowledgeRisk.`);
    throw invalid(issue.path.join(".") || "policy", issue.message);
  }
  const v = r.data;
  return {
    stored: {
      dailyLimit: v.dailyLimit === undefined ? current.dailyLimit : v.dailyLimit,
      gapSeconds: v.gapSeconds ?? current.gapSeconds,
      hourlyLimit: v.hourlyLimit ?? current.hourlyLimit,
      weeklyLimit: v.weeklyLimit === undefined ? current.weeklyLimit : v.weeklyLimit,
    },
    acknowledgeRisk: v.acknowledgeRisk === true,
  };
}

async function userRef(tx: TTx, teamId: string, userId: string | null): Promise<{ id: string; name: string } | null> {
  if (!userId) return null;
  const m = await tx.membership.findFirst({ where: { teamId, userId }, select: { user: { select: { id: true, name: true } } } });
  return m ? { id: m.user.id, name: m.user.name } : { id: userId, name: "A former member" };
}

async function policyOf(tx: TTx, ctx: TTeamContext, p: TPaceInputs): Promise<TRemovalPolicy> {
  return {
    accountId: p.account.id,
    accountLabel: p.account.label,
    timeZone: p.account.timeZone,
    tier: p.tier,
    connectionCount: p.connectionCount,
    isNew: p.account.isNew,
    defaultDailyLimit: p.defaultDailyLimit,
    dailyLimit: p.limits.dailyLimit,
    dailyLimitOverridden: p.stored.dailyLimit !== null,
    gapSeconds: p.limits.gapSeconds,
    hourlyLimit: p.limits.hourlyLimit,
    weeklyLimit: p.limits.weeklyLimit,
    weeklyLimitOverridden: p.stored.weeklyLimit !== null,
    warning: riskWarning(p.limits.dailyLimit),
    updatedAt: p.policyUpdatedAt?.toISOString() ?? null,
    updatedBy: await userRef(tx, ctx.teamId, p.policyUpdatedById),
    canEdit: ctx.userId === p.account.ownerUserId,
  };
}

export async function getRemovalPolicy(ctx: TTeamContext, accountId: string): Promise<TRemovalPolicy> {
  if (!ID.test(accountId)) throw notFound("This LinkedIn account");
  return withTeam(ctx.teamId, async (tx) => policyOf(tx, ctx, await loadPaceInputs(tx, ctx.teamId, accountId, new Date(), { exactCount: true })), { interactive: true });
}

/** Only the account's owner; audited (before/after); applies from the next confirmation. */
export async function updateRemovalPolicy(ctx: TTeamContext, accountId: string, input: unknown): Promise<TRemovalPolicy> {
  if (!ID.test(accountId)) throw notFound("This LinkedIn account");
  const now = new Date();
  return withTeam(
    ctx.teamId,
    async (tx) => {
      const [account] = await tx.$queryRaw<Array<{ label: string; ownerUserId: string }>>`
        SELECT label, "ownerUserId" FROM "LinkedInAccount" WHERE id = ${accountId} AND "teamId" = ${ctx.teamId}`;
      if (!account) throw notFound("This LinkedIn account");
      if (account.ownerUserId !== ctx.userId) {
        const owner = await userRef(tx, ctx.teamId, account.ownerUserId);
        throw forbidden(
          `Only ${owner?.name ?? "the account's owner"}, who is signed in to ${account.label} on LinkedIn, can change its removal policy: they carry the risk of a restricted account. Ask them to change it.`,
        );
      }
      await lockRemovalBudget(tx, ctx.teamId, accountId, now);
      const before = await loadPaceInputs(tx, ctx.teamId, accountId, now, { exactCount: true });
      const { stored, acknowledgeRisk } = parsePolicyInput(input, before.stored);
      const after = effectiveLimits(stored, before.defaultDailyLimit);
      const warning = riskWarning(after.dailyLimit);
      if (warning && !acknowledgeRisk) {
        throw conflict(`${warning} To allow more than ${WARN_ABOVE} a day anyway, confirm that you accept the risk (acknowledgeRisk: true).`, "acknowledgeRisk");
      }
      await tx.$executeRaw`
        UPDATE "RemovalBudget"
           SET "dailyLimit" = ${stored.dailyLimit}::int, "gapSeconds" = ${stored.gapSeconds}::int, "hourlyLimit" = ${stored.hourlyLimit}::int,
               "weeklyLimit" = ${stored.weeklyLimit}::int, "policyUpdatedById" = ${ctx.userId},
               "policyUpdatedAt" = ${now}::timestamptz AT TIME ZONE 'UTC', "updatedAt" = ${now}::timestamptz AT TIME ZONE 'UTC'
         WHERE "accountId" = ${accountId} AND "teamId" = ${ctx.teamId}`;
      await recordAudit(tx, {
        teamId: ctx.teamId,
        actorUserId: ctx.userId,
        action: "removal.policy",
        targetType: "linkedin_account",
        targetId: accountId,
        metadata: {
          before: { stored: before.stored, inForce: before.limits },
          after: { stored, inForce: after },
          ...(warning ? { acknowledgedRisk: true } : {}),
        } as unknown as Prisma.InputJsonValue,
      });
      return policyOf(tx, ctx, { ...before, stored, limits: after, policyUpdatedAt: now, policyUpdatedById: ctx.userId, hasPolicyRow: true });
    },
    { interactive: true },
  );
}
