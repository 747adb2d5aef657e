import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv } from "../testing/setup";
import { recordOutcome } from "./record-outcome";
import { addSeconds, auditRows, budgetRow, clockAt, dayUsed, itemRow, makeRemovalWorld, outcomeRows, type TRemovalWorld } from "./removal.test-util";
import { undoOutcome } from "./undo-outcome";

// Undo within 10 minutes against real Postgres: what comes back (the person to today's plan, the
// budget only when LinkedIn was not touched), the window, rights and tenant walls.

let w: TRemovalWorld;
let other: TRemovalWorld;
let day = 0;

beforeAll(async () => {
  await startTestEnv();
  w = await makeRemovalWorld({ label: "Undo", count: 24, timeZone: "Europe/Berlin" });
  other = await makeRemovalWorld({ label: "UndoOther", count: 1 });
});
afterAll(stopTestEnv);

let next = 0;
const item = () => ({ id: w.items[next]!, connectionId: w.connections[next++]! });
/** Each test on its own day (23:30 UTC is 00:30 the next day in Berlin: "today" is the account's local date). */
const morning = () => new Date(Date.UTC(2026, 11, 7 + day++, 23, 30));
const berlinDate = (at: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(at);

describe("undoOutcome: removed", () => {
  it("LinkedIn untouched: the budget comes back (count, hour, gap) and the person is back in today's plan", async () => {
    const t0 = morning();
    const a = item();
    const b = item();
    const first = await recordOutcome(w.ctx.owner, a.id, { outcome: "removed" }, clockAt(t0));
    const t1 = addSeconds(t0, 90);
    const second = await recordOutcome(w.ctx.owner, b.id, { outcome: "removed" }, clockAt(t1));
    expect(second.budget).toMatchObject({ used: 2, hourUsed: 2 });
    const local = berlinDate(t1);
    expect(await dayUsed(w, local)).toBe(2);

    const t2 = addSeconds(t1, 30);
    const r = await undoOutcome(w.ctx.owner, second.outcome.id, { linkedInTouched: false }, clockAt(t2));
    expect(r.budgetReturned).toBe(true);
    expect(r.outcome).toMatchObject({ id: second.outcome.id, counted: false, undoUntil: null });
    expect(r.budget).toMatchObject({ used: 1, hourUsed: 1, weekUsed: 1 });
    // The gap is the first removal's again (it ends at t1 = t0 + 90 s, before now): allowed now.
    expect(r.budget.nextAllowedAt).toBeNull();
    expect(await budgetRow(w)).toEqual({ nextAllowedAt: t1, lastRemovedAt: t0 });
    expect(await dayUsed(w, local)).toBe(1);
    const [o] = await outcomeRows(b.id);
    expect(o).toMatchObject({ counted: false, budgetReturned: true, liveFor: null });
    expect(o!.undoneAt).toEqual(t2);
    const back = await itemRow(b.id);
    expect(back).toMatchObject({ state: "APPROVED", decision: "REMOVE", executedAt: null, plannedOn: local, connectionStatus: "CONNECTED" });
    expect(back.lastChange).toMatchObject({ action: "undone", actorId: w.owner.userId });
    expect((await auditRows(w.owner.team.id, b.id)).at(-1)).toMatchObject({ action: "removal.undo", metadata: { outcome: "removed", budgetReturned: true, linkedInTouched: false } });
    expect((await itemRow(a.id)).state).toBe("DONE"); // the other removal stands
    expect(first.outcome.counted).toBe(true);

    // Undoing the only remaining removal: no gap, no last removal at all.
    await undoOutcome(w.ctx.owner, first.outcome.id, { linkedInTouched: false }, clockAt(addSeconds(t2, 1)));
    expect(await budgetRow(w)).toEqual({ nextAllowedAt: null, lastRemovedAt: null });
    // And it can be recorded again at once.
    const again = await recordOutcome(w.ctx.owner, b.id, { outcome: "removed" }, clockAt(addSeconds(t2, 2)));
    expect(again).toMatchObject({ duplicate: false, budget: { used: 1 } });
    expect((await outcomeRows(b.id)).map((x) => x.liveFor)).toEqual([null, b.id]);
  });

  it("LinkedIn touched: the removal stays spent (count, hour, gap) and the person is not offered again today", async () => {
    const t0 = morning();
    const a = item();
    const rec = await recordOutcome(w.ctx.owner, a.id, { outcome: "removed" }, clockAt(t0));
    const r = await undoOutcome(w.ctx.owner, rec.outcome.id, { linkedInTouched: true }, clockAt(addSeconds(t0, 20)));
    expect(r.budgetReturned).toBe(false);
    expect(r.outcome.counted).toBe(true);
    expect(r.budget).toMatchObject({ used: 1, hourUsed: 1, blockedBy: "PACE_WAIT", nextAllowedAt: addSeconds(t0, 90).toISOString() });
    expect(await budgetRow(w)).toEqual({ nextAllowedAt: addSeconds(t0, 90), lastRemovedAt: t0 });
    // LinkedIn already removed them once: today's session must not show them again (the next
    // export, or tomorrow's plan, settles where they are).
    expect(await itemRow(a.id)).toMatchObject({ state: "APPROVED", executedAt: null, plannedOn: null, connectionStatus: "CONNECTED" });
    expect(await outcomeRows(a.id)).toMatchObject([{ counted: true, budgetReturned: false, liveFor: null }]);
  });

  it("must say whether LinkedIn was touched (400 naming linkedInTouched)", async () => {
    const t0 = morning();
    const a = item();
    const rec = await recordOutcome(w.ctx.owner, a.id, { outcome: "removed" }, clockAt(t0));
    for (const linkedInTouched of [undefined, "no", 0]) {
      const e = (await rejectionOf(undoOutcome(w.ctx.owner, rec.outcome.id, { linkedInTouched }, clockAt(addSeconds(t0, 5))))) as { code?: string; details?: { field?: string } };
      expect(e).toMatchObject({ code: "VALIDATION", details: { field: "linkedInTouched" } });
    }
    expect((await itemRow(a.id)).state).toBe("DONE");
  });
});

describe("undoOutcome: the window and who", () => {
  it("is allowed until 10 minutes after the outcome, refused from then on", async () => {
    const t0 = morning();
    const [a, b] = [item(), item()];
    const ra = await recordOutcome(w.ctx.owner, a.id, { outcome: "removed" }, clockAt(t0));
    const rb = await recordOutcome(w.ctx.owner, b.id, { outcome: "not_found" }, clockAt(t0));
    const late = await rejectionOf(undoOutcome(w.ctx.owner, ra.outcome.id, { linkedInTouched: false }, clockAt(addSeconds(t0, 601))));
    expect(late).toMatchObject({ code: "CONFLICT" });
    expect(late.message).toBe("The undo window (10 minutes) has passed. If you removed them by mistake, use Reconnect on the Removed people list.");
    expect(await dayUsed(w, berlinDate(t0))).toBe(1);
    expect((await itemRow(a.id)).state).toBe("DONE");
    expect((await undoOutcome(w.ctx.owner, rb.outcome.id, {}, clockAt(addSeconds(t0, 599)))).outcome.id).toBe(rb.outcome.id);
  });

  it("only the owner undoes (403); another team's outcome is not found (404); twice is a conflict", async () => {
    const t0 = morning();
    const a = item();
    const rec = await recordOutcome(w.ctx.owner, a.id, { outcome: "removed" }, clockAt(t0));
    for (const ctx of [w.ctx.teammate, w.ctx.admin]) {
      expect(await rejectionOf(undoOutcome(ctx, rec.outcome.id, { linkedInTouched: false }, clockAt(t0)))).toMatchObject({ code: "FORBIDDEN" });
    }
    const foreign = await recordOutcome(other.ctx.owner, other.items[0]!, { outcome: "kept" }, clockAt(t0));
    expect(await rejectionOf(undoOutcome(w.ctx.owner, foreign.outcome.id, {}, clockAt(t0)))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(undoOutcome(other.ctx.owner, rec.outcome.id, { linkedInTouched: false }, clockAt(t0)))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejectionOf(undoOutcome(w.ctx.owner, "no such id!", {}))).toMatchObject({ code: "NOT_FOUND" });
    await undoOutcome(w.ctx.owner, rec.outcome.id, { linkedInTouched: false }, clockAt(t0));
    const twice = await rejectionOf(undoOutcome(w.ctx.owner, rec.outcome.id, { linkedInTouched: false }, clockAt(t0)));
    expect(twice).toMatchObject({ code: "CONFLICT", message: "This outcome was already undone." });
    expect(await dayUsed(w, berlinDate(t0))).toBe(0);
  });
});

describe("undoOutcome: free outcomes", () => {
  it("not_found: back in today's plan, findable again", async () => {
    const t0 = morning();
    const a = item();
    const rec = await recordOutcome(w.ctx.owner, a.id, { outcome: "not_found" }, clockAt(t0));
    const r = await undoOutcome(w.ctx.owner, rec.outcome.id, {}, clockAt(addSeconds(t0, 60)));
    expect(r).toMatchObject({ budgetReturned: false, budget: { used: 0 } });
    expect(await itemRow(a.id)).toMatchObject({ state: "APPROVED", notFoundAt: null, plannedOn: berlinDate(t0) });
  });

  it("kept: the approval is back as it was (decision, reason, no keepUntil)", async () => {
    const t0 = morning();
    const a = item();
    await ownerQuery(`UPDATE "ReviewItem" SET "decisionReason" = 'left the industry' WHERE id = $1`, [a.id]);
    const rec = await recordOutcome(w.ctx.owner, a.id, { outcome: "kept" }, clockAt(t0));
    expect((await itemRow(a.id)).decision).toBe("KEEP");
    await undoOutcome(w.ctx.owner, rec.outcome.id, {}, clockAt(addSeconds(t0, 60)));
    expect(await itemRow(a.id)).toMatchObject({ state: "APPROVED", decision: "REMOVE", decisionReason: "left the industry", keepUntil: null, plannedOn: berlinDate(t0) });
  });
});
