import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addConnections, makeReviewWorld, type TReviewWorld } from "../review/review.test-util";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv } from "../testing/setup";
import { actOnReminder } from "./act";
import { refreshCadenceReminders, setTagCadence } from "./cadence";
import { addTag, reminderRows, tagPeople } from "./reminders.test-util";

// Keep-in-touch reminders from tag cadences, derived set-based per team: opened once per person
// (shortest cadence wins), moved when the cadence changes, closed as messaged / untagged / gone,
// never reopened before a person closes one; and a pass for team B never touches team A.

const DAY = 86_400_000;
let w: TReviewWorld;
let other: TReviewWorld;
beforeAll(async () => {
  await startTestEnv();
  [w, other] = await Promise.all([makeReviewWorld("Cadence A"), makeReviewWorld("Cadence B")]);
});
afterAll(stopTestEnv);

const open = (rows: Awaited<ReturnType<typeof reminderRows>>) => rows.filter((r) => r.doneAt === null);

describe("refreshCadenceReminders", () => {
  it("opens one reminder per tagged person from the latest of message / connected / tagged, shortest cadence winning", async () => {
    const lastMessage = new Date("2026-10-01T12:00:00Z");
    const [messaged, quiet, gone] = await addConnections(w, w.accounts.a.id, [
      { firstName: "Msg", lastInteractionAt: lastMessage },
      { firstName: "Quiet" },
      { firstName: "Gone", status: "GONE" },
    ]);
    const slow = await addTag(w.owner.team.id, `Slow ${Date.now()}`, 90);
    const fast = await addTag(w.owner.team.id, `Fast ${Date.now()}`, 30);
    const taggedAt = new Date("2026-09-01T00:00:00Z");
    await tagPeople(w.owner.team.id, slow, [messaged!, quiet!, gone!], taggedAt);
    await tagPeople(w.owner.team.id, fast, [messaged!], taggedAt);
    const at = new Date("2026-11-01T00:00:00Z");
    const r = await refreshCadenceReminders(w.owner.team.id, at);
    expect(r.opened).toBe(2);
    const rows = await reminderRows([messaged!, quiet!, gone!]);
    expect(rows.map((x) => [x.connectionId, x.kind, x.tagId, x.dueAt.toISOString()])).toEqual(
      expect.arrayContaining([
        [messaged, "CADENCE", fast, new Date(lastMessage.getTime() + 30 * DAY).toISOString()],
        [quiet, "CADENCE", slow, new Date(taggedAt.getTime() + 90 * DAY).toISOString()],
      ]),
    );
    expect(rows.every((x) => x.cadenceOpenFor === x.connectionId)).toBe(true);
    // Idempotent: a second pass changes nothing.
    expect(await refreshCadenceReminders(w.owner.team.id, at)).toEqual({ opened: 0, moved: 0, closed: 0 });
  });

  it("closes as messaged when a newer export shows a message, then opens the next from that message", async () => {
    const [p] = await addConnections(w, w.accounts.a.id, [{ firstName: "Later" }]);
    const tag = await addTag(w.owner.team.id, `Msg ${Date.now()}`, 60);
    await tagPeople(w.owner.team.id, tag, [p!], new Date("2026-08-01T00:00:00Z"));
    await refreshCadenceReminders(w.owner.team.id, new Date("2026-09-01T00:00:00Z"));
    const message = new Date("2026-09-15T10:00:00Z");
    await ownerQuery(`UPDATE "Connection" SET "lastInteractionAt" = $2::timestamptz AT TIME ZONE 'UTC' WHERE id = $1`, [p, message.toISOString()]);
    const r = await refreshCadenceReminders(w.owner.team.id, new Date("2026-09-20T00:00:00Z"));
    expect(r).toMatchObject({ closed: 1, opened: 1 });
    const rows = await reminderRows([p!]);
    expect(rows.map((x) => x.closedReason)).toEqual(["messaged", null]);
    expect(open(rows)[0]!.dueAt.toISOString()).toBe(new Date(message.getTime() + 60 * DAY).toISOString());
  });

  it("closes as untagged and as gone; a closed-by-a-person reminder is the next base", async () => {
    const [a, b, c] = await addConnections(w, w.accounts.b.id, [{ firstName: "Untag" }, { firstName: "Leaves" }, { firstName: "Done" }]);
    const tag = await addTag(w.owner.team.id, `Close ${Date.now()}`, 10);
    await tagPeople(w.owner.team.id, tag, [a!, b!, c!], new Date("2026-08-01T00:00:00Z"));
    await refreshCadenceReminders(w.owner.team.id, new Date("2026-08-02T00:00:00Z"));
    await ownerQuery(`DELETE FROM "ConnectionTag" WHERE "connectionId" = $1`, [a]);
    await ownerQuery(`UPDATE "Connection" SET status = 'GONE' WHERE id = $1`, [b]);
    const cReminder = open(await reminderRows([c!]))[0]!;
    await actOnReminder(w.ctx.teammate, cReminder.id, { action: "done" }); // teammate owns account b
    await refreshCadenceReminders(w.owner.team.id, new Date("2026-08-03T00:00:00Z"));
    expect((await reminderRows([a!])).map((x) => [x.closedReason, x.cadenceOpenFor])).toEqual([["untagged", null]]);
    expect((await reminderRows([b!])).map((x) => x.closedReason)).toEqual(["gone"]);
    const cRows = await reminderRows([c!]);
    expect(cRows.map((x) => x.closedReason)).toEqual(["done", null]);
    expect(open(cRows)[0]!.dueAt.getTime()).toBe(cRows[0]!.doneAt!.getTime() + 10 * DAY);
  });

  it("moves open reminders when the tag's cadence changes; a later snooze survives the next pass", async () => {
    const [p, q] = await addConnections(w, w.accounts.a.id, [{ firstName: "Move" }, { firstName: "Snoozed" }]);
    const tag = await addTag(w.owner.team.id, `Move ${Date.now()}`, 100);
    const taggedAt = new Date(Date.now() - 5 * DAY);
    await tagPeople(w.owner.team.id, tag, [p!, q!], taggedAt);
    await refreshCadenceReminders(w.owner.team.id);
    await setTagCadence(w.ctx.admin, tag, 20);
    expect((await refreshCadenceReminders(w.owner.team.id)).moved).toBe(2);
    for (const id of [p!, q!]) expect(open(await reminderRows([id]))[0]!.dueAt.getTime()).toBe(taggedAt.getTime() + 20 * DAY);
    const snoozed = await actOnReminder(w.ctx.owner, open(await reminderRows([q!]))[0]!.id, { action: "snooze", days: 3 });
    expect(snoozed.dueAt).not.toBe(new Date(taggedAt.getTime() + 20 * DAY).toISOString());
    expect((await refreshCadenceReminders(w.owner.team.id)).moved).toBe(0);
    expect(open(await reminderRows([q!]))[0]!.dueAt.toISOString()).toBe(snoozed.dueAt);
  });

  it("two passes at once keep one open reminder per person", async () => {
    const ppl = await addConnections(w, w.accounts.a.id, Array.from({ length: 20 }, (_, i) => ({ firstName: `Twice${i}` })));
    const tag = await addTag(w.owner.team.id, `Twice ${Date.now()}`, 7);
    await tagPeople(w.owner.team.id, tag, ppl);
    const [x, y] = await Promise.all([refreshCadenceReminders(w.owner.team.id), refreshCadenceReminders(w.owner.team.id)]);
    expect(x.opened + y.opened).toBe(20);
    const rows = await reminderRows(ppl);
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.connectionId)).size).toBe(20);
  });

  it("cross-tenant: a pass for team B neither opens nor closes team A's reminders", async () => {
    const [p] = await addConnections(w, w.accounts.a.id, [{ firstName: "Isolated" }]);
    const tag = await addTag(w.owner.team.id, `Iso ${Date.now()}`, 5);
    await tagPeople(w.owner.team.id, tag, [p!]);
    const bTag = await addTag(other.owner.team.id, `Iso B ${Date.now()}`, 5);
    const [bp] = await addConnections(other, other.accounts.a.id, [{ firstName: "B person" }]);
    await tagPeople(other.owner.team.id, bTag, [bp!]);
    const r = await refreshCadenceReminders(other.owner.team.id);
    expect(r.opened).toBe(1);
    expect(await reminderRows([p!])).toHaveLength(0);
  });
});

describe("setTagCadence", () => {
  it("is for owners and admins, validates days, audits, and refuses another team's tag", async () => {
    const tag = await addTag(w.owner.team.id, `Set ${Date.now()}`, null);
    expect((await rejectionOf(setTagCadence(w.ctx.teammate, tag, 30))).code).toBe("FORBIDDEN");
    expect((await rejectionOf(setTagCadence(w.ctx.admin, tag, 0))).code).toBe("VALIDATION");
    expect((await rejectionOf(setTagCadence(w.ctx.admin, tag, 3651))).code).toBe("VALIDATION");
    expect((await rejectionOf(setTagCadence(w.ctx.admin, tag, 1.5))).code).toBe("VALIDATION");
    expect(await setTagCadence(w.ctx.admin, tag, 45)).toEqual({ tagId: tag, cadenceDays: 45 });
    expect(await setTagCadence(w.ctx.owner, tag, null)).toEqual({ tagId: tag, cadenceDays: null });
    const audits = await ownerQuery<{ metadata: { from: number | null; to: number | null } }>(
      `SELECT metadata FROM "AuditLog" WHERE "targetId" = $1 AND action = 'tag.cadence_changed' ORDER BY "createdAt"`,
      [tag],
    );
    expect(audits.map((a) => [a.metadata.from, a.metadata.to])).toEqual([[null, 45], [45, null]]);
    expect((await rejectionOf(setTagCadence(other.ctx.owner, tag, 30))).code).toBe("NOT_FOUND");
    const [row] = await ownerQuery<{ cadenceDays: number | null }>(`SELECT "cadenceDays" FROM "Tag" WHERE id = $1`, [tag]);
    expect(row!.cadenceDays).toBeNull();
  });
});
