import type { TTeamContext } from "../teams/membership";
import type * as T from "./types";

// CONTRACT STUB (lead): the signature is fixed; the owner helper replaces the body.
export async function listReviewItems(_ctx: TTeamContext, _input: T.TReviewListInput): Promise<T.TReviewPage> {
  throw new Error("not implemented");
}
