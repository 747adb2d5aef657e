"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createLinkedInAccount } from "@crm/core";
import { teamAction } from "@/lib/action";

// Field rules (label length, known time zone, owner is a member, who may pick another owner) live
// in core; this only shapes the form.
export const createAccountAction = teamAction(
  z.object({ label: z.string().max(200), ownerUserId: z.string().max(64), timeZone: z.string().max(100), isNew: z.string().optional() }),
  async (input, team) => {
    const { id } = await createLinkedInAccount(team, { label: input.label, ownerUserId: input.ownerUserId, timeZone: input.timeZone, isNew: input.isNew === "on" });
    revalidatePath(`/t/${team.slug}`, "layout");
    return { ok: true, data: { accountId: id } };
  },
);
