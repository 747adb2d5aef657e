import type { TTeamContext } from "../teams/membership";
import type * as T from "./types";

// CONTRACT STUB (lead): the signature is fixed; the owner helper replaces the body.
/** Undoes a batch (bulk action), or on one item the latest decision (if the caller may decide) else the caller's own vote. */
export async function undoReview(_ctx: TTeamContext, _input: { itemId: string } | { batchId: string }): Promise<{ restored: number; skipped: Array<{ id: string; why: string }>; item?: T.TReviewItemSummary }> {
  throw new Error("not implemented");
}
