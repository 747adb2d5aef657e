"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { updateRemovalPolicy } from "@crm/core";
import { teamAction } from "@/lib/action";

// The policy form's save. Forms send strings; core owns the bounds (daily 1–50, gap 30–3600 s,
// hourly 1–50, weekly 1–350), the owner-only rule, the >30 acknowledgement and the audit, and
// names the field it refuses. An empty daily or weekly limit means "use the default".

const ZNumberText = z.string().trim().max(12).optional();

const toNumber = (v: string | undefined): number | null => (v === undefined || v === "" ? null : Number(v));

export const saveRemovalPolicyAction = teamAction(
  z.object({
    accountId: z.string().min(1).max(64),
    dailyLimit: ZNumberText,
    gapSeconds: ZNumberText,
    hourlyLimit: ZNumberText,
    weeklyLimit: ZNumberText,
    acknowledgeRisk: z.enum(["true", "false"]).optional(),
  }),
  async (input, team) => {
    const saved = await updateRemovalPolicy(team, input.accountId, {
      dailyLimit: toNumber(input.dailyLimit),
      gapSeconds: toNumber(input.gapSeconds),
      hourlyLimit: toNumber(input.hourlyLimit),
      weeklyLimit: toNumber(input.weeklyLimit),
      acknowledgeRisk: input.acknowledgeRisk === "true",
    });
    revalidatePath(`/t/${team.slug}/removals/${saved.accountId}/policy`);
    return {
      ok: true,
      message: `Saved. ${saved.dailyLimit} removals a day from the next one on.`,
      data: { dailyLimit: saved.dailyLimit, weeklyLimit: saved.weeklyLimit, gapSeconds: saved.gapSeconds, hourlyLimit: saved.hourlyLimit },
    };
  },
);
