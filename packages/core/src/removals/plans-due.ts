import type { TClock } from "./types";

/**
 * Across teams (the one documented way past row-level security, crm_removal_plans_due): accounts
 * with approved removals and no plan for their current local day. Ids and dates only.
 */
export declare function findDueRemovalPlans(opts?: TClock & { after?: string; limit?: number }): Promise<Array<{ teamId: string; accountId: string; localDate: string }>>;

/** The `removal.sweep` job: pages through findDueRemovalPlans and enqueues one `removal.plan` per account and day (deduplicated by job id). */
export declare function sweepRemovalPlans(opts?: TClock): Promise<number>;
