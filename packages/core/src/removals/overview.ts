import type { TTeamContext } from "../teams/membership";
import type { TClock, TRemovalAccountSummary } from "./types";

/** Every account of the team with its approved backlog, today's plan and budget (the Removals page). */
export declare function listRemovalAccounts(ctx: TTeamContext, clock?: TClock): Promise<TRemovalAccountSummary[]>;
