import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queue, QUEUES } from "@crm/jobs";
import { makeReviewWorld, type TReviewWorld } from "../review/review.test-util";
import { ownerQuery, startTestEnv, stopTestEnv } from "../testing/setup";
import { planRemovalSession } from "./plan-session";
import { findDueRemovalPlans, sweepRemovalPlans } from "./plans-due";
import { addApproved, addZonedAccount } from "./plan.test-util";

// The sweep's question across teams (crm_removal_plans_due, past row-level security on purpose):
// it answers ids and dates only, for accounts with approved removals and no plan for their current
// local day. The database is shared with other test files, so every check filters to our accounts.

let a: TReviewWorld;
let b: TReviewWorld;
beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([makeReviewWorld("Due A"), makeReviewWorld("Due B")]);
});
afterAll(stopTestEnv);

// 20:00 UTC: still 2026-11-18 in UTC, already 2026-11-19 in Kolkata (UTC+5:30).
const NOW = new Date("2026-11-18T20:00:00Z");

async function allDue(now: Date) {
  const out: Awaited<ReturnType<typeof findDueRemovalPlans>> = [];
  let after: string | undefined;
  for (;;) {
    const page = await findDueRemovalPlans({ now, after, limit: 1000 });
    out.push(...page);
    if (page.length < 1000) return out;
    after = page[page.length - 1]!.accountId;
  }
}

describe("findDueRemovalPlans and the sweep", () => {
  it("finds accounts of every team with approved removals and no plan today, ids and local dates only", async () => {
    const aUtc = await addZonedAccount(a, "UTC");
    const aPlanned = await addZonedAccount(a, "UTC");
    const aEmpty = await addZonedAccount(a, "UTC"); // nothing approved
    const bKolkata = await addZonedAccount(b, "Asia/Kolkata");
    const bOddZone = await addZonedAccount(b, "Mars/Olympus_Mons"); // a zone Postgres does not know: left out, not failing
    await addApproved(a, aUtc.id, [{ score: 1 }]);
    await addApproved(a, aPlanned.id, [{ score: 1 }]);
    await addApproved(b, bKolkata.id, [{ score: 1 }, { score: 2 }]);
    await addApproved(b, bOddZone.id, [{ score: 1 }]);
    await ownerQuery(`UPDATE "ReviewItem" SET state = 'DONE' WHERE "accountId" = $1`, [aEmpty.id]);
    expect(await planRemovalSession(a.owner.team.id, aPlanned.id, { now: NOW })).toMatchObject({ status: "planned" });

    const ours = new Set([aUtc.id, aPlanned.id, aEmpty.id, bKolkata.id, bOddZone.id]);
    const due = (await allDue(NOW)).filter((r) => ours.has(r.accountId));
    expect(due.sort((x, y) => x.accountId.localeCompare(y.accountId))).toEqual(
      [
        { teamId: a.owner.team.id, accountId: aUtc.id, localDate: "2026-11-18" },
        { teamId: b.owner.team.id, accountId: bKolkata.id, localDate: "2026-11-19" },
      ].sort((x, y) => x.accountId.localeCompare(y.accountId)),
    );
    for (const r of due) expect(Object.keys(r).sort()).toEqual(["accountId", "localDate", "teamId"]);

    // Paging: after an id, only later ids; the planned account comes back on its next local day.
    const first = [aUtc.id, bKolkata.id].sort()[0]!;
    expect((await findDueRemovalPlans({ now: NOW, after: first, limit: 1000 })).every((r) => r.accountId > first)).toBe(true);
    const tomorrow = new Date(NOW.getTime() + 86_400_000);
    expect((await allDue(tomorrow)).find((r) => r.accountId === aPlanned.id)).toEqual({ teamId: a.owner.team.id, accountId: aPlanned.id, localDate: "2026-11-19" });
  });

  it("the sweep enqueues one plan job per account and local day, once however often it runs", async () => {
    const acc = await addZonedAccount(b, "Australia/Lord_Howe");
    await addApproved(b, acc.id, [{ score: 5 }]);
    const now = new Date("2026-11-18T12:59:00Z"); // Lord Howe is UTC+11 in November: 23:59 on the 18th
    expect(await sweepRemovalPlans({ now })).toBeGreaterThanOrEqual(1);
    await sweepRemovalPlans({ now });
    const q = queue(QUEUES.maintenance);
    const job = await q.getJob(`removal.plan__${acc.id}-2026-11-18`);
    expect(job?.name).toBe("removal.plan");
    expect(job?.data).toEqual({ teamId: b.owner.team.id, accountId: acc.id });
    const mine = (await q.getJobs(["waiting", "delayed", "active", "completed", "failed"], 0, -1)).filter((j) => j.data?.accountId === acc.id);
    expect(mine).toHaveLength(1);
    // A minute later it is the 19th there: a new day, a new job.
    await sweepRemovalPlans({ now: new Date(now.getTime() + 60_000) });
    expect(await q.getJob(`removal.plan__${acc.id}-2026-11-19`)).toBeTruthy();
  });
});
