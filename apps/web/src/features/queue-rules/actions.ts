"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { updateQueueRules } from "@crm/core";
import { teamAction } from "@/lib/action";

// The rules travel as one JSON field (nested flags, a list of tags); core validates every field,
// checks the role and the version, audits the change and queues the rebuild.

export const saveQueueRulesAction = teamAction(
  z.object({ rules: z.string().max(20_000, "The rules are too long."), version: z.coerce.number().int().min(0).max(1_000_000) }),
  async (input, team) => {
    let rules: unknown;
    try {
      rules = JSON.parse(input.rules);
    } catch {
      return { ok: false, message: "The rules could not be read. Reload the page and try again.", fieldErrors: { rules: "Not valid JSON." } };
    }
    const saved = await updateQueueRules(team, { rules, version: input.version });
    revalidatePath(`/t/${team.slug}/settings/queue-rules`);
    return { ok: true, message: "Saved; the queues are being rebuilt.", data: { version: saved.version } };
  },
);
