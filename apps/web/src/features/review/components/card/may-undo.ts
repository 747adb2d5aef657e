import type { TReviewCard } from "@crm/core";

/**
 * Whether the card offers Undo: after an action in this tab, when the server says the viewer may
 * undo here, or when the viewer has a vote on it (undo takes the vote back). The last case matters
 * after ← in the flow: the card voted on earlier must still let its voter take the vote back.
 * This is the same rule useCardSession's undo uses to pick what to undo.
 */
export function mayUndo(card: Pick<TReviewCard, "canUndo" | "myVote">, actedInThisTab: boolean): boolean {
  return actedInThisTab || card.canUndo || Boolean(card.myVote);
}
