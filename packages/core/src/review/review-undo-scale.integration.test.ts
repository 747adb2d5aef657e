import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv } from "../testing/setup";
import { bulkReview } from "./bulk-review";
import { listReviewItems } from "./list-review-items";
import { listNotifications } from "./notifications";
import { addConnections, addItems, fillQueue, makeReviewWorld, setQueueRules, type TReviewWorld } from "./review.test-util";
import { undoReview } from "./undo-review";

// Undo at scale on a team whose statistics have not caught up (fresh team, no ANALYZE: the planner
// thinks it has a handful of items), undo of decisions checks who may decide now, and cursors
// that parse as dates but are not ones we wrote. (30,000 items take about 12 s here.)

let w: TReviewWorld;

beforeAll(async () => {
  await startTestEnv();
  w = await makeReviewWorld("UndoScale");
});
afterAll(stopTestEnv);

async function items(accountId: string, n: number) {
  const conns = await addConnections(w, accountId, Array.from({ length: n }, (_, i) => ({ firstName: "Ida", lastName: `Undo${i}` })));
  return addItems(w.owner.team.id, conns.map((connectionId) => ({ connectionId, accountId })));
}

async function bulkDecideAndUndo(world: TReviewWorld, n: number) {
  const ids = await fillQueue(world, world.accounts.a.id, n);
  const t0 = performance.now();
  const r = await bulkReview(world.ctx.owner, { target: { all: { accountId: world.accounts.a.id, view: "needs_my_vote" }, expectedCount: n }, action: "decide", choice: "remove" });
  const decideMs = performance.now() - t0;
  expect(r.count).toBe(n);
  const t1 = performance.now();
  const undone = await undoReview(world.ctx.owner, { batchId: r.batchId });
  const undoMs = performance.now() - t1;
  expect(undone).toEqual({ restored: n, skipped: [] });
  const [left] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "ReviewItem" WHERE id = ANY($1) AND state <> 'OPEN'`, [ids]);
  expect(left!.n).toBe(0);
  console.info(`bulk decide ${n}: ${decideMs.toFixed(0)} ms, undo: ${undoMs.toFixed(0)} ms`);
}

describe("bulk decide and undo on a fresh team (no statistics)", () => {
  it("5,000 items: both within the statement timeout", async () => {
    await bulkDecideAndUndo(await makeReviewWorld("UndoFive"), 5_000);
  }, 120_000);

  it("30,000 items: both within the statement timeout", async () => {
    await bulkDecideAndUndo(await makeReviewWorld("UndoThirty"), 30_000);
  }, 300_000);
});

describe("undoing a decision batch", () => {
  it("restores only items the caller may still decide for; the rest are skipped naming the owner", async () => {
    await setQueueRules(w.owner.team.id, { adminsDecide: true });
    const mine = await items(w.accounts.a.id, 2);
    const theirs = await items(w.accounts.b.id, 2);
    const r = await bulkReview(w.ctx.admin, { target: { ids: [...mine, ...theirs] }, action: "decide", choice: "keep" });
    expect(r.count).toBe(4);
    await setQueueRules(w.owner.team.id, { adminsDecide: false });
    const undone = await undoReview(w.ctx.admin, { batchId: r.batchId });
    expect(undone.restored).toBe(0);
    expect(undone.skipped).toEqual(
      expect.arrayContaining([
        ...mine.map((id) => ({ id, why: `only ${w.owner.name ?? "the account's owner"} decides for ${w.accounts.a.label}` })),
        ...theirs.map((id) => ({ id, why: `only ${w.teammate.name} decides for ${w.accounts.b.label}` })),
      ]),
    );
    const states = await ownerQuery<{ state: string }>(`SELECT state::text FROM "ReviewItem" WHERE id = ANY($1)`, [[...mine, ...theirs]]);
    expect(states.map((s) => s.state)).toEqual(["DONE", "DONE", "DONE", "DONE"]);
    // Allowed again: the same batch undo restores them (the skipped changes stayed open).
    await setQueueRules(w.owner.team.id, { adminsDecide: true });
    expect(await undoReview(w.ctx.admin, { batchId: r.batchId })).toEqual({ restored: 4, skipped: [] });
  });

  it("a demoted admin restores nothing of a decision batch", async () => {
    await setQueueRules(w.owner.team.id, { adminsDecide: true });
    const ids = await items(w.accounts.b.id, 2);
    const r = await bulkReview(w.ctx.admin, { target: { ids }, action: "decide", choice: "remove" });
    const demoted = { ...w.ctx.admin, role: "MEMBER" as const };
    const undone = await undoReview(demoted, { batchId: r.batchId });
    expect(undone.restored).toBe(0);
    expect(undone.skipped).toEqual(expect.arrayContaining(ids.map((id) => ({ id, why: `only ${w.teammate.name} decides for ${w.accounts.b.label}` }))));
    expect(undone.skipped).toHaveLength(2);
  });
});

describe("cursors", () => {
  const enc = (s: string) => Buffer.from(s).toString("base64url");
  it("the bell refuses a cursor whose time is not one it wrote", async () => {
    for (const at of ["1", "2026-02-30T00:00:00.000Z", "2026-12-01", "2026-12-01T00:00:00Z"]) {
      expect(await rejectionOf(listNotifications(w.ctx.owner, { cursor: enc(`${at}|abc`) }))).toMatchObject({ code: "VALIDATION", details: { field: "cursor" } });
    }
    await expect(listNotifications(w.ctx.owner, { cursor: enc(`${new Date().toISOString()}|abc`) })).resolves.toMatchObject({ nextCursor: null });
  });

  it("the list refuses a day that does not exist", async () => {
    for (const c of ["2026-02-30T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-12-01T25:00:00.000Z"]) {
      expect(await rejectionOf(listReviewItems(w.ctx.owner, { cursor: enc(JSON.stringify({ c, id: "abc" })) }))).toMatchObject({ code: "VALIDATION", details: { field: "cursor" } });
    }
    await expect(listReviewItems(w.ctx.owner, { cursor: enc(JSON.stringify({ c: "2020-02-29T00:00:00.000Z", id: "abc" })) })).resolves.toMatchObject({ nextCursor: null });
  });
});
