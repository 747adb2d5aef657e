import type { TReviewChoiceCode, TReviewItemSummary } from "@crm/core";
import { runAction } from "@/features/connections/run-action";
import { commentAction, decideAction, retractVoteAction, undoAction, voteAction } from "../../actions";
import { choiceLabelsOf } from "../../queue-url";

// One place that turns a key press into the right write: the account owner (or an admin where the
// team allows it) decides, everyone else votes. Answers are plain { ok, message } objects.

export type TWriteResult = { ok: boolean; message: string; fieldErrors?: Record<string, string> };

/** The choices that ask for a date first: a snooze, and a follow-up decision (the reminder's due date). */
export type TDateChoice = Extract<TReviewChoiceCode, "snooze" | "follow_up">;

export const CHOICE_KEYS: Record<TReviewChoiceCode, string> = { keep: "K", remove: "R", follow_up: "F", snooze: "S" };

export function actionWord(card: Pick<TReviewItemSummary, "canDecide">): "decision" | "vote" {
  return card.canDecide ? "decision" : "vote";
}

type TChoiceExtras = { snoozeUntil?: string; followUpOn?: string; reason?: string };

/** "Decided Remove on Jane Doe" / "Voted Keep on Jane Doe" (with the snooze or follow-up date). */
export function doneText(card: Pick<TReviewItemSummary, "canDecide" | "connection" | "kind">, choice: TReviewChoiceCode, o: TChoiceExtras = {}): string {
  const verb = card.canDecide ? "Decided" : "Voted";
  const when =
    choice === "snooze" && o.snoozeUntil ? ` until ${o.snoozeUntil}` : choice === "follow_up" && o.followUpOn && card.canDecide ? ` (due ${o.followUpOn})` : "";
  const on = card.kind === "withdraw_invitation" ? `the invitation to ${card.connection.name || "this person"}` : card.connection.name || "this person";
  return `${verb} ${choiceLabelsOf(card.kind)[choice]}${when} on ${on}.`;
}

/** A decision may carry the follow-up's due date; a vote never does (the decider picks the date). */
export async function writeChoice(slug: string, card: TReviewItemSummary, choice: TReviewChoiceCode, o: TChoiceExtras = {}): Promise<TWriteResult> {
  const followUpOn = card.canDecide && choice === "follow_up" ? o.followUpOn : undefined;
  const fields = { itemId: card.id, choice, version: String(card.version), snoozeUntil: o.snoozeUntil, followUpOn, reason: o.reason || undefined };
  const r = await runAction(card.canDecide ? decideAction : voteAction, slug, fields);
  return { ok: r.ok, message: r.ok ? doneText(card, choice, { ...o, followUpOn }) : (r.message ?? "That did not work."), fieldErrors: r.fieldErrors };
}

export async function writeUndo(slug: string, itemId: string): Promise<TWriteResult> {
  const r = await runAction(undoAction, slug, { itemId });
  if (!r.ok) return { ok: false, message: r.message ?? "That could not be undone." };
  if (r.data?.restored === 0) return { ok: false, message: typeof r.data.why === "string" ? `Nothing was undone: ${r.data.why}` : "Nothing was undone." };
  return { ok: true, message: "Undone." };
}

export async function writeRetract(slug: string, itemId: string): Promise<TWriteResult> {
  const r = await runAction(retractVoteAction, slug, { itemId });
  return { ok: r.ok, message: r.ok ? "Your vote was taken back." : (r.message ?? "That did not work.") };
}

export async function writeComment(slug: string, itemId: string, body: string): Promise<TWriteResult> {
  const r = await runAction(commentAction, slug, { itemId, body });
  const mentioned = typeof r.data?.mentions === "string" && r.data.mentions ? ` ${r.data.mentions} will be notified.` : "";
  return { ok: r.ok, message: r.ok ? `Comment posted.${mentioned}` : (r.message ?? "The comment was not posted."), fieldErrors: r.fieldErrors };
}
