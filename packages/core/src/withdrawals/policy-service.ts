import { z } from "zod";
import { Prisma, withTeam } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { lockRemovalBudget } from "../removals/budget";
import type { TTeamContext } from "../teams/membership";
import { loadWithdrawInputs, type TWithdrawInputs } from "./budget";
import { WITHDRAW_DEFAULT_DAILY, WITHDRAW_HARD_CAP, WITHDRAW_WARN_ABOVE, withdrawalLimits, withdrawRiskWarning } from "./policy";
import type { TWithdrawalPolicy } from "./types";

// The withdrawal allowance's one setting: the daily limit (1–60, null = 30). Everyone reads it;
// only the account's owner changes it, under the account's budget lock, audited. Above 30 the
// owner must acknowledge the risk, as for removals.

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const msg = `Daily withdrawal limit: give a whole number from 1 to ${WITHDRAW_HARD_CAP}, or leave it empty for the default (${WITHDRAW_DEFAULT_DAILY}).`;

const ZInput = z
  .object({
    withdrawDailyLimit: z
      .number({ error: msg })
      .int(msg)
      .min(1, "Daily withdrawal limit: at least 1 withdrawal a day.")
      .max(WITHDRAW_HARD_CAP, `Daily withdrawal limit: at most ${WITHDRAW_HARD_CAP} withdrawals a day, for every account: bulk withdrawals get accounts restricted.`)
      .nullable(),
    acknowledgeRisk: z.boolean({ error: "acknowledgeRisk: send true or false." }).optional(),
  })
  .strict();

function policyOf(ctx: TTeamContext, p: TWithdrawInputs): TWithdrawalPolicy {
  return {
    accountId: p.account.id,
    accountLabel: p.account.label,
    timeZone: p.account.timeZone,
    defaultDailyLimit: WITHDRAW_DEFAULT_DAILY,
    hardCap: WITHDRAW_HARD_CAP,
    dailyLimit: p.limits.dailyLimit,
    dailyLimitOverridden: p.storedDailyLimit !== null,
    gapSeconds: p.limits.gapSeconds,
    hourlyLimit: p.limits.hourlyLimit,
    weeklyLimit: p.limits.weeklyLimit,
    warning: withdrawRiskWarning(p.limits.dailyLimit),
    canEdit: ctx.userId === p.account.ownerUserId,
  };
}

export async function getWithdrawalPolicy(ctx: TTeamContext, accountId: string): Promise<TWithdrawalPolicy> {
  if (typeof accountId !== "string" || !ID.test(accountId)) throw notFound("This LinkedIn account");
  return withTeam(ctx.teamId, async (tx) => policyOf(ctx, await loadWithdrawInputs(tx, ctx.teamId, accountId, new Date())), { interactive: true });
}

/** Only the account's owner; audited (before/after); applies from the next "Withdrawn". */
export async function updateWithdrawalPolicy(ctx: TTeamContext, accountId: string, input: unknown): Promise<TWithdrawalPolicy> {
  if (typeof accountId !== "string" || !ID.test(accountId)) throw notFound("This LinkedIn account");
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw invalid("policy", "Send the policy as an object: withdrawDailyLimit and acknowledgeRisk.");
  const parsed = ZInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    if (issue.code === "unrecognized_keys") throw invalid(issue.keys[0] ?? "policy", `Unknown setting: ${issue.keys.join(", ")}. The withdrawal policy has withdrawDailyLimit and acknowledgeRisk.`);
    throw invalid(issue.path.join(".") || "withdrawDailyLimit", issue.path.length ? issue.message : msg);
  }
  const { withdrawDailyLimit, acknowledgeRisk } = parsed.data;
  const now = new Date();
  return withTeam(
    ctx.teamId,
    async (tx) => {
      const [account] = await tx.$queryRaw<Array<{ label: string; ownerUserId: string; ownerName: string | null }>>`
        SELECT a.label, a."ownerUserId", (SELECT u.name FROM "User" u WHERE u.id = a."ownerUserId") AS "ownerName"
          FROM "LinkedInAccount" a WHERE a.id = ${accountId} AND a."teamId" = ${ctx.teamId}`;
      if (!account) throw notFound("This LinkedIn account");
      if (account.ownerUserId !== ctx.userId) {
        throw forbidden(`Only ${account.ownerName ?? "the account's owner"}, who is signed in to ${account.label} on LinkedIn, can change its withdrawal limit. Ask them to change it.`);
      }
      const limits = withdrawalLimits(withdrawDailyLimit);
      const warning = withdrawRiskWarning(limits.dailyLimit);
      if (warning && acknowledgeRisk !== true) {
        throw conflict(`${warning} To allow more than ${WITHDRAW_WARN_ABOVE} a day anyway, confirm that you accept the risk (acknowledgeRisk: true).`, "acknowledgeRisk");
      }
      await lockRemovalBudget(tx, ctx.teamId, accountId, now);
      const before = await loadWithdrawInputs(tx, ctx.teamId, accountId, now);
      await tx.$executeRaw`
        UPDATE "RemovalBudget" SET "withdrawDailyLimit" = ${withdrawDailyLimit}::int, "policyUpdatedById" = ${ctx.userId},
               "policyUpdatedAt" = ${now}::timestamptz AT TIME ZONE 'UTC', "updatedAt" = ${now}::timestamptz AT TIME ZONE 'UTC'
         WHERE "accountId" = ${accountId} AND "teamId" = ${ctx.teamId}`;
      await recordAudit(tx, {
        teamId: ctx.teamId,
        actorUserId: ctx.userId,
        action: "withdrawal.policy",
        targetType: "linkedin_account",
        targetId: accountId,
        metadata: {
          before: { withdrawDailyLimit: before.storedDailyLimit, inForce: before.limits },
          after: { withdrawDailyLimit, inForce: limits },
          ...(warning ? { acknowledgedRisk: true } : {}),
        } as unknown as Prisma.InputJsonValue,
      });
      return policyOf(ctx, { ...before, storedDailyLimit: withdrawDailyLimit, limits });
    },
    { interactive: true },
  );
}
