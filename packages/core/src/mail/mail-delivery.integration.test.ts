import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetServerEnvForTests } from "@crm/config";
import { db, withTeam, withTeamRaw } from "@crm/db";
import { deliverOutboxEmail, MAX_SEND_ATTEMPTS } from "@crm/email";
import { latestSlots } from "../digest/member-zone-sql";
import { listMembers, removeMember } from "../teams/members";
import { addMember } from "../testing/add-member";
import { rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser, type TSmtpInbox } from "../testing/setup";
import { sendDailySummaries } from "./daily-summary";
import { listTeamDeliveries, retryDelivery } from "./deliveries";
import { mailNotifications } from "./notification-mail";
import { updateMailPreferences } from "./preferences";
import { readUnsubscribeToken } from "./unsubscribe-token";

// The email pass, daily summaries and the admins' deliveries list, called directly (the jobs and
// the sweep through Redis and a worker are in apps/worker/src/mail-jobs.integration.test.ts).

let inbox: TSmtpInbox;
let a: TSignedUpUser;
let b: TSignedUpUser;
let memberA: Awaited<ReturnType<typeof addMember>>;
let memberEmail: string;

beforeAll(async () => {
  inbox = await startTestEnv();
  a = await signUpUser("Mail A");
  b = await signUpUser("Mail B");
  memberA = await addMember(a, "Mail A Member", "MEMBER");
  memberEmail = (await db().user.findUniqueOrThrow({ where: { id: memberA.userId } })).email;
});
afterAll(stopTestEnv);

async function notify(teamId: string, userId: string, kind: string, data: Record<string, unknown>, actorId: string | null = null): Promise<string> {
  const [row] = await withTeam(teamId, (tx) => tx.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "Notification" (id, "teamId", "userId", kind, "actorId", data)
    VALUES (${randomUUID()}, ${teamId}, ${userId}, ${kind}, ${actorId}, ${JSON.stringify(data)}::jsonb) RETURNING id`);
  return row!.id;
}

const mailState = (teamId: string, id: string) =>
  withTeam(teamId, async (tx) => (await tx.notification.findUniqueOrThrow({ where: { id } })).mailState);

const outboxFor = (to: string) => db().emailOutbox.findMany({ where: { to, teamId: { not: null } }, orderBy: { createdAt: "asc" } });

async function deliverAll(to: string) {
  for (const r of await outboxFor(to)) if (r.status === "PENDING") await deliverOutboxEmail(r.id);
}

describe("instant notification emails", () => {
  it("a mention is emailed once, even by two concurrent passes, with the kind's one-click unsubscribe", async () => {
    const id = await notify(a.team.id, memberA.userId, "mention", { connectionName: "Grace Hopper", commentId: "c1" }, a.userId);
    const [r1, r2] = await Promise.all([mailNotifications(a.team.id), mailNotifications(a.team.id)]);
    expect(r1.emailed + r2.emailed).toBe(1);
    expect(await mailState(a.team.id, id)).toBe("instant");
    // A later pass finds nothing left to do.
    expect((await mailNotifications(a.team.id)).emailed).toBe(0);
    const rows = await outboxFor(memberEmail);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ teamId: a.team.id, kind: "notification", subject: "Mail A Person mentioned you on Grace Hopper" });
    const headers = row.headers as Record<string, string>;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const token = /\/api\/unsubscribe\/([^>]+)>/.exec(headers["List-Unsubscribe"]!)?.[1];
    expect(readUnsubscribeToken(token)).toEqual({ teamId: a.team.id, userId: memberA.userId, topic: "mention" });
    await deliverAll(memberEmail);
    const mail = await inbox.waitFor(memberEmail);
    expect(mail.text).toContain("mentioned you on Grace Hopper");
    expect(mail.html).toContain('name="color-scheme"');
    expect(inbox.receivedFor(memberEmail)).toHaveLength(1);
  });

  it("kinds that are off (job changes by default) and in-app-only kinds are marked none, nothing sent", async () => {
    const before = (await outboxFor(memberEmail)).length;
    const off = await notify(a.team.id, memberA.userId, "job_change", { importId: "i1", accountId: "x", accountLabel: "Ana", count: 2, people: [] });
    const inApp = await notify(a.team.id, memberA.userId, "decided", { choice: "keep", connectionName: "Ada" }, a.userId);
    const r = await mailNotifications(a.team.id);
    expect(r).toMatchObject({ emailed: 0, none: 2, emails: 0 });
    expect([await mailState(a.team.id, off), await mailState(a.team.id, inApp)]).toEqual(["none", "none"]);
    expect(await outboxFor(memberEmail)).toHaveLength(before);
  });

  it("a notification for someone who left the team is not emailed", async () => {
    const gone = await addMember(a, "Mail Leaver", "MEMBER");
    const id = await notify(a.team.id, gone.userId, "mention", { connectionName: "Linus" }, a.userId);
    await withTeam(a.team.id, (tx) => tx.membership.deleteMany({ where: { teamId: a.team.id, userId: gone.userId } }));
    expect((await mailNotifications(a.team.id)).emailed).toBe(0);
    expect(await mailState(a.team.id, id)).toBe("none");
  });

  it("one pass over another team does not touch this team's notifications", async () => {
    const id = await notify(a.team.id, a.userId, "removal.planned", { accountId: "acc", accountLabel: "Mine", planned: 3 });
    await mailNotifications(b.team.id);
    expect(await mailState(a.team.id, id)).toBeNull();
    await mailNotifications(a.team.id);
    expect(await mailState(a.team.id, id)).toBe("instant");
  });
});

/** The member's daily slot as the sweep sees it at `at` (a job may claim only that one). */
async function dailySlot(teamId: string, userId: string, at: Date) {
  const slot = (await withTeamRaw(teamId, (tx) => latestSlots(tx, teamId, [{ userId, dueAt: at }], at, "daily"))).get(userId)!;
  return { userId, period: slot.period, dueAt: slot.dueAt.toISOString() };
}
const DAY_MS = 86_400_000;
const dateLabel = (period: string) => new Intl.DateTimeFormat("en", { timeZone: "UTC", weekday: "long", month: "long", day: "numeric" }).format(new Date(`${period}T00:00:00Z`));

describe("daily summaries", () => {
  it("collects the day's 'daily' notifications into one email, once, and marks them summarized", async () => {
    await updateMailPreferences(memberA.ctx, { emailModes: { reminder_due: "daily", mention: "daily" } });
    const ids = [
      await notify(a.team.id, memberA.userId, "reminder_due", { reminderId: "r1", connectionId: "conn1", connectionName: "Alan Turing", note: "Ask about the paper", kind: "FOLLOW_UP" }),
      await notify(a.team.id, memberA.userId, "mention", { connectionName: "Barbara Liskov" }, a.userId),
    ];
    expect((await mailNotifications(a.team.id)).daily).toBe(2);
    expect(await mailState(a.team.id, ids[0]!)).toBe("daily");
    const before = (await outboxFor(memberEmail)).length;
    // Tomorrow's slot: after these notifications were written.
    const at = new Date(Date.now() + DAY_MS);
    const slot = await dailySlot(a.team.id, memberA.userId, at);
    const users = [slot];
    const [s1, s2] = await Promise.all([sendDailySummaries(a.team.id, users, at), sendDailySummaries(a.team.id, users, at)]);
    expect([s1[0]!.status, s2[0]!.status].sort()).toEqual(["already", "sent"]);
    expect(await sendDailySummaries(a.team.id, users, at)).toEqual([{ userId: memberA.userId, status: "already" }]);
    for (const id of ids) expect(await mailState(a.team.id, id)).toBe("summarized");
    const rows = (await outboxFor(memberEmail)).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.kind).toBe("summary");
    expect(readUnsubscribeToken(/\/api\/unsubscribe\/([^>]+)>/.exec((rows[0]!.headers as Record<string, string>)["List-Unsubscribe"]!)?.[1])?.topic).toBe("summary");
    const run = await withTeam(a.team.id, (tx) => tx.digestRun.findFirstOrThrow({ where: { userId: memberA.userId, kind: "daily", period: slot.period } }));
    expect(run).toMatchObject({ status: "sent", outboxId: rows[0]!.id });
    await deliverAll(memberEmail);
    const mail = inbox.receivedFor(memberEmail).at(-1)!;
    expect(mail.subject).toBe(`Your daily summary for ${a.team.name}: 2 notifications`);
    expect(mail.text).toContain("Reminder: follow up with Alan Turing — Ask about the paper");
    expect(mail.text).toContain("/connections?open=conn1");
    expect(mail.text).toContain(dateLabel(slot.period));
  });

  it("a slot not reached yet sends nothing; a member with nothing waiting gets no email; a non-member is skipped", async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await sendDailySummaries(a.team.id, [{ userId: memberA.userId, period: "2031-01-07", dueAt: future }])).toEqual([{ userId: memberA.userId, status: "not-due" }]);
    const at = new Date(Date.now() + 2 * DAY_MS);
    const slot = await dailySlot(a.team.id, memberA.userId, at);
    const res = await sendDailySummaries(a.team.id, [slot, { ...slot, userId: b.userId }], at);
    expect(res).toEqual([{ userId: memberA.userId, status: "empty" }, { userId: b.userId, status: "not-member" }]);
  });

  it("claims only the member's latest slot: another date (older, or still to come) is not due", async () => {
    const at = new Date(Date.now() + 5 * DAY_MS); // days no other test claims
    const slot = await dailySlot(a.team.id, memberA.userId, at);
    const older = { ...slot, period: "2000-01-01" };
    const later = { ...slot, period: "2099-12-31" };
    expect(await sendDailySummaries(a.team.id, [older], at)).toEqual([{ userId: memberA.userId, status: "not-due" }]);
    expect(await sendDailySummaries(a.team.id, [later], at)).toEqual([{ userId: memberA.userId, status: "not-due" }]);
    const stale = await dailySlot(a.team.id, memberA.userId, new Date(at.getTime() - DAY_MS));
    expect(await sendDailySummaries(a.team.id, [stale], at)).toEqual([{ userId: memberA.userId, status: "not-due" }]);
    const runs = await withTeam(a.team.id, (tx) => tx.digestRun.count({ where: { userId: memberA.userId, kind: "daily", period: { in: ["2000-01-01", "2099-12-31", stale.period] } } }));
    expect(runs).toBe(0);
  });
});

describe("daily summaries after a change", () => {
  it("a kind switched from daily to instant goes back to the email pass and is emailed; a kind switched off is settled", async () => {
    const m = await addMember(a, "Mail Switcher", "MEMBER");
    const email = (await db().user.findUniqueOrThrow({ where: { id: m.userId } })).email;
    await updateMailPreferences(m.ctx, { emailModes: { mention: "daily", reminder_due: "daily" } });
    const mention = await notify(a.team.id, m.userId, "mention", { connectionName: "Ada Lovelace" }, a.userId);
    const reminder = await notify(a.team.id, m.userId, "reminder_due", { reminderId: "r9", connectionId: "conn9", connectionName: "Alonzo Church", kind: "FOLLOW_UP" });
    await mailNotifications(a.team.id);
    expect(await mailState(a.team.id, mention)).toBe("daily");
    await updateMailPreferences(m.ctx, { emailModes: { mention: "instant", reminder_due: "off" } });
    const at = new Date(Date.now() + DAY_MS);
    const res = await sendDailySummaries(a.team.id, [await dailySlot(a.team.id, m.userId, at)], at);
    expect(res).toEqual([{ userId: m.userId, status: "unsubscribed" }]);
    expect(await mailState(a.team.id, mention)).toBeNull();
    expect(await mailState(a.team.id, reminder)).toBe("none");
    await mailNotifications(a.team.id);
    expect(await mailState(a.team.id, mention)).toBe("instant");
    const rows = await outboxFor(email);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.subject).toContain("Ada Lovelace");
  });

  it("a removed member's waiting notifications are settled by the summary job that finds them gone", async () => {
    const m = await addMember(a, "Mail Gone", "MEMBER");
    await updateMailPreferences(m.ctx, { emailModes: { mention: "daily" } });
    const daily = await notify(a.team.id, m.userId, "mention", { connectionName: "Emmy Noether" }, a.userId);
    await mailNotifications(a.team.id);
    const unseen = await notify(a.team.id, m.userId, "mention", { connectionName: "Lise Meitner" }, a.userId);
    expect(await mailState(a.team.id, daily)).toBe("daily");
    // The membership row alone (removeMember settles them itself: teams/members.integration.test.ts).
    await withTeam(a.team.id, (tx) => tx.membership.deleteMany({ where: { teamId: a.team.id, userId: m.userId } }));
    const at = new Date(Date.now() + DAY_MS);
    const res = await sendDailySummaries(a.team.id, [await dailySlot(a.team.id, m.userId, at)], at);
    expect(res).toEqual([{ userId: m.userId, status: "not-member" }]);
    expect(await mailState(a.team.id, daily)).toBe("none");
    expect(await mailState(a.team.id, unseen)).toBe("none");
  });
});

describe("deliveries (admins)", () => {
  it("marks a row FAILED at the last attempt, lists it for admins only, and retries it", async () => {
    const id = await notify(a.team.id, a.userId, "mention", { connectionName: "Edsger Dijkstra" }, memberA.userId);
    await mailNotifications(a.team.id);
    const row = (await outboxFor(a.email)).find((r) => r.subject.includes("Edsger"))!;
    expect(await mailState(a.team.id, id)).toBe("instant");
    await db().emailOutbox.update({ where: { id: row.id }, data: { attempts: MAX_SEND_ATTEMPTS - 2 } });
    const smtp = process.env.SMTP_URL;
    process.env.SMTP_URL = "smtp://127.0.0.1:1"; // nothing listens: a real connection failure
    resetServerEnvForTests();
    try {
      await expect(deliverOutboxEmail(row.id)).rejects.toThrow();
      expect(await db().emailOutbox.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "PENDING", attempts: MAX_SEND_ATTEMPTS - 1, failedAt: null });
      await expect(deliverOutboxEmail(row.id)).rejects.toThrow();
    } finally {
      process.env.SMTP_URL = smtp;
      resetServerEnvForTests();
    }
    const failed = await db().emailOutbox.findUniqueOrThrow({ where: { id: row.id } });
    expect(failed.status).toBe("FAILED");
    expect(failed.failedAt).toBeInstanceOf(Date);
    // A FAILED row is not sent by a late job.
    expect((await deliverOutboxEmail(row.id)).status).toBe("failed");

    const list = await listTeamDeliveries(a.ctx, { failedOnly: true });
    expect(list.failed).toBeGreaterThanOrEqual(1);
    expect(list.items.map((i) => i.id)).toContain(row.id);
    expect(list.items.find((i) => i.id === row.id)).toMatchObject({ status: "FAILED", kind: "notification", attempts: MAX_SEND_ATTEMPTS });
    expect((await rejectionOf(listTeamDeliveries(memberA.ctx))).code).toBe("FORBIDDEN");
    expect((await rejectionOf(retryDelivery(memberA.ctx, row.id))).code).toBe("FORBIDDEN");

    const retried = await retryDelivery(a.ctx, row.id);
    expect(retried).toMatchObject({ status: "PENDING", attempts: 0, failedAt: null });
    expect((await rejectionOf(retryDelivery(a.ctx, row.id))).code).toBe("CONFLICT");
    expect((await deliverOutboxEmail(row.id)).status).toBe("sent");
    expect((await inbox.waitFor(a.email)).subject).toContain("Edsger Dijkstra");
    expect((await rejectionOf(retryDelivery(a.ctx, row.id))).code).toBe("CONFLICT");
  });

  it("refuses to retry an email whose recipient is no longer a member of the team", async () => {
    const leaver = await addMember(a, "Mail Leaver", "MEMBER");
    const email = (await db().user.findUniqueOrThrow({ where: { id: leaver.userId } })).email;
    const failedRow = () =>
      db().emailOutbox.create({
        data: { dedupeKey: `test:${randomUUID()}`, to: email, subject: "Old news", html: "<p>x</p>", text: "x", teamId: a.team.id, kind: "notification", status: "FAILED", attempts: MAX_SEND_ATTEMPTS, failedAt: new Date() },
      });
    const before = await failedRow();
    expect(await retryDelivery(a.ctx, before.id)).toMatchObject({ status: "PENDING", attempts: 0 });
    const after = await failedRow();
    const membership = (await listMembers(a.ctx)).find((m) => m.userId === leaver.userId)!;
    await removeMember(a.ctx, { membershipId: membership.membershipId });
    const err = await rejectionOf(retryDelivery(a.ctx, after.id));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(/no longer a member/);
    expect(await db().emailOutbox.findUniqueOrThrow({ where: { id: after.id } })).toMatchObject({ status: "FAILED", attempts: MAX_SEND_ATTEMPTS });
  });

  it("cross-tenant: team B never sees or retries team A's deliveries", async () => {
    const aRows = await listTeamDeliveries(a.ctx, { limit: 100 });
    expect(aRows.items.length).toBeGreaterThan(0);
    const bRows = await listTeamDeliveries(b.ctx, { limit: 100 });
    const aIds = new Set(aRows.items.map((i) => i.id));
    expect(bRows.items.filter((i) => aIds.has(i.id))).toEqual([]);
    const aRow = aRows.items[0]!;
    await db().emailOutbox.update({ where: { id: aRow.id }, data: { status: "FAILED", failedAt: new Date() } });
    expect((await rejectionOf(retryDelivery(b.ctx, aRow.id))).code).toBe("NOT_FOUND");
    expect((await db().emailOutbox.findUniqueOrThrow({ where: { id: aRow.id } })).status).toBe("FAILED");
  });

  it("two jobs delivering the same row at once send it once (the first claims it, the others find it claimed or sent)", async () => {
    await notify(a.team.id, a.userId, "mention", { connectionName: "Barbara McClintock" }, memberA.userId);
    await mailNotifications(a.team.id);
    const row = (await outboxFor(a.email)).find((r) => r.subject.includes("McClintock"))!;
    const results = await Promise.all([deliverOutboxEmail(row.id), deliverOutboxEmail(row.id), deliverOutboxEmail(row.id)]);
    expect(results.filter((r) => r.status === "sent")).toHaveLength(1);
    expect(results.every((r) => ["sent", "busy", "already-sent"].includes(r.status))).toBe(true);
    await inbox.waitFor(a.email);
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox.receivedFor(a.email).filter((m) => m.subject.includes("McClintock"))).toHaveLength(1);
    expect((await db().emailOutbox.findUniqueOrThrow({ where: { id: row.id } })).attempts).toBe(1);
  });

  it("pages newest first with a cursor and refuses bad input", async () => {
    const first = await listTeamDeliveries(a.ctx, { limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await listTeamDeliveries(a.ctx, { limit: 1, cursor: first.nextCursor! });
    expect(second.items[0]!.createdAt <= first.items[0]!.createdAt).toBe(true);
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
    expect((await rejectionOf(listTeamDeliveries(a.ctx, { limit: 101 }))).code).toBe("VALIDATION");
    expect((await rejectionOf(listTeamDeliveries(a.ctx, { cursor: "nonsense" }))).code).toBe("VALIDATION");
  });
});
