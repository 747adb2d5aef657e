import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeamSql } from "@crm/db";
import { signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { buildQueue } from "./build-queue";
import { addAccountFor, addPeople, addScoredIcps, type TPersonSpec } from "./build-queue.test-util";

// The target: one account of 30,000 scored connections with 2 ICPs builds in under 3 s
// (first build, which inserts every item, and a rebuild after a rescore). It takes a minute or two,
// so it runs on demand: QUEUE_BUILD_PERF=1 (add QUEUE_BUILD_PERF_STRICT=1 on a quiet machine to
// assert the 3 s). `npm run bench` measures the same build on the 40 × 30,000 dataset.

const N = 30_000;
const FLAGS = ["stale", "open_networker", "recruiter", "competitor", "student", "no_title"];
let u: TSignedUpUser;

beforeAll(async () => {
  if (!process.env.QUEUE_BUILD_PERF) return;
  await startTestEnv();
  u = await signUpUser("qb-perf");
}, 60_000);
afterAll(async () => {
  if (process.env.QUEUE_BUILD_PERF) await stopTestEnv();
});

describe.skipIf(!process.env.QUEUE_BUILD_PERF)("buildQueue at 30,000 connections", () => {
  it("builds and rebuilds in under 3 s", async () => {
    const accountId = await addAccountFor(u.ctx);
    const icps = await addScoredIcps(u.ctx, ["Enterprise buyers", "Founders"]);
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const people: TPersonSpec[] = Array.from({ length: N }, (_, i) => ({
      key: `p${i}`,
      endorsedMe: rnd() < 0.05,
      lastInteractionAt: rnd() < 0.3 ? new Date(Date.UTC(2020 + Math.floor(rnd() * 7), Math.floor(rnd() * 12), 1)) : null,
      connectedOn: `${2012 + Math.floor(rnd() * 14)}-0${1 + Math.floor(rnd() * 9)}-15`,
      scores: [
        [Math.floor(rnd() * 100), FLAGS.filter(() => rnd() < 0.08)],
        [Math.floor(rnd() * 100), FLAGS.filter(() => rnd() < 0.08)],
      ],
    }));
    await addPeople(u.ctx, accountId, icps, people);
    await withTeamSql(u.team.id, (c) => c.query(`ANALYZE "Connection"; ANALYZE "IcpScore"`).then(() => undefined)).catch(() => undefined);

    // The machine is shared (other test files, builds): each figure is the best of three runs.
    const best = async (before: () => Promise<unknown>) => {
      let min: Awaited<ReturnType<typeof buildQueue>> | null = null;
      for (let i = 0; i < 3; i++) {
        await before();
        const r = await buildQueue(u.team.id, { accountId });
        if (!min || r.ms < min.ms) min = r;
      }
      return min!;
    };
    const clear = () => withTeamSql(u.team.id, (c) => c.query(`DELETE FROM "ReviewItem" WHERE "teamId" = $1`, [u.team.id]));
    const first = await best(clear);
    const again = await best(async () => undefined);
    // A rescore moves a tenth of the scores (and back, so each run has the same work).
    const shift = (k: number) =>
      withTeamSql(u.team.id, (c) =>
        c.query(
          `UPDATE "IcpScore" SET score = (score + $2) % 100, band = CASE WHEN (score + $2) % 100 >= 70 THEN 'strong' WHEN (score + $2) % 100 >= 40 THEN 'partial' ELSE 'none' END
            WHERE "icpId" = $1 AND hashtext("connectionId") % 10 = 0`,
          [icps[0], k],
        ),
      );
    let k = 0;
    const rescored = await best(() => shift((k++ % 2 === 0 ? 37 : 63)));
    console.log(JSON.stringify({ first, again, rescored }));
    expect(again).toMatchObject({ opened: 0, updated: 0, closed: 0, reopened: 0 });
    expect(first.opened).toBeGreaterThan(20_000);
    expect(rescored.closed).toBeGreaterThan(500);
    // The 3 s target holds on a quiet 2-core machine (QUEUE_BUILD_PERF_STRICT=1); alongside other
    // test files the CPU is shared, so the default run only guards against a regression in kind.
    const limit = process.env.QUEUE_BUILD_PERF_STRICT ? 3_000 : 30_000;
    for (const r of [first, again, rescored]) expect(r.ms).toBeLessThan(limit);
  }, 180_000);
});
