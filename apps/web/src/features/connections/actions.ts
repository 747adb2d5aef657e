"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import {
  addNote,
  changeTags,
  createTag,
  deleteNote,
  deleteView,
  editNote,
  invalid,
  parseFilter,
  proposeForReview,
  saveView,
  undoTagChange,
  type TTeamContext,
} from "@crm/core";
import { teamAction } from "@/lib/action";

// The connections workspace's writes. Forms send strings: a bulk target is either `ids` (a comma
// list of the ticked rows) or `query` (the filter's canonical query string, for "all N matching"),
// parsed again here so the server decides what "matching" means. Services check roles and ids.

const ZId = z.string().min(1).max(64);
const ZTarget = { ids: z.string().max(400_000).optional(), query: z.string().max(20_000).optional() };

function targetOf(input: { ids?: string; query?: string }) {
  if (input.ids) return { ids: input.ids.split(",").map((s) => s.trim()).filter(Boolean) };
  if (input.query !== undefined) {
    const { filter, errors } = parseFilter(input.query.replace(/^\?/, ""));
    const first = errors[0];
    if (first) throw invalid("query", `The filter has a problem with “${first.param}”: ${first.message}`);
    return { filter };
  }
  throw invalid("ids", "Select at least one connection.");
}

// Tags show in the table, on connection pages and on the tags page: refresh the whole team section.
const refreshTeam = (team: TTeamContext) => revalidatePath(`/t/${team.slug}`, "layout");

export const changeTagsAction = teamAction(
  z.object({ tagId: ZId, op: z.enum(["add", "remove"]), ...ZTarget }),
  async (input, team) => {
    const { changeId, count } = await changeTags(team, { tagId: input.tagId, op: input.op, target: targetOf(input) });
    refreshTeam(team);
    return { ok: true, data: { changeId, count } };
  },
);

export const undoTagChangeAction = teamAction(z.object({ changeId: ZId }), async (input, team) => {
  const { count } = await undoTagChange(team, input.changeId);
  refreshTeam(team);
  return { ok: true, data: { count } };
});

export const createTagAction = teamAction(z.object({ name: z.string().max(200), color: z.string().max(20).optional() }), async (input, team) => {
  const tag = await createTag(team, { name: input.name, color: input.color || undefined });
  refreshTeam(team);
  return { ok: true, data: { tagId: tag.id, name: tag.name, color: tag.color } };
});

// Proposing by hand. Removing protected people (endorsers, recommenders, a protected tag) is refused
// with a CONFLICT on `acknowledgeProtected` naming who and what is lost; reopening a decision still
// in force (a Keep, an approval, a snooze) with one on `reopenDecided` naming who decided what. The
// bar then asks, and "Propose anyway" / "Propose again anyway" sends the acknowledgement.
export const addToReviewAction = teamAction(
  z.object({
    kind: z.string().max(20),
    reason: z.string().max(2_000).optional(),
    acknowledgeProtected: z.enum(["true", "false"]).optional(),
    reopenDecided: z.enum(["true", "false"]).optional(),
    ...ZTarget,
  }),
  async (input, team) => {
    const { count, protected: prot } = await proposeForReview(team, {
      kind: input.kind,
      target: targetOf(input),
      reason: input.reason || null,
      acknowledgeProtected: input.acknowledgeProtected === "true",
      reopenDecided: input.reopenDecided === "true",
    });
    revalidatePath(`/t/${team.slug}/queue`, "layout");
    return { ok: true, data: { count, protectedCount: prot.length } };
  },
);

export const saveViewAction = teamAction(
  z.object({ name: z.string().max(500), query: z.string().max(20_000), shared: z.string().optional() }),
  async (input, team) => {
    const view = await saveView(team, { name: input.name, query: input.query, shared: input.shared === "on" });
    revalidatePath(`/t/${team.slug}/connections`);
    return { ok: true, data: { viewId: view.id, name: view.name } };
  },
);

export const deleteViewAction = teamAction(z.object({ viewId: ZId }), async (input, team) => {
  await deleteView(team, input.viewId);
  revalidatePath(`/t/${team.slug}/connections`);
  return { ok: true };
});

// Notes are not in the table: the drawer or page that shows them reloads what it needs.
export const addNoteAction = teamAction(z.object({ connectionId: ZId, body: z.string().max(20_000) }), async (input, team) => {
  const note = await addNote(team, input.connectionId, input.body);
  return { ok: true, data: { noteId: note.id } };
});

export const editNoteAction = teamAction(z.object({ noteId: ZId, body: z.string().max(20_000) }), async (input, team) => {
  await editNote(team, input.noteId, input.body);
  return { ok: true };
});

export const deleteNoteAction = teamAction(z.object({ noteId: ZId }), async (input, team) => {
  await deleteNote(team, input.noteId);
  return { ok: true };
});
