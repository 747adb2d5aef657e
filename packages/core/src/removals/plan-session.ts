import type { TClock, TPlanResult } from "./types";

/**
 * Plans the account's session for its current local day (worker job `removal.plan`, and lazily
 * when the owner opens the session): returns still-connected people to the backlog, then picks
 * approved removals lowest fit first, up to the day's allowance, and notifies the owner once.
 * Idempotent per local day; `topUp` adds more when the plan ran out and allowance remains.
 */
export declare function planRemovalSession(teamId: string, accountId: string, opts?: TClock & { topUp?: boolean }): Promise<TPlanResult>;
