import type { TTeamContext } from "../teams/membership";
import type * as T from "./types";

// CONTRACT STUB (lead): the signature is fixed; the owner helper replaces the body.
export async function addComment(_ctx: TTeamContext, _itemId: string, _input: { body: string }): Promise<T.TReviewComment> {
  throw new Error("not implemented");
}
