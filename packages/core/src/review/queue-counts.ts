import type { TTeamContext } from "../teams/membership";
import type * as T from "./types";

// CONTRACT STUB (lead): the signature is fixed; the owner helper replaces the body.
export async function queueCounts(_ctx: TTeamContext, _input: { accountId?: string }): Promise<T.TQueueCounts> {
  throw new Error("not implemented");
}
