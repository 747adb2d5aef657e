import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listNotifications } from "../review/notifications";
import { makeReviewWorld, setQueueRules, type TReviewWorld } from "../review/review.test-util";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv } from "../testing/setup";
import { planRemovalSession } from "./plan-session";
import {
  addApproved,
  addZonedAccount,
  markKept,
  markNotFound,
  markRemoved,
  plannedNotifications,
  plannedOn,
  planRows,
  setDayUsed,
  setPolicy,
} from "./plan.test-util";

// The day planner against real Postgres (as the app role, under row-level security), with an
// injected clock: order, allowance, protection, idempotency, top-up, carry-over, local days.

let world: TReviewWorld;
beforeAll(async () => {
  await startTestEnv();
  world = await makeReviewWorld("Planner");
});
afterAll(stopTestEnv);

const DAY = new Date("2026-11-18T10:00:00Z"); // a Wednesday; UTC accounts: local date 2026-11-18
const teamId = () => world.owner.team.id;

describe("planRemovalSession", () => {
  it("plans the lowest fit first (best score over every ICP; unscored counts as 0), up to the daily limit", async () => {
    const acc = await addZonedAccount(world, "UTC");
    const scores = [55, 5, null, 70, 20, 90, 0, 40, 33, 12, 61, 8, 99, 47, 26, 3];
    const { items, connections } = await addApproved(world, acc.id, scores.map((score) => ({ score })));
    // The last person fits a second ICP well: their best score is 95, so they come late.
    const icp2 = randomUUID();
    await ownerQuery(`INSERT INTO "Icp" (id, "teamId", name, definition, "updatedAt") VALUES ($1, $2, $3, '{}', now())`, [icp2, teamId(), `Partners ${icp2.slice(0, 6)}`]);
    await ownerQuery(
      `INSERT INTO "IcpScore" ("teamId", "icpId", "connectionId", version, score, band, reasons, flags) VALUES ($1, $2, $3, 1, 95, 'strong', '[]', '{}')`,
      [teamId(), icp2, connections[15]],
    );

    const r = await planRemovalSession(teamId(), acc.id, { now: DAY });
    expect(r).toEqual({ localDate: "2026-11-18", planned: 10, status: "planned" }); // a small account: 10 a day
    const order = await plannedOn(acc.id, "2026-11-18");
    const byScore = (s: number | null) => items[scores.indexOf(s)]!;
    // null and 0 tie (then decidedAt, id); the rest strictly ascending.
    expect(new Set(order.slice(0, 2))).toEqual(new Set([byScore(null), byScore(0)]));
    expect(order.slice(2)).toEqual([5, 8, 12, 20, 26, 33, 40, 47].map(byScore));
    const rows = await planRows(acc.id);
    expect(rows.filter((x) => x.plannedOn).map((x) => x.planRank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rows.find((x) => x.id === items[15])?.plannedOn).toBeNull(); // 3 under one ICP, 95 under the other
    const [day] = await ownerQuery<{ planned: number; plannedAt: Date }>(
      `SELECT planned, "plannedAt" FROM "RemovalDay" WHERE "accountId" = $1 AND "localDate" = '2026-11-18'`,
      [acc.id],
    );
    expect(day?.planned).toBe(10);
    expect(day?.plannedAt.toISOString()).toBe(DAY.toISOString());
  });

  it("plans at most the day's allowance: the limit minus today's removals, within the weekly ceiling", async () => {
    const used = await addZonedAccount(world, "UTC");
    await addApproved(world, used.id, Array.from({ length: 12 }, (_, i) => ({ score: i })));
    await setDayUsed(teamId(), used.id, "2026-11-18", 7);
    expect(await planRemovalSession(teamId(), used.id, { now: DAY })).toMatchObject({ planned: 3, status: "planned" });

    const weekly = await addZonedAccount(world, "UTC");
    await addApproved(world, weekly.id, Array.from({ length: 12 }, (_, i) => ({ score: i })));
    await setPolicy(teamId(), weekly.id, { weeklyLimit: 12 });
    await setDayUsed(teamId(), weekly.id, "2026-11-17", 6);
    await setDayUsed(teamId(), weekly.id, "2026-11-12", 4); // 6 days ago: inside the window
    await setDayUsed(teamId(), weekly.id, "2026-11-11", 9); // 7 days ago: outside
    expect(await planRemovalSession(teamId(), weekly.id, { now: DAY })).toMatchObject({ planned: 2, status: "planned" });
    expect(await plannedOn(weekly.id, "2026-11-18")).toHaveLength(2);

    const full = await addZonedAccount(world, "UTC");
    await addApproved(world, full.id, [{ score: 1 }]);
    await setDayUsed(teamId(), full.id, "2026-11-18", 10);
    // Nothing fits today, but the day counts as planned: the sweep does not come back every 5 minutes.
    expect(await planRemovalSession(teamId(), full.id, { now: DAY })).toEqual({ localDate: "2026-11-18", planned: 0, status: "nothing" });
    expect(await planRemovalSession(teamId(), full.id, { now: DAY })).toMatchObject({ status: "already" });
    expect(await plannedNotifications(teamId(), world.owner.userId).then((n) => n.filter((x) => x.data.accountId === full.id))).toHaveLength(0);
  });

  it("skips protected people unless the removal was approved with the loss acknowledged", async () => {
    const w = await makeReviewWorld("Protected");
    const tag = randomUUID();
    await ownerQuery(`INSERT INTO "Tag" (id, "teamId", name, "nameKey", color, "updatedAt") VALUES ($1, $2, 'VIP', 'vip', 'red', now())`, [tag, w.owner.team.id]);
    await setQueueRules(w.owner.team.id, { protectedTagIds: [tag] });
    const acc = await addZonedAccount(w, "UTC");
    const { items, connections } = await addApproved(w, acc.id, [
      { score: 1, endorsedMe: true },
      { score: 2, recommendedMe: true },
      { score: 3 }, // tagged VIP below
      { score: 4, endorsedMe: true }, // tagged too, and acknowledged
      { score: 50 },
    ]);
    await ownerQuery(`INSERT INTO "ConnectionTag" ("teamId", "tagId", "connectionId") SELECT $1, $2, unnest($3::text[])`, [w.owner.team.id, tag, [connections[2], connections[3]]]);
    await ownerQuery(`UPDATE "ReviewItem" SET "protectedLoss" = $2 WHERE id = ANY($1::text[])`, [[items[1], items[3]], ["Recommended you"]]);

    expect(await planRemovalSession(w.owner.team.id, acc.id, { now: DAY })).toMatchObject({ planned: 3, status: "planned" });
    expect(await plannedOn(acc.id, "2026-11-18")).toEqual([items[1], items[3], items[4]]);

    // Protected since it was planned (they endorsed the owner meanwhile): it leaves today's plan at the next top-up.
    await ownerQuery(`UPDATE "Connection" SET "endorsedMe" = true WHERE id = $1`, [connections[4]]);
    expect(await planRemovalSession(w.owner.team.id, acc.id, { now: DAY, topUp: true })).toMatchObject({ status: "already" });
    expect(await plannedOn(acc.id, "2026-11-18")).toEqual([items[1], items[3]]);
  });

  it("is idempotent per local day and notifies the owner once a day", async () => {
    const acc = await addZonedAccount(world, "UTC");
    await addApproved(world, acc.id, Array.from({ length: 14 }, (_, i) => ({ score: i })));
    expect(await planRemovalSession(teamId(), acc.id, { now: DAY })).toMatchObject({ planned: 10, status: "planned" });
    const before = await planRows(acc.id);
    const later = new Date(DAY.getTime() + 3 * 3_600_000);
    expect(await planRemovalSession(teamId(), acc.id, { now: later })).toEqual({ localDate: "2026-11-18", planned: 10, status: "already" });
    expect(await planRemovalSession(teamId(), acc.id, { now: later, topUp: true })).toEqual({ localDate: "2026-11-18", planned: 10, status: "already" });
    expect(await planRows(acc.id)).toEqual(before);

    const mine = async () => (await plannedNotifications(teamId(), world.owner.userId)).filter((n) => n.data.accountId === acc.id);
    expect(await mine()).toEqual([{ data: { accountId: acc.id, accountLabel: acc.label, planned: 10, localDate: "2026-11-18" }, dedupeKey: `removal-planned:${acc.id}:2026-11-18` }]);
    const bell = await listNotifications(world.ctx.owner, { limit: 100 });
    const n = bell.items.find((x) => x.kind === ("removal.planned" as string) && x.text.endsWith(acc.label));
    expect(n).toMatchObject({ text: `Today: 10 removals planned for ${acc.label}`, href: `/t/${world.owner.team.slug}/removals/${acc.id}` });

    const nextDay = new Date(DAY.getTime() + 86_400_000);
    expect(await planRemovalSession(teamId(), acc.id, { now: nextDay })).toMatchObject({ localDate: "2026-11-19", status: "planned" });
    expect((await mine()).map((x) => x.data.localDate)).toEqual(["2026-11-18", "2026-11-19"]);
  });

  it("plans once when the sweep, an import and the owner's page plan at the same moment", async () => {
    const acc = await addZonedAccount(world, "UTC");
    await addApproved(world, acc.id, Array.from({ length: 30 }, (_, i) => ({ score: i })));
    const results = await Promise.all([
      planRemovalSession(teamId(), acc.id, { now: DAY }),
      planRemovalSession(teamId(), acc.id, { now: DAY }),
      planRemovalSession(teamId(), acc.id, { now: DAY, topUp: true }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["already", "already", "planned"]);
    expect(results.every((r) => r.planned === 10)).toBe(true);
    expect(await plannedOn(acc.id, "2026-11-18")).toHaveLength(10);
    expect((await plannedNotifications(teamId(), world.owner.userId)).filter((n) => n.data.accountId === acc.id)).toHaveLength(1);
  });

  it("tops up after outcomes left the plan, never past the allowance, and new picks rank after today's", async () => {
    const acc = await addZonedAccount(world, "UTC");
    const { items } = await addApproved(world, acc.id, Array.from({ length: 16 }, (_, i) => ({ score: i * 5 })));
    await planRemovalSession(teamId(), acc.id, { now: DAY });
    expect(await plannedOn(acc.id, "2026-11-18")).toEqual(items.slice(0, 10));

    // Two removed (budget spent), one kept, one not found: 6 left, 8 still allowed → 2 more.
    await markRemoved(teamId(), acc.id, items.slice(0, 2), DAY, "2026-11-18");
    await setDayUsed(teamId(), acc.id, "2026-11-18", 2);
    await markKept([items[2]!]);
    await markNotFound([items[3]!], DAY);
    expect(await planRemovalSession(teamId(), acc.id, { now: DAY })).toMatchObject({ status: "already" }); // the worker's call
    const r = await planRemovalSession(teamId(), acc.id, { now: new Date(DAY.getTime() + 60_000), topUp: true });
    expect(r).toEqual({ localDate: "2026-11-18", planned: 12, status: "topped-up" });
    expect(await plannedOn(acc.id, "2026-11-18")).toEqual([...items.slice(4, 10), items[10], items[11]]);
    const rows = await planRows(acc.id);
    expect(rows.filter((x) => x.id === items[10] || x.id === items[11]).map((x) => x.planRank)).toEqual([11, 12]);
    expect(rows.find((x) => x.id === items[3])).toMatchObject({ state: "APPROVED", plannedOn: null }); // not found: waits for an import
    expect(await planRemovalSession(teamId(), acc.id, { now: DAY, topUp: true })).toMatchObject({ planned: 12, status: "already" });
  });

  it("carries an unfinished day over: its plan competes again on the next local day", async () => {
    const acc = await addZonedAccount(world, "UTC");
    const { items } = await addApproved(world, acc.id, Array.from({ length: 15 }, (_, i) => ({ score: 60 - i * 4 })));
    await planRemovalSession(teamId(), acc.id, { now: DAY });
    const first = await plannedOn(acc.id, "2026-11-18");
    expect(first).toEqual(items.slice(5).reverse()); // lowest score = the last seeded
    await markRemoved(teamId(), acc.id, [first[0]!], DAY, "2026-11-18");
    await setDayUsed(teamId(), acc.id, "2026-11-18", 1);
    // A newly approved removal that fits worst of all arrives overnight.
    const { items: late } = await addApproved(world, acc.id, [{ score: 0 }]);

    const next = new Date("2026-11-19T00:03:00Z");
    expect(await planRemovalSession(teamId(), acc.id, { now: next })).toEqual({ localDate: "2026-11-19", planned: 10, status: "planned" });
    expect(await plannedOn(acc.id, "2026-11-18")).toEqual([]);
    const second = await plannedOn(acc.id, "2026-11-19");
    expect(second).toEqual([late[0], ...first.slice(1)]); // 10 a day: the next one (items[4]) waits
  });

  it("starts the local day at local midnight in the account's zone (Asia/Kolkata, UTC+5:30)", async () => {
    const acc = await addZonedAccount(world, "Asia/Kolkata");
    await addApproved(world, acc.id, Array.from({ length: 25 }, (_, i) => ({ score: i })));
    expect(await planRemovalSession(teamId(), acc.id, { now: new Date("2026-12-04T18:29:00Z") })).toMatchObject({ localDate: "2026-12-04", status: "planned" }); // 23:59
    expect(await planRemovalSession(teamId(), acc.id, { now: new Date("2026-12-04T18:30:00Z") })).toMatchObject({ localDate: "2026-12-05", status: "planned" }); // 00:00
    expect(await planRemovalSession(teamId(), acc.id, { now: new Date("2026-12-05T18:29:59Z") })).toMatchObject({ localDate: "2026-12-05", status: "already" });
    expect(await plannedOn(acc.id, "2026-12-05")).toHaveLength(10);
    expect(await plannedOn(acc.id, "2026-12-04")).toHaveLength(0);
  });

  it("refuses another team's account without writing anything for it", async () => {
    const other = await makeReviewWorld("Planner other");
    const theirs = await addZonedAccount(other, "UTC");
    await addApproved(other, theirs.id, [{ score: 1 }]);
    const e = await rejectionOf(planRemovalSession(teamId(), theirs.id, { now: DAY }));
    expect(e.code).toBe("NOT_FOUND");
    expect(e.message).toContain("This LinkedIn account");
    const written = await ownerQuery<{ n: number }>(
      `SELECT (SELECT count(*) FROM "RemovalBudget" WHERE "accountId" = $1) + (SELECT count(*) FROM "RemovalDay" WHERE "accountId" = $1)
              + (SELECT count(*) FROM "ReviewItem" WHERE "accountId" = $1 AND "plannedOn" IS NOT NULL) AS n`,
      [theirs.id],
    );
    expect(Number(written[0]?.n)).toBe(0);
  });

  it("plans among 30,000 approved removals in one set-based pass", async () => {
    const big = await makeReviewWorld("Planner big");
    const acc = await addZonedAccount(big, "UTC");
    const n = 30_000;
    // Scores descend with the index, so the lowest fits are the last ten seeded.
    const { items } = await addApproved(big, acc.id, Array.from({ length: n }, (_, i) => ({ score: Math.floor(((n - 1 - i) * 100) / n) })));
    await ownerQuery(`ANALYZE "ReviewItem"; ANALYZE "Connection"; ANALYZE "IcpScore"`);
    const t0 = performance.now();
    const r = await planRemovalSession(big.owner.team.id, acc.id, { now: DAY });
    const ms = performance.now() - t0;
    expect(r).toMatchObject({ planned: 25, status: "planned" }); // over 2,000 connections: 25 a day
    const planned = await plannedOn(acc.id, "2026-11-18");
    const lowest = new Set(items.slice(n - 300)); // the 300 people scored 0
    expect(planned.filter((id) => lowest.has(id))).toHaveLength(25);
    expect(ms).toBeLessThan(3_000); // ~0.3 s idle, ~0.9 s on a loaded 2-core box; a per-row loop would take minutes
  }, 120_000);
});
