import type { TTeamContext } from "../teams/membership";
import type * as T from "./types";

// CONTRACT STUB (lead): the signature is fixed; the owner helper replaces the body.
/** A person proposes connections by hand (table, card). Protected people need acknowledgeProtected, else CONFLICT naming the loss. */
export async function proposeForReview(_ctx: TTeamContext, _input: { kind: string; target: import("../connections/target").TBulkTarget; reason?: string | null; acknowledgeProtected?: boolean }): Promise<{ count: number; protected: Array<{ connectionId: string; name: string; loss: string[] }> }> {
  throw new Error("not implemented");
}
