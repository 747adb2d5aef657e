import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setQueueRules } from "../review/review.test-util";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv } from "../testing/setup";
import { isBudgetRefused } from "./refusal";
import { recordOutcome } from "./record-outcome";
import { addSeconds, auditRows, budgetRow, clockAt, dayUsed, itemRow, makeRemovalWorld, outcomeRows, type TRemovalWorld } from "./removal.test-util";
import { addTag } from "./session.test-util";

// Recording outcomes against real Postgres: what each outcome writes and costs, duplicates,
// rights, tenant walls and the item's state. Times come from an injected clock.

const T0 = new Date("2026-12-07T10:00:00.000Z"); // a Monday, 10:00 UTC
let w: TRemovalWorld;
let other: TRemovalWorld;

beforeAll(async () => {
  await startTestEnv();
  w = await makeRemovalWorld({ label: "Record", count: 20 });
  other = await makeRemovalWorld({ label: "RecordOther", count: 2 });
});
afterAll(stopTestEnv);

let next = 0;
/** A fresh approved item of the main world, and a clock far enough from the others that no gap applies. */
const fresh = () => {
  const i = next++;
  return { id: w.items[i]!, connectionId: w.connections[i]!, clock: clockAt(addSeconds(T0, i * 3600 * 24)) };
};

describe("recordOutcome: removed", () => {
  it("spends one removal, sets the gap, executes the item, marks the person pending, audits", async () => {
    const { id, connectionId, clock } = fresh();
    const r = await recordOutcome(w.ctx.owner, id, { outcome: "removed" }, clock);
    expect(r.duplicate).toBe(false);
    expect(r.outcome).toMatchObject({ itemId: id, connectionId, outcome: "removed", counted: true, createdAt: clock.now.toISOString() });
    expect(r.outcome.undoUntil).toBe(addSeconds(clock.now, 600).toISOString());
    expect(r.budget).toMatchObject({ used: 1, limit: 10, remaining: 9, hourUsed: 1, weekUsed: 1, blockedBy: "PACE_WAIT" });
    expect(r.budget.nextAllowedAt).toBe(addSeconds(clock.now, 90).toISOString()); // random 0.5: exactly the gap
    const item = await itemRow(id);
    expect(item).toMatchObject({ state: "DONE", decision: "REMOVE", connectionStatus: "REMOVAL_PENDING", version: 2 });
    expect(item.executedAt).toEqual(clock.now);
    expect(item.lastChange).toMatchObject({ action: "executed", actorId: w.owner.userId });
    expect(await budgetRow(w)).toEqual({ nextAllowedAt: addSeconds(clock.now, 90), lastRemovedAt: clock.now });
    expect(await dayUsed(w, clock.now.toISOString().slice(0, 10))).toBe(1);
    const [o] = await outcomeRows(id);
    expect(o).toMatchObject({ id: r.outcome.id, outcome: "REMOVED", counted: true, liveFor: id, localDate: clock.now.toISOString().slice(0, 10) });
    const audit = await auditRows(w.owner.team.id, id);
    expect(audit.at(-1)).toMatchObject({ action: "removal.outcome", actorUserId: w.owner.userId, metadata: { outcome: "removed", itemId: id, connectionId, outcomeId: r.outcome.id } });
  });

  it("the next one waits for the gap (jittered within ±20 %), and is allowed once it has passed", async () => {
    const a = fresh();
    const b = fresh();
    const t = clockAt(a.clock.now, () => 0.999); // the longest jitter: 90 s × 1.2
    await recordOutcome(w.ctx.owner, a.id, { outcome: "removed" }, t);
    const gapEnd = (await budgetRow(w))!.nextAllowedAt!;
    expect(gapEnd.getTime() - t.now.getTime()).toBeGreaterThan(107_000);
    expect(gapEnd.getTime() - t.now.getTime()).toBeLessThanOrEqual(108_000);
    const e = await rejectionOf(recordOutcome(w.ctx.owner, b.id, { outcome: "removed" }, clockAt(addSeconds(t.now, 60))));
    expect(isBudgetRefused(e)).toBe(true);
    expect(e).toMatchObject({ code: "RATE_LIMITED", limit: "PACE_WAIT", nextAllowedAt: gapEnd });
    expect(e.message).toMatch(/^Wait \d+ s before the next removal/);
    expect((await itemRow(b.id)).state).toBe("APPROVED"); // nothing written
    expect(await outcomeRows(b.id)).toEqual([]);
    const ok = await recordOutcome(w.ctx.owner, b.id, { outcome: "removed" }, clockAt(gapEnd));
    expect(ok.budget.used).toBe(2);
  });

  it("a person protected now but approved without the warning is refused, naming the loss", async () => {
    const { id, connectionId, clock } = fresh();
    await ownerQuery(`UPDATE "Connection" SET "endorsedMe" = true, "endorsementCount" = 3 WHERE id = $1`, [connectionId]);
    const tagId = await addTag(w.owner.team.id, connectionId, "Investor");
    await setQueueRules(w.owner.team.id, { protectedTagIds: [tagId] });
    const e = await rejectionOf(recordOutcome(w.ctx.owner, id, { outcome: "removed" }, clock));
    expect(e).toMatchObject({ code: "CONFLICT" });
    expect(e.message).toContain("Endorsed you (3 endorsements), Tagged “Investor” (protected)");
    expect(e.message).toContain("reopen it in the queue");
    await setQueueRules(w.owner.team.id, {});
    // Approved with the warning (the loss recorded on the item): allowed.
    await ownerQuery(`UPDATE "ReviewItem" SET "protectedLoss" = ARRAY['Endorsed you (3 endorsements)'] WHERE id = $1`, [id]);
    expect((await recordOutcome(w.ctx.owner, id, { outcome: "removed" }, clock)).outcome.counted).toBe(true);
  });
});

describe("recordOutcome: free outcomes", () => {
  it("not_found costs nothing and takes the person out of today's plan", async () => {
    const { id, clock } = fresh();
    await ownerQuery(`UPDATE "ReviewItem" SET "plannedOn" = $2::date, "planRank" = 1 WHERE id = $1`, [id, clock.now.toISOString().slice(0, 10)]);
    const r = await recordOutcome(w.ctx.owner, id, { outcome: "not_found" }, clock);
    expect(r.outcome).toMatchObject({ outcome: "not_found", counted: false });
    expect(r.budget).toMatchObject({ used: 0, hourUsed: 0, blockedBy: null, nextAllowedAt: null });
    const item = await itemRow(id);
    expect(item).toMatchObject({ state: "APPROVED", plannedOn: null, connectionStatus: "CONNECTED", executedAt: null });
    expect(item.notFoundAt).toEqual(clock.now);
    expect(await dayUsed(w, clock.now.toISOString().slice(0, 10))).toBe(0);
    expect((await auditRows(w.owner.team.id, id)).at(-1)).toMatchObject({ action: "removal.outcome", metadata: { outcome: "not_found" } });
  });

  it("kept costs nothing and is a Keep decision with keepUntil", async () => {
    const { id, clock } = fresh();
    const r = await recordOutcome(w.ctx.owner, id, { outcome: "kept" }, clock);
    expect(r.outcome).toMatchObject({ outcome: "kept", counted: false });
    expect(r.budget.used).toBe(0);
    const item = await itemRow(id);
    expect(item).toMatchObject({ state: "DONE", decision: "KEEP", decisionReason: "Kept after all (removal session)", connectionStatus: "CONNECTED", plannedOn: null });
    const sixMonths = new Date(clock.now);
    sixMonths.setUTCMonth(sixMonths.getUTCMonth() + 6); // the default keepMonths
    expect(item.keepUntil).toEqual(sixMonths);
  });

  it("a stale “couldn't find them” (a newer export planned them again) gives way to the new outcome", async () => {
    const { id, clock } = fresh();
    const first = await recordOutcome(w.ctx.owner, id, { outcome: "not_found" }, clock);
    await ownerQuery(`UPDATE "ReviewItem" SET "notFoundAt" = NULL WHERE id = $1`, [id]); // what the planner does after a newer import
    const r = await recordOutcome(w.ctx.owner, id, { outcome: "removed" }, clockAt(addSeconds(clock.now, 3600)));
    expect(r.duplicate).toBe(false);
    const rows = await outcomeRows(id);
    expect(rows.map((o) => [o.id, o.outcome, o.liveFor])).toEqual([[first.outcome.id, "NOT_FOUND", null], [r.outcome.id, "REMOVED", id]]);
    expect(rows[0]!.supersededAt).not.toBeNull();
  });
});

describe("recordOutcome: duplicates", () => {
  it("the same outcome twice counts once and answers duplicate: true", async () => {
    const { id, clock } = fresh();
    const a = await recordOutcome(w.ctx.owner, id, { outcome: "removed" }, clock);
    const b = await recordOutcome(w.ctx.owner, id, { outcome: "Removed" }, clockAt(addSeconds(clock.now, 2)));
    expect(b).toMatchObject({ duplicate: true, outcome: { id: a.outcome.id, counted: true } });
    expect(b.budget.used).toBe(1);
    expect(await outcomeRows(id)).toHaveLength(1);
  });

  it("ten concurrent confirmations of one item: one records, nine are duplicates", async () => {
    const { id, clock } = fresh();
    const all = await Promise.all(Array.from({ length: 10 }, () => recordOutcome(w.ctx.owner, id, { outcome: "removed" }, clock)));
    expect(all.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(all.map((r) => r.outcome.id)).size).toBe(1);
    expect(await dayUsed(w, clock.now.toISOString().slice(0, 10))).toBe(1);
    expect(await outcomeRows(id)).toHaveLength(1);
  });

  it("two different outcomes at once: one is recorded, the other is told which", async () => {
    const { id, clock } = fresh();
    const settled = await Promise.allSettled(["removed", "not_found", "kept"].map((outcome) => recordOutcome(w.ctx.owner, id, { outcome }, clock)));
    const won = settled.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    const lost = settled.flatMap((r) => (r.status === "rejected" ? [r.reason as { code: string; message: string }] : []));
    expect(lost.map((e) => e.code)).toEqual(["CONFLICT", "CONFLICT"]);
    for (const e of lost) expect(e.message).toMatch(/^Already recorded as “(Removed|Couldn't find them|Keep after all)” at 10:00\. Undo it first/);
    expect((await outcomeRows(id)).filter((o) => o.liveFor === id)).toHaveLength(1);
  });

  it("a different outcome while one is live is a conflict that says how to change it", async () => {
    const { id, clock } = fresh();
    await recordOutcome(w.ctx.owner, id, { outcome: "removed" }, clock);
    const e = await rejectionOf(recordOutcome(w.ctx.owner, id, { outcome: "kept" }, clockAt(addSeconds(clock.now, 60))));
    expect(e).toMatchObject({ code: "CONFLICT" });
    expect(e.message).toBe("Already recorded as “Removed” at 10:00. Undo it first (within 10 minutes) to record something else.");
  });
});

describe("recordOutcome: rights, tenants, state, input", () => {
  it("only the account's owner records: teammate and admin get 403 with who can", async () => {
    const { id, clock } = fresh();
    for (const ctx of [w.ctx.teammate, w.ctx.admin]) {
      const e = await rejectionOf(recordOutcome(ctx, id, { outcome: "removed" }, clock));
      expect(e).toMatchObject({ code: "FORBIDDEN" });
      expect(e.message).toBe(`Only ${w.owner.name}, who is signed in to ${w.account.label} on LinkedIn, records its removals and withdrawals.`);
    }
    expect((await itemRow(id)).state).toBe("APPROVED");
  });

  it("another team's item is not found (404), and so are an id that cannot exist and an item that is not a removal", async () => {
    const e = await rejectionOf(recordOutcome(w.ctx.owner, other.items[0]!, { outcome: "removed" }, clockAt(T0)));
    expect(e).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(recordOutcome(w.ctx.owner, "../../x", { outcome: "removed" }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await itemRow(other.items[0]!)).state).toBe("APPROVED");
    const { id } = fresh();
    await ownerQuery(`UPDATE "ReviewItem" SET kind = 'FOLLOW_UP' WHERE id = $1`, [id]);
    expect(await rejectionOf(recordOutcome(w.ctx.owner, id, { outcome: "kept" }, clockAt(T0)))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("an item that is not approved any more is a conflict naming what it is now", async () => {
    const { id, clock } = fresh();
    await ownerQuery(`UPDATE "ReviewItem" SET state = 'OPEN', decision = NULL, "lastChange" = $2::jsonb WHERE id = $1`, [
      id,
      JSON.stringify({ actorId: w.teammate.userId, actorName: "Sam", action: "undone", choice: null, at: clock.now.toISOString() }),
    ]);
    const e = await rejectionOf(recordOutcome(w.ctx.owner, id, { outcome: "removed" }, clockAt(addSeconds(clock.now, 120))));
    expect(e).toMatchObject({ code: "CONFLICT" });
    expect(e.message).toBe("This removal is no longer approved. It is open for review again (Sam undid a change 2 min ago). Reload the session: only approved removals can be recorded.");
    const kept = fresh();
    await ownerQuery(`UPDATE "ReviewItem" SET state = 'DONE', decision = 'KEEP', "lastChange" = NULL WHERE id = $1`, [kept.id]);
    expect((await rejectionOf(recordOutcome(w.ctx.owner, kept.id, { outcome: "not_found" }, kept.clock))).message).toContain("They are kept after all");
  });

  it("someone an export already showed gone cannot be “removed” (no budget spent); “couldn't find them” still works", async () => {
    const { id, connectionId, clock } = fresh();
    await ownerQuery(`UPDATE "Connection" SET status = 'GONE', "goneAt" = $2 WHERE id = $1`, [connectionId, new Date("2026-12-01T09:00:00Z")]);
    const e = await rejectionOf(recordOutcome(w.ctx.owner, id, { outcome: "removed" }, clock));
    expect(e).toMatchObject({ code: "CONFLICT" });
    expect(e.message).toMatch(/no longer in your network in your export of 2026-12-01/);
    expect(await dayUsed(w, clock.now.toISOString().slice(0, 10))).toBe(0);
    await expect(recordOutcome(w.ctx.owner, id, { outcome: "not_found" }, clock)).resolves.toMatchObject({ duplicate: false });
  });

  it("an outcome that is not one of the three is a 400 naming the field and the values", async () => {
    const { id } = fresh();
    for (const outcome of ["deleted", 3, undefined]) {
      const e = (await rejectionOf(recordOutcome(w.ctx.owner, id, { outcome }))) as { code?: string; message: string; details?: { field?: string } };
      expect(e).toMatchObject({ code: "VALIDATION", details: { field: "outcome" } });
      expect(e.message).toContain(`outcome must be one of "removed", "not_found", "kept"`);
    }
  });
});
