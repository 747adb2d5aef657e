"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { deleteTeam, requestTeamExport } from "@crm/core";
import { teamAction } from "@/lib/action";

// Core checks the roles (export: owner or admin; deletion: owner, with the exact team name).

export const requestExportAction = teamAction(z.object({}), async (_input, team) => {
  const { created } = await requestTeamExport(team);
  revalidatePath(`/t/${team.slug}/settings/data`);
  return { ok: true, message: created ? "Export started. It keeps running if you leave this page." : "An export is already running; follow it below." };
});

// Redirects on the server: every page of the team is gone. "/" sends the user to another team of
// theirs, or to "create a team" if this was their only one.
export const deleteTeamAction = teamAction(z.object({ confirmName: z.string().max(200) }), async (input, team) => {
  await deleteTeam(team, { confirmName: input.confirmName });
  revalidatePath("/", "layout");
  redirect("/");
});
