import type { TTeamContext } from "../teams/membership";
import type { TRemovalPolicy } from "./types";

export declare function getRemovalPolicy(ctx: TTeamContext, accountId: string): Promise<TRemovalPolicy>;

/** Only the account's owner; audited (before/after); applies from the next confirmation. */
export declare function updateRemovalPolicy(ctx: TTeamContext, accountId: string, input: unknown): Promise<TRemovalPolicy>;
