import type { TTeamContext } from "../teams/membership";
import type * as T from "./types";

// CONTRACT STUB (lead): the signature is fixed; the owner helper replaces the body.
export async function claimNextItem(_ctx: TTeamContext, _input: { accountId?: string; view?: T.TQueueView; kind?: T.TReviewKindCode; skipIds?: string[] }): Promise<T.TReviewCard | null> {
  throw new Error("not implemented");
}
export async function releaseClaim(_ctx: TTeamContext, _itemId: string): Promise<void> {
  throw new Error("not implemented");
}
