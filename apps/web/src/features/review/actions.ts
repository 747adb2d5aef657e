"use server";
import { z } from "zod";
import { addComment, castVote, decideItem, retractVote, undoReview, type TReviewItemSummary } from "@crm/core";
import { teamAction } from "@/lib/action";

// The one-card flow's writes (the card page uses the same). Forms send strings; the services
// validate choices, dates, versions and lengths and name the field on refusal. A stale version is
// refused by the service with what changed ("Ana decided Keep 20 s ago"): the card then reloads.
// No revalidatePath: the flow claims its next card itself, and the queue page polls its counts.

const ZId = z.string().min(1).max(64);
// Caps here only keep absurd form posts out; the services own the real limits and their messages.
const ZChoice = z.string().min(1).max(20);
const ZReason = z.string().max(5_000).optional();
const ZDate = z.string().max(40).optional();
const ZVersion = z.coerce.number().int().min(0).max(2_147_483_647);

/** What the client needs after a write, flat (action data holds scalars only). */
function summaryData(s: TReviewItemSummary) {
  return {
    itemId: s.id,
    version: s.version,
    state: s.state,
    decision: s.decision,
    myVote: s.myVote,
    tally: s.tally.text,
    canUndo: s.canUndo,
  };
}

const orNull = (v: string | undefined) => (v ? v : null);

export const voteAction = teamAction(
  z.object({ itemId: ZId, choice: ZChoice, reason: ZReason, snoozeUntil: ZDate, version: ZVersion.optional() }),
  async (input, team) => {
    const s = await castVote(team, input.itemId, { choice: input.choice, reason: orNull(input.reason), snoozeUntil: orNull(input.snoozeUntil), version: input.version });
    return { ok: true, data: summaryData(s) };
  },
);

export const decideAction = teamAction(
  z.object({ itemId: ZId, choice: ZChoice, reason: ZReason, snoozeUntil: ZDate, followUpOn: ZDate, version: ZVersion }),
  async (input, team) => {
    const s = await decideItem(team, input.itemId, {
      choice: input.choice,
      reason: orNull(input.reason),
      snoozeUntil: orNull(input.snoozeUntil),
      followUpOn: orNull(input.followUpOn),
      version: input.version,
    });
    return { ok: true, data: summaryData(s) };
  },
);

export const retractVoteAction = teamAction(z.object({ itemId: ZId }), async (input, team) => {
  const s = await retractVote(team, input.itemId);
  return { ok: true, data: summaryData(s) };
});

/** Undo on one item (its latest decision if the caller may decide, else their own vote) or a whole batch. */
export const undoAction = teamAction(z.object({ itemId: ZId.optional(), batchId: ZId.optional() }), async (input, team) => {
  const target = input.batchId ? { batchId: input.batchId } : input.itemId ? { itemId: input.itemId } : null;
  if (!target) return { ok: false, message: "Nothing to undo.", fieldErrors: { itemId: "Nothing to undo." } };
  const r = await undoReview(team, target);
  return { ok: true, data: { restored: r.restored, skipped: r.skipped.length, why: r.skipped[0]?.why ?? null, ...(r.item ? summaryData(r.item) : {}) } };
});

export const commentAction = teamAction(z.object({ itemId: ZId, body: z.string().max(20_000) }), async (input, team) => {
  const c = await addComment(team, input.itemId, { body: input.body });
  return { ok: true, data: { commentId: c.id, mentions: c.mentions.map((m) => m.name).join(", ") } };
});
