"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { updateWithdrawalPolicy } from "@crm/core";
import { teamAction } from "@/lib/action";

// The withdrawal limit's save. An empty field means "use the default" (30); core owns the bounds
// (1–60), the owner-only rule, the acknowledgement above 30 and the audit, and names the field.

export const saveWithdrawalPolicyAction = teamAction(
  z.object({
    accountId: z.string().min(1).max(64),
    withdrawDailyLimit: z.string().trim().max(12).optional(),
    acknowledgeRisk: z.enum(["true", "false"]).optional(),
  }),
  async (input, team) => {
    const raw = input.withdrawDailyLimit;
    const saved = await updateWithdrawalPolicy(team, input.accountId, {
      withdrawDailyLimit: raw === undefined || raw === "" ? null : Number(raw),
      acknowledgeRisk: input.acknowledgeRisk === "true",
    });
    revalidatePath(`/t/${team.slug}/removals/${saved.accountId}/policy`);
    return { ok: true, message: `Saved. ${saved.dailyLimit} withdrawals a day from the next one on.`, data: { withdrawDailyLimit: saved.dailyLimit } };
  },
);
