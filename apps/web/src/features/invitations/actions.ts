"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordInvitationResponse } from "@crm/core";
import { teamAction } from "@/lib/action";

// "I accepted" / "I ignored" on an incoming invitation. Core owns the owner-only rule (403), the
// incoming-and-pending check and the audit row; "undo" clears the answer.

export const recordInvitationResponseAction = teamAction(
  z.object({
    // Ids only (it names the page to refresh; core checks the invitation itself).
    accountId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "This LinkedIn account id is not valid." }),
    invitationId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "This invitation id is not valid." }),
    response: z.enum(["accepted", "ignored", "undo"], { error: "Choose “I accepted” or “I ignored”." }),
  }),
  async (input, team) => {
    const saved = await recordInvitationResponse(team, input.invitationId, { response: input.response === "undo" ? null : input.response });
    revalidatePath(`/t/${team.slug}/accounts/${input.accountId}/invitations`);
    return {
      ok: true,
      message: saved.response === "accepted" ? "Recorded: you accepted. Your next export confirms it." : saved.response === "ignored" ? "Recorded: you ignored it." : "Your answer was cleared.",
      data: { response: saved.response },
    };
  },
);
