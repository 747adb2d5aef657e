"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { deleteTag, mergeTags, updateTag } from "@crm/core";
import { teamAction } from "@/lib/action";

// Renaming, recolouring, merging and deleting change the tag for the whole team; core checks that
// the caller is an owner or admin, and rewrites the ICP rules on the tag. Every team page that
// shows tags (and the profiles) is refreshed.

const ZId = z.string().min(1).max(64);

export const updateTagAction = teamAction(
  z.object({ tagId: ZId, name: z.string().max(200).optional(), color: z.string().max(20).optional() }),
  async (input, team) => {
    await updateTag(team, input.tagId, { name: input.name, color: input.color || undefined });
    revalidatePath(`/t/${team.slug}`, "layout");
    return { ok: true };
  },
);

export const mergeTagsAction = teamAction(z.object({ sourceId: ZId, targetId: z.string().max(64) }), async (input, team) => {
  const { moved } = await mergeTags(team, { sourceId: input.sourceId, targetId: input.targetId });
  revalidatePath(`/t/${team.slug}`, "layout");
  return { ok: true, data: { moved } };
});

// A tag that ICPs use is only deleted with icpRules: "remove" (the user chose to take the rule out
// of those profiles); without it, core answers with a conflict naming them.
export const deleteTagAction = teamAction(z.object({ tagId: ZId, icpRules: z.enum(["remove"]).optional() }), async (input, team) => {
  await deleteTag(team, input.tagId, { icpRules: input.icpRules });
  revalidatePath(`/t/${team.slug}`, "layout");
  return { ok: true };
});
