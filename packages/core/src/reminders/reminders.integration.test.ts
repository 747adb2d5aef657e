import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, addConnections, makeReviewWorld, type TReviewWorld } from "../review/review.test-util";
import { ownerQuery, rejectionOf, startTestEnv, stopTestEnv } from "../testing/setup";
import { localDateOf } from "../removals/local-day";
import { actOnReminder } from "./act";
import { createReminders } from "./create";
import { addLocalDaysForTest, reminderRows, setDueAt } from "./reminders.test-util";
import { listConnectionReminders, listReminders } from "./list";

// Follow-up reminders end to end on real Postgres: create (one, a selection, a filter), the three
// lists with keyset pages and counts, the actions and who may take them, and team B never seeing
// or touching team A's reminders.

let w: TReviewWorld;
let other: TReviewWorld;
let people: string[]; // account a (the owner's)
let teammatePeople: string[]; // account b (the teammate's)
let otherPeople: string[];
const TZ = "Europe/Berlin";
const inDays = (n: number) => addLocalDaysForTest(localDateOf(new Date(), TZ), n);

beforeAll(async () => {
  await startTestEnv();
  [w, other] = await Promise.all([makeReviewWorld("Remind A"), makeReviewWorld("Remind B")]);
  people = await addConnections(w, w.accounts.a.id, [{ firstName: "Ada" }, { firstName: "Ben" }, { firstName: "Cleo" }, { firstName: "Dan" }]);
  teammatePeople = await addConnections(w, w.accounts.b.id, [{ firstName: "Eve" }]);
  otherPeople = await addConnections(other, other.accounts.a.id, [{ firstName: "Fay" }]);
});
afterAll(stopTestEnv);

describe("createReminders", () => {
  it("creates one follow-up per person at 09:00 local on the date, by me, with an audit row", async () => {
    const r = await createReminders(w.ctx.teammate, { target: { ids: [people[0]!, people[1]!] }, date: inDays(7), timeZone: TZ, note: "  Ask about the offsite  " });
    expect(r.created).toBe(2);
    const rows = await reminderRows(r.reminderIds.length ? [people[0]!, people[1]!] : []);
    const mine = rows.filter((x) => r.reminderIds.includes(x.id));
    expect(mine).toHaveLength(2);
    for (const x of mine) {
      expect(x.kind).toBe("FOLLOW_UP");
      expect(x.createdById).toBe(w.teammate.userId);
      expect(new Intl.DateTimeFormat("en-GB", { timeZone: TZ, hour: "2-digit", minute: "2-digit" }).format(x.dueAt)).toBe("09:00");
    }
    const [audit] = await ownerQuery<{ metadata: { count: number } }>(`SELECT metadata FROM "AuditLog" WHERE "teamId" = $1 AND action = 'reminder.created' ORDER BY "createdAt" DESC LIMIT 1`, [w.owner.team.id]);
    expect(audit?.metadata.count).toBe(2);
  });

  it("accepts the connections page's filter as the target", async () => {
    const r = await createReminders(w.ctx.owner, { target: { filter: { ...(await import("../connections/filter/types")).DEFAULT_FILTER, q: "Dan" } }, date: inDays(3), timeZone: TZ });
    expect(r.created).toBe(1);
    expect((await reminderRows([people[3]!])).map((x) => x.id)).toEqual(r.reminderIds);
  });

  it("refuses a past date, a date over five years ahead, an unknown zone and a long note", async () => {
    const base = { target: { ids: [people[2]!] }, timeZone: TZ };
    expect((await rejectionOf(createReminders(w.ctx.owner, { ...base, date: inDays(-1) }))).code).toBe("VALIDATION");
    expect((await rejectionOf(createReminders(w.ctx.owner, { ...base, date: inDays(366 * 5 + 2) }))).code).toBe("VALIDATION");
    expect((await rejectionOf(createReminders(w.ctx.owner, { ...base, date: inDays(1), timeZone: "Mars/Olympus" }))).code).toBe("VALIDATION");
    expect((await rejectionOf(createReminders(w.ctx.owner, { ...base, date: "2026-02-30" }))).code).toBe("VALIDATION");
    expect((await rejectionOf(createReminders(w.ctx.owner, { ...base, date: inDays(1), note: "x".repeat(2001) }))).code).toBe("VALIDATION");
    expect(await reminderRows([people[2]!])).toHaveLength(0);
  });

  it("cross-tenant: another team's connection ids create nothing", async () => {
    const e = await rejectionOf(createReminders(w.ctx.owner, { target: { ids: [otherPeople[0]!] }, date: inDays(1), timeZone: TZ }));
    expect(e.code).toBe("VALIDATION");
    expect(await reminderRows([otherPeople[0]!])).toHaveLength(0);
  });
});

describe("listReminders and listConnectionReminders", () => {
  it("lists mine (set by me, or on my accounts) as due / upcoming / done with keyset pages and counts", async () => {
    const acc = await addAccount(w.owner.team.id, w.admin.userId, "Admin net");
    const adminPeople = await addConnections(w, acc, Array.from({ length: 5 }, (_, i) => ({ firstName: `Page${i}` })));
    const made = await createReminders(w.ctx.admin, { target: { ids: adminPeople }, date: inDays(2), timeZone: TZ });
    const due = made.reminderIds.slice(0, 3);
    await setDueAt(due, new Date(Date.now() - 3600_000));
    const first = await listReminders(w.ctx.admin, { view: "due", limit: 2 });
    expect(first.counts).toEqual({ due: 3, upcoming: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.items.every((i) => i.state === "due" && i.canAct)).toBe(true);
    const second = await listReminders(w.ctx.admin, { view: "due", limit: 2, cursor: first.nextCursor! });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((i) => i.id))).toEqual(new Set(due));
    const upcoming = await listReminders(w.ctx.admin, { view: "upcoming" });
    expect(upcoming.items.map((i) => i.state)).toEqual(["upcoming", "upcoming"]);
    expect(upcoming.items[0]!.connection).toMatchObject({ accountId: acc, accountLabel: "Admin net" });
    // The teammate neither set them nor owns the account: none are theirs.
    expect((await listReminders(w.ctx.teammate, { view: "due" })).items.filter((i) => made.reminderIds.includes(i.id))).toHaveLength(0);
    await actOnReminder(w.ctx.admin, due[0]!, { action: "done" });
    const done = await listReminders(w.ctx.admin, { view: "done" });
    expect(done.items.map((i) => [i.id, i.state, i.closedReason])).toEqual([[due[0]!, "done", "done"]]);
  });

  it("shows everyone in the team a person's reminders, open first; NOT_FOUND for another team's person", async () => {
    await createReminders(w.ctx.teammate, { target: { ids: [teammatePeople[0]!] }, date: inDays(9), timeZone: TZ, note: "later" });
    const r = await createReminders(w.ctx.teammate, { target: { ids: [teammatePeople[0]!] }, date: inDays(4), timeZone: TZ });
    await actOnReminder(w.ctx.teammate, r.reminderIds[0]!, { action: "cancel" });
    const list = await listConnectionReminders(w.ctx.admin, teammatePeople[0]!);
    expect(list.map((x) => [x.note, x.state, x.closedReason])).toEqual([["later", "upcoming", null], [null, "done", "cancelled"]]);
    expect(list[0]!.createdBy).toEqual({ id: w.teammate.userId, name: w.teammate.name });
    expect((await rejectionOf(listConnectionReminders(other.ctx.owner, teammatePeople[0]!))).code).toBe("NOT_FOUND");
  });

  it("refuses a forged cursor and a bad limit", async () => {
    expect((await rejectionOf(listReminders(w.ctx.owner, { view: "due", cursor: "bm9wZQ" }))).code).toBe("VALIDATION");
    expect((await rejectionOf(listReminders(w.ctx.owner, { view: "due", limit: 101 }))).code).toBe("VALIDATION");
  });
});

describe("actOnReminder", () => {
  it("snoozes from the due time, reschedules to 09:00 local, clears notifiedAt; done twice is fine, changing a closed one is not", async () => {
    const r = await createReminders(w.ctx.owner, { target: { ids: [people[2]!] }, date: inDays(1), timeZone: TZ });
    const id = r.reminderIds[0]!;
    const past = new Date(Date.now() - 2 * 86_400_000);
    await setDueAt([id], past);
    await ownerQuery(`UPDATE "Reminder" SET "notifiedAt" = now() WHERE id = $1`, [id]);
    const snoozed = await actOnReminder(w.ctx.owner, id, { action: "snooze", days: 2 });
    expect(new Date(snoozed.dueAt).getTime()).toBeGreaterThan(Date.now() + 2 * 86_400_000 - 60_000);
    expect(snoozed.state).toBe("upcoming");
    expect((await reminderRows([people[2]!]))[0]!.notifiedAt).toBeNull();
    const again = await actOnReminder(w.ctx.owner, id, { action: "snooze" });
    expect(new Date(again.dueAt).getTime() - new Date(snoozed.dueAt).getTime()).toBe(86_400_000);
    const moved = await actOnReminder(w.ctx.owner, id, { action: "reschedule", date: inDays(10), timeZone: "America/New_York" });
    expect(new Intl.DateTimeFormat("en-GB", { timeZone: "America/New_York", hour: "2-digit", minute: "2-digit" }).format(new Date(moved.dueAt))).toBe("09:00");
    expect((await actOnReminder(w.ctx.owner, id, { action: "done" })).closedReason).toBe("done");
    expect((await actOnReminder(w.ctx.owner, id, { action: "done" })).state).toBe("done");
    expect((await rejectionOf(actOnReminder(w.ctx.owner, id, { action: "snooze" }))).code).toBe("CONFLICT");
    expect((await rejectionOf(actOnReminder(w.ctx.owner, id, { action: "snooze", days: 31 }))).code).toBe("VALIDATION");
  });

  it("lets the creator, the account owner and admins act; not another member", async () => {
    const r = await createReminders(w.ctx.owner, { target: { ids: [teammatePeople[0]!] }, date: inDays(5), timeZone: TZ });
    const id = r.reminderIds[0]!;
    const [member] = await (await import("../review/review.test-util")).addMembers(w.owner, 1, "MEMBER", "Bystander");
    expect((await rejectionOf(actOnReminder(member!.ctx, id, { action: "done" }))).code).toBe("FORBIDDEN");
    const asOwnerOfAccount = await listConnectionReminders(w.ctx.teammate, teammatePeople[0]!);
    expect(asOwnerOfAccount.find((x) => x.id === id)?.canAct).toBe(true);
    expect((await listConnectionReminders(member!.ctx, teammatePeople[0]!)).find((x) => x.id === id)?.canAct).toBe(false);
    expect((await actOnReminder(w.ctx.teammate, id, { action: "snooze" })).state).toBe("upcoming");
    expect((await actOnReminder(w.ctx.admin, id, { action: "cancel" })).closedReason).toBe("cancelled");
  });

  it("cross-tenant: another team's member gets NOT_FOUND and changes nothing", async () => {
    const r = await createReminders(w.ctx.owner, { target: { ids: [people[1]!] }, date: inDays(6), timeZone: TZ });
    const id = r.reminderIds[0]!;
    for (const action of [{ action: "done" as const }, { action: "cancel" as const }, { action: "snooze" as const }]) {
      expect((await rejectionOf(actOnReminder(other.ctx.owner, id, action))).code).toBe("NOT_FOUND");
    }
    const row = (await reminderRows([people[1]!])).find((x) => x.id === id)!;
    expect(row.doneAt).toBeNull();
    expect((await listReminders(other.ctx.owner, { view: "upcoming" })).items.some((i) => i.id === id)).toBe(false);
  });
});
