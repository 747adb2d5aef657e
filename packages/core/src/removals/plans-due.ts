import { db } from "@crm/db";
import { enqueueDayPlan } from "./enqueue-plan";
import type { TClock } from "./types";

// The day planner's sweep (docs/decisions/0010). Which accounts are due is the one question asked
// across teams: crm_removal_plans_due (SECURITY DEFINER, see the migration) answers it with ids and
// a date only, so it is called on the app connection without a team. The planning itself then runs
// per account inside withTeam (the `removal.plan` job).

const PAGE = 500;
/** The function caps a page at 1,000. */
const MAX_PAGE = 1_000;
/** 500 × 400 = 200,000 accounts per sweep; the next sweep (5 minutes later) continues. */
const MAX_PAGES = 400;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export type TDuePlan = { teamId: string; accountId: string; localDate: string };

/**
 * Across teams (the one documented way past row-level security, crm_removal_plans_due): accounts
 * with approved removals and no plan for their current local day. Ids and dates only.
 */
export async function findDueRemovalPlans(opts: TClock & { after?: string; limit?: number } = {}): Promise<TDuePlan[]> {
  const now = opts.now ?? new Date();
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? PAGE), 1), MAX_PAGE);
  const after = opts.after !== undefined && ID.test(opts.after) ? opts.after : null;
  return db().$queryRaw<TDuePlan[]>`
    SELECT "teamId", "accountId", "localDate"::text AS "localDate"
      FROM crm_removal_plans_due(${now.toISOString()}::timestamptz, ${after}::text, ${limit}::int)`;
}

/** The `removal.sweep` job: pages through findDueRemovalPlans and enqueues one `removal.plan` per account and day (deduplicated by job id). */
export async function sweepRemovalPlans(opts: TClock = {}): Promise<number> {
  const now = opts.now ?? new Date();
  let after: string | undefined;
  let count = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const due = await findDueRemovalPlans({ now, after, limit: PAGE });
    await Promise.all(due.map((d) => enqueueDayPlan(d.teamId, d.accountId, d.localDate)));
    count += due.length;
    if (due.length < PAGE) break;
    after = due[due.length - 1]!.accountId;
  }
  return count;
}
