import type { TTeamContext } from "../teams/membership";
import type * as T from "./types";

// CONTRACT STUB (lead): the signature is fixed; the owner helper replaces the body.
export async function bulkReview(_ctx: TTeamContext, _input: T.TBulkReviewInput): Promise<T.TBulkReviewResult> {
  throw new Error("not implemented");
}
