import type { TTeamContext } from "../teams/membership";
import type { TClock, TOutcomeResult } from "./types";

/**
 * The account's owner records what happened on LinkedIn for an approved removal. "removed" spends
 * budget under the account's lock (BudgetRefusedError when a limit stops it); "not_found" and
 * "kept" cost nothing. Recording the same outcome twice returns the first (duplicate: true).
 */
export declare function recordOutcome(ctx: TTeamContext, itemId: string, input: { outcome: unknown }, clock?: TClock): Promise<TOutcomeResult>;
