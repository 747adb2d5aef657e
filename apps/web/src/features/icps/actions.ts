"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { deleteIcp, saveIcp } from "@crm/core";
import { teamAction } from "@/lib/action";

// The form sends the definition as one JSON field (the form itself has no JSON editing): core
// validates it with the shared schema, checks the role and queues the rescore.
export const saveIcpAction = teamAction(
  z.object({ icpId: z.string().max(64).optional(), name: z.string().max(200), definition: z.string().max(65_536) }),
  async (input, team) => {
    let definition: unknown;
    try {
      definition = JSON.parse(input.definition);
    } catch {
      return { ok: false, message: "The profile could not be read. Reload the page and try again." };
    }
    const { id } = await saveIcp(team, { icpId: input.icpId || undefined, name: input.name, definition });
    revalidatePath(`/t/${team.slug}/icps`, "layout");
    return { ok: true, data: { icpId: id } };
  },
);

// Redirects on the server: re-rendering the page of a profile that is gone would show a 404
// before a client-side navigation could leave it.
export const deleteIcpAction = teamAction(z.object({ icpId: z.string().min(1).max(64) }), async (input, team) => {
  await deleteIcp(team, input.icpId);
  revalidatePath(`/t/${team.slug}/icps`, "layout");
  redirect(`/t/${team.slug}/icps`);
});
