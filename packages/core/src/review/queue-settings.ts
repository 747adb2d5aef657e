import type { TTeamContext } from "../teams/membership";
import type * as T from "./types";

// CONTRACT STUB (lead): the signature is fixed; the owner helper replaces the body.
import type { TQueueRules } from "./queue-rules";
export async function getQueueRules(_ctx: TTeamContext): Promise<{ rules: TQueueRules; version: number; canEdit: boolean; updatedAt: string | null; updatedBy: T.TUserRef | null }> {
  throw new Error("not implemented");
}
export async function updateQueueRules(_ctx: TTeamContext, _input: { rules: unknown; version: number }): Promise<{ rules: TQueueRules; version: number }> {
  throw new Error("not implemented");
}
