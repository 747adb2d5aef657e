import type { TTeamContext } from "../teams/membership";
import type * as T from "./types";

// CONTRACT STUB (lead): the signature is fixed; the owner helper replaces the body.
export async function castVote(_ctx: TTeamContext, _itemId: string, _input: T.TVoteInput): Promise<T.TReviewItemSummary> {
  throw new Error("not implemented");
}
export async function retractVote(_ctx: TTeamContext, _itemId: string): Promise<T.TReviewItemSummary> {
  throw new Error("not implemented");
}
