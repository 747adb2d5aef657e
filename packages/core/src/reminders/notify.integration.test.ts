import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listNotifications } from "../review/notifications";
import { addConnections, addItems, addMembers, makeReviewWorld, type TReviewWorld } from "../review/review.test-util";
import { ownerQuery, startTestEnv, stopTestEnv } from "../testing/setup";
import { createReminders } from "./create";
import { notifyJobChanges } from "./job-changes";
import { notifyDueReminders } from "./notify";
import { addLocalDaysForTest, notificationsOf, reminderRows, setDueAt } from "./reminders.test-util";

// Due reminders → bell notifications (each reminder once, to the right person, a summary beyond
// five), and an import's job changes → one notification per interested member. Both per team.

let w: TReviewWorld;
let other: TReviewWorld;
const TZ = "UTC";
const tomorrow = () => addLocalDaysForTest(new Date().toISOString().slice(0, 10), 1);

beforeAll(async () => {
  await startTestEnv();
  [w, other] = await Promise.all([makeReviewWorld("Notify A"), makeReviewWorld("Notify B")]);
});
afterAll(stopTestEnv);

describe("notifyDueReminders", () => {
  it("notifies each due reminder once: the creator (if a member) or the account owner; mailState NULL; bell text and drawer link", async () => {
    const [p1, p2, p3] = await addConnections(w, w.accounts.b.id, [{ firstName: "Due" }, { firstName: "Later" }, { firstName: "Orphan" }]);
    const [leaver] = await addMembers(w.owner, 1, "MEMBER", "Leaver");
    const mine = await createReminders(w.ctx.owner, { target: { ids: [p1!, p2!] }, date: tomorrow(), timeZone: TZ, note: "Ask about Q1" });
    const orphan = await createReminders(leaver!.ctx, { target: { ids: [p3!] }, date: tomorrow(), timeZone: TZ });
    await ownerQuery(`DELETE FROM "Membership" WHERE "userId" = $1`, [leaver!.userId]);
    const at = new Date(Date.now() + 3 * 86_400_000);
    const dueAt = new Date(Date.now() + 86_400_000);
    await setDueAt([...mine.reminderIds, ...orphan.reminderIds], dueAt);
    const p2Reminder = (await reminderRows([p2!]))[0]!.id;
    await setDueAt([p2Reminder], new Date(at.getTime() + 1000)); // not due yet at `at`

    const r = await notifyDueReminders(w.owner.team.id, at);
    expect(r).toEqual({ reminders: 2, notifications: 2 });
    const ownerNotes = await notificationsOf(w.owner.userId, "reminder_due");
    expect(ownerNotes).toHaveLength(1);
    expect(ownerNotes[0]).toMatchObject({ mailState: null, data: { connectionId: p1, kind: "FOLLOW_UP", note: "Ask about Q1" } });
    expect(ownerNotes[0]!.dedupeKey).toMatch(/^reminder:.+:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    // The leaver is gone: their reminder goes to the account's owner (the teammate).
    expect((await notificationsOf(w.teammate.userId, "reminder_due")).map((n) => n.data.connectionId)).toEqual([p3]);
    const bell = await listNotifications(w.ctx.owner, {});
    const item = bell.items.find((i) => i.kind === "reminder_due")!;
    expect(item.text).toBe(`Reminder: follow up with Due ${(await ownerQuery<{ lastName: string }>(`SELECT "lastName" FROM "Connection" WHERE id = $1`, [p1]))[0]!.lastName} — Ask about Q1`);
    expect(item.href).toBe(`/t/${w.owner.team.slug}/connections?open=${p1}`);
    // Once: a second pass at the same instant finds nothing.
    expect(await notifyDueReminders(w.owner.team.id, at)).toEqual({ reminders: 0, notifications: 0 });
    expect((await reminderRows([p2!]))[0]!.notifiedAt).toBeNull();
  });

  it("gives a member more than five in one pass a single summary linking to the reminders page", async () => {
    const ids = await addConnections(w, w.accounts.a.id, Array.from({ length: 7 }, (_, i) => ({ firstName: `Many${i}` })));
    const r = await createReminders(w.ctx.admin, { target: { ids }, date: tomorrow(), timeZone: TZ });
    await setDueAt(r.reminderIds, new Date(Date.now() - 60_000));
    expect(await notifyDueReminders(w.owner.team.id, new Date())).toEqual({ reminders: 7, notifications: 1 });
    const notes = await notificationsOf(w.admin.userId, "reminder_due");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ itemId: null, data: { count: 7 } });
    const bell = await listNotifications(w.ctx.admin, {});
    expect(bell.items[0]).toMatchObject({ kind: "reminder_due", text: "7 reminders are due", href: `/t/${w.owner.team.slug}/reminders` });
  });

  it("two passes at once notify each reminder once", async () => {
    const ids = await addConnections(w, w.accounts.a.id, Array.from({ length: 4 }, (_, i) => ({ firstName: `Race${i}` })));
    const r = await createReminders(w.ctx.owner, { target: { ids }, date: tomorrow(), timeZone: TZ });
    await setDueAt(r.reminderIds, new Date(Date.now() - 60_000));
    const before = (await notificationsOf(w.owner.userId, "reminder_due")).length;
    const [x, y] = await Promise.all([notifyDueReminders(w.owner.team.id), notifyDueReminders(w.owner.team.id)]);
    expect(x.reminders + y.reminders).toBe(4);
    expect((await notificationsOf(w.owner.userId, "reminder_due")).length - before).toBe(x.notifications + y.notifications);
    expect((await reminderRows(ids)).every((row) => row.notifiedAt !== null)).toBe(true);
  });

  it("cross-tenant: a pass for team B leaves team A's due reminders alone", async () => {
    const [p] = await addConnections(w, w.accounts.a.id, [{ firstName: "Wall" }]);
    const r = await createReminders(w.ctx.owner, { target: { ids: [p!] }, date: tomorrow(), timeZone: TZ });
    await setDueAt(r.reminderIds, new Date(Date.now() - 60_000));
    await notifyDueReminders(other.owner.team.id, new Date(Date.now() + 86_400_000));
    expect((await reminderRows([p!]))[0]!.notifiedAt).toBeNull();
    expect((await notifyDueReminders(w.owner.team.id)).reminders).toBe(1);
  });
});

async function addImport(world: TReviewWorld, accountId: string, changed: string[]): Promise<string> {
  const importId = randomUUID();
  await ownerQuery(`INSERT INTO "Import" (id, "teamId", "accountId", "fileName", "byteSize", status) VALUES ($1, $2, $3, 'x.csv', 1, 'COMPLETED')`, [importId, world.owner.team.id, accountId]);
  await ownerQuery(
    `INSERT INTO "ConnectionEvent" (id, "teamId", "connectionId", "importId", kind) SELECT gen_random_uuid()::text, $1, c, $2, 'JOB_CHANGED' FROM unnest($3::text[]) c`,
    [world.owner.team.id, importId, changed],
  );
  return importId;
}

describe("notifyJobChanges", () => {
  it("tells the account owner about all, and a teammate who noted or voted about theirs; once per import", async () => {
    const ppl = await addConnections(w, w.accounts.a.id, [
      { firstName: "Ann", company: "Acme", position: "CTO" },
      { firstName: "Bob" },
      { firstName: "Cyd" },
      { firstName: "Dee" },
      { firstName: "Unchanged" },
    ]);
    await ownerQuery(`INSERT INTO "Note" (id, "teamId", "connectionId", "authorId", body, "updatedAt") VALUES (gen_random_uuid()::text, $1, $2, $3, 'met at fair', now())`, [w.owner.team.id, ppl[0], w.teammate.userId]);
    const [item] = await addItems(w.owner.team.id, [{ connectionId: ppl[4]!, accountId: w.accounts.a.id }]);
    await ownerQuery(`INSERT INTO "ReviewVote" (id, "teamId", "itemId", round, "userId", choice, "updatedAt") VALUES (gen_random_uuid()::text, $1, $2, 1, $3, 'KEEP', now())`, [w.owner.team.id, item, w.admin.userId]);
    const importId = await addImport(w, w.accounts.a.id, ppl.slice(0, 4));
    expect(await notifyJobChanges(w.owner.team.id, importId)).toEqual({ notifications: 2 });
    const owner = await notificationsOf(w.owner.userId, "job_change");
    expect(owner.at(-1)).toMatchObject({ dedupeKey: `jobchange:${importId}`, mailState: null, data: { importId, accountId: w.accounts.a.id, count: 4 } });
    expect((owner.at(-1)!.data.people as unknown[]).length).toBe(3);
    const mate = await notificationsOf(w.teammate.userId, "job_change");
    expect(mate.at(-1)!.data).toMatchObject({ count: 1, people: [{ connectionId: ppl[0], company: "Acme", position: "CTO" }] });
    expect(await notificationsOf(w.admin.userId, "job_change")).toHaveLength(0); // voted on an unchanged person
    expect(await notifyJobChanges(w.owner.team.id, importId)).toEqual({ notifications: 0 });
    const bell = await listNotifications(w.ctx.teammate, {});
    expect(bell.items.find((i) => i.kind === "job_change")!.href).toBe(`/t/${w.owner.team.slug}/connections?open=${ppl[0]}`);
    const ownerBell = await listNotifications(w.ctx.owner, {});
    expect(ownerBell.items.find((i) => i.kind === "job_change")!.href).toBe(`/t/${w.owner.team.slug}/connections?account=${w.accounts.a.id}&jobChanged=yes`);
  });

  it("cross-tenant: team B's pass with team A's import id writes nothing", async () => {
    const [p] = await addConnections(w, w.accounts.a.id, [{ firstName: "Iso" }]);
    const importId = await addImport(w, w.accounts.a.id, [p!]);
    expect(await notifyJobChanges(other.owner.team.id, importId)).toEqual({ notifications: 0 });
    expect((await notificationsOf(other.owner.userId, "job_change"))).toHaveLength(0);
    expect(await notifyJobChanges(w.owner.team.id, importId)).toEqual({ notifications: 1 });
  });
});
