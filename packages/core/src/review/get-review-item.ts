import type { TTeamContext } from "../teams/membership";
import type * as T from "./types";

// CONTRACT STUB (lead): the signature is fixed; the owner helper replaces the body.
export async function getReviewItem(_ctx: TTeamContext, _itemId: string): Promise<T.TReviewCard> {
  throw new Error("not implemented");
}
