import type { TTeamContext } from "../teams/membership";
import type { TClock, TUndoResult } from "./types";

/**
 * Within 10 minutes the owner undoes an outcome: the item returns to today's session. The budget
 * comes back only for a "removed" whose LinkedIn side was not touched (linkedInTouched: false).
 */
export declare function undoOutcome(ctx: TTeamContext, outcomeId: string, input: { linkedInTouched?: unknown }, clock?: TClock): Promise<TUndoResult>;
