import type { TTeamContext } from "../teams/membership";
import type * as T from "./types";

// CONTRACT STUB (lead): the signature is fixed; the owner helper replaces the body.
export type TToday = {
  hasData: boolean;
  waiting: { needsMyVote: number; needsMyDecision: number; followUpsDue: number };
  nextItems: T.TReviewItemSummary[]; // a few cards that wait for me
  jobChanges: Array<{ connectionId: string; name: string; company: string | null; position: string | null; accountLabel: string; at: string; itemId: string | null }>;
  accounts: T.TQueueCounts["accounts"];
};
export async function getToday(_ctx: TTeamContext): Promise<TToday> {
  throw new Error("not implemented");
}
