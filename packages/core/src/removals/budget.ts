import type { TTx } from "@crm/db";
import type { TTeamContext } from "../teams/membership";
import type { TClock, TRemovalBudget } from "./types";

/** Any member reads an account's budget (the account must be the team's: 404 otherwise). */
export declare function getRemovalBudget(ctx: TTeamContext, accountId: string, clock?: TClock): Promise<TRemovalBudget>;

/** The same inside a caller's team transaction (session view, record, undo, planner). */
export declare function readBudget(tx: TTx, teamId: string, accountId: string, now: Date): Promise<TRemovalBudget>;
