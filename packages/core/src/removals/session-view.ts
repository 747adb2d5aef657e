import type { TTeamContext } from "../teams/membership";
import type { TClock, TRemovalSession } from "./types";

/** Today's session for an account: budget, the current card (owner only), progress, recent outcomes. */
export declare function getRemovalSession(ctx: TTeamContext, accountId: string, clock?: TClock): Promise<TRemovalSession>;
