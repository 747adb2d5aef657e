import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, withTeamRaw, type TRawTx } from "@crm/db";
import { deliverOutboxEmail } from "@crm/email";
import { readUnsubscribeToken } from "../mail/unsubscribe-token";
import { addMembers } from "../review/review.test-util";
import { ownerQuery, startTestEnv, stopTestEnv, type TSmtpInbox } from "../testing/setup";
import { composeTeamDigests } from "./compose-team";
import { makeDigestWorld, type TDigestWorld } from "./digest.test-util";
import { sendDigestNow } from "./send-now";
import { sendWeeklyDigests } from "./send-weekly";
import { latestWeeklySlot } from "./slot";

let inbox: TSmtpInbox;
let w: TDigestWorld;
// An hour ahead: the fixtures' rows written now fall inside the week before the slot.
const dueAt = new Date(Date.now() + 3_600_000);
/** The period a slot belongs to: its ISO week in the member's zone (the fixtures' accounts are UTC). */
const weekOf = (d: Date) => format(new TZDate(d, "UTC"), "RRRR-'W'II");

beforeAll(async () => {
  inbox = await startTestEnv();
  w = await makeDigestWorld("Digest", dueAt);
}, 120_000);
afterAll(async () => {
  await stopTestEnv();
});

/** Counts the statements a composer runs (the real transaction underneath). */
function counting(tx: TRawTx): { tx: TRawTx; count: () => number } {
  let n = 0;
  return {
    tx: {
      $queryRaw: (...a: Parameters<TRawTx["$queryRaw"]>) => ((n += 1), tx.$queryRaw(...a)),
      $executeRaw: (...a: Parameters<TRawTx["$executeRaw"]>) => ((n += 1), tx.$executeRaw(...a)),
    } as TRawTx,
    count: () => n,
  };
}

async function deliverAll(teamId: string): Promise<number> {
  const rows = await db().emailOutbox.findMany({ where: { teamId, status: "PENDING" }, select: { id: true } });
  for (const r of rows) await deliverOutboxEmail(r.id);
  return rows.length;
}

describe("composeTeamDigests", () => {
  it("tells each member their week, from this team's rows, with a bounded number of statements", async () => {
    const teamId = w.owner.team.id;
    const extra = await addMembers(w.owner, 5, "MEMBER", "Digest Extra");
    const users = [w.owner.userId, w.teammate.userId, ...extra.map((m) => m.userId)].map((userId) => ({ userId, period: "2026-W49", dueAt }));
    const one = await withTeamRaw(teamId, async (raw) => {
      const c = counting(raw);
      await composeTeamDigests(c.tx, teamId, users.slice(0, 1), dueAt);
      return c.count();
    });
    const { models, many } = await withTeamRaw(teamId, async (raw) => {
      const c = counting(raw);
      const models = await composeTeamDigests(c.tx, teamId, users, dueAt);
      return { models, many: c.count() };
    });
    // Same statements for 1 member and for 7 (the first call also wrote today's fit snapshot).
    expect(many).toBeLessThanOrEqual(one);
    expect(many).toBeLessThanOrEqual(5);

    const m = models.get(w.owner.userId)!;
    expect(m.recipient.email).toBe(w.owner.email);
    expect(m.quiet).toBe(false);
    expect(m.network).toMatchObject({ newConnections: 1, gone: 1, jobChanges: 1 });
    expect(m.network.imports).toEqual([expect.objectContaining({ accountLabel: w.accounts.a.label, added: 1, gone: 1, jobChanges: 1, first: false })]);
    expect(m.network.topJobChanges.map((p) => p.name)).toEqual(["Carla Diaz"]);
    expect(m.network.topJobChanges[0]!.href).toMatch(new RegExp(`/t/${w.owner.team.slug}/connections\\?open=${w.people.jobChanged}$`));
    expect(m.network.topNew.map((p) => p.name)).toEqual(["Dan Eve"]);
    expect(m.fit.icps).toEqual([expect.objectContaining({ name: "Buyers", strong: 1, partial: 1, none: 1, total: 3, strongDelta: null })]);
    // Two open items on the owner's account; the one the teammate voted on waits for the owner.
    expect(m.queue).toMatchObject({ waitingForMe: 1, needsMyVote: 2, oldestWaitingDays: 9, oldestVoteDays: 9 });
    expect(m.queue.href).toMatch(new RegExp(`/queue\\?view=waiting_for_owner&account=${w.accounts.a.id}$`));
    expect(m.removals).toEqual([expect.objectContaining({ accountLabel: w.accounts.a.label, done: 0, verified: 1, approved: 1, budget: 50 })]);
    expect(m.followUps).toMatchObject({ overdue: 1, dueThisWeek: 0 });
    expect(m.followUps.top).toEqual([expect.objectContaining({ name: "Carla Diaz", overdue: true, note: "Ask about Q1" })]);
    // The approved item counts as the owner's decision; the teammate's vote as theirs.
    expect(m.activity.members).toEqual([
      { name: w.owner.name, votes: 0, decisions: 1, removals: 0 },
      { name: w.teammate.name, votes: 1, decisions: 0, removals: 0 },
    ]);
    expect(readUnsubscribeToken(m.unsubscribeUrl.split("/").pop())).toEqual({ teamId, userId: w.owner.userId, topic: "digest" });

    // The teammate voted on one of the two open items; nothing waits for their decision.
    // Their one item without a vote came in today: "the oldest waiting 1 day" at the least.
    expect(models.get(w.teammate.userId)!.queue).toMatchObject({ waitingForMe: 0, needsMyVote: 1, oldestVoteDays: 1 });
    expect(models.get(w.teammate.userId)!.followUps.overdue).toBe(0);
  });
});

describe("sendWeeklyDigests", () => {
  it("delivers one email with both parts and both unsubscribe headers, even when called concurrently", async () => {
    const teamId = w.owner.team.id;
    const users = [{ userId: w.owner.userId, period: weekOf(dueAt), dueAt }];
    const runs = await Promise.all([sendWeeklyDigests(teamId, users, dueAt), sendWeeklyDigests(teamId, users, dueAt), sendWeeklyDigests(teamId, users, dueAt)]);
    expect(runs.flat().map((r) => r.status).sort()).toEqual(["already", "already", "sent"]);
    expect(await sendWeeklyDigests(teamId, users, dueAt)).toEqual([{ userId: w.owner.userId, status: "already" }]);

    expect(await deliverAll(teamId)).toBe(1);
    const got = inbox.all().filter((m) => m.to.includes(w.owner.email));
    expect(got).toHaveLength(1);
    const mail = got[0]!;
    expect(mail.text).toContain("Carla Diaz — VP Sales at Globex");
    expect(mail.html).toContain("Carla Diaz");
    expect(mail.headers.get("list-unsubscribe")).toMatch(/^<https?:\/\/[^>]+\/api\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+>$/);
    expect(mail.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const run = await ownerQuery(`SELECT status, "outboxId" FROM "DigestRun" WHERE "teamId" = $1 AND period = $2`, [teamId, weekOf(dueAt)]);
    expect(run).toEqual([{ status: "sent", outboxId: expect.any(String) }]);
  });

  it("a crash after the claim rolls back claim and email; the retry sends exactly one", async () => {
    const teamId = w.owner.team.id;
    const users = [{ userId: w.teammate.userId, period: weekOf(dueAt), dueAt }];
    await expect(sendWeeklyDigests(teamId, users, dueAt, { afterClaim: () => { throw new Error("worker died"); } })).rejects.toThrow("worker died");
    expect(await ownerQuery(`SELECT 1 FROM "DigestRun" WHERE "teamId" = $1 AND "userId" = $2 AND period = $3`, [teamId, w.teammate.userId, weekOf(dueAt)])).toHaveLength(0);
    expect(await sendWeeklyDigests(teamId, users, dueAt)).toEqual([expect.objectContaining({ status: "sent" })]);
    expect(await sendWeeklyDigests(teamId, users, dueAt)).toEqual([{ userId: w.teammate.userId, status: "already" }]);
    expect(await ownerQuery(`SELECT 1 FROM "EmailOutbox" WHERE "dedupeKey" = $1`, [`digest:${teamId}:${w.teammate.userId}:${weekOf(dueAt)}`])).toHaveLength(1);
  });

  it("skips unsubscribed members and quiet weeks (unless they want the note), and refuses non-members", async () => {
    const teamId = w.owner.team.id;
    const [quiet, noted, off] = await addMembers(w.owner, 3, "MEMBER", "Digest Quiet");
    // A week long ago: nothing happened then (the quiet members own nothing, voted on nothing).
    const long = new Date(dueAt.getTime() - 400 * 86_400_000);
    await ownerQuery(`INSERT INTO "NotificationPreference" ("teamId", "userId", "quietWeekNote", "updatedAt") VALUES ($1, $2, true, now())`, [teamId, noted!.userId]);
    await ownerQuery(`INSERT INTO "NotificationPreference" ("teamId", "userId", "digestEnabled", "updatedAt") VALUES ($1, $2, false, now())`, [teamId, off!.userId]);
    const other = await makeDigestWorld("Digest Other", dueAt);
    // Open items in the team would be news for everyone: close them for this check.
    await ownerQuery(`UPDATE "ReviewItem" SET state = 'CLOSED' WHERE "teamId" = $1 AND state = 'OPEN'`, [teamId]);
    const res = await sendWeeklyDigests(teamId, [quiet!, noted!, off!, other.owner].map((m) => ({ userId: m.userId, period: weekOf(long), dueAt: long })), long);
    expect(Object.fromEntries(res.map((r) => [r.userId, r.status]))).toEqual({ [quiet!.userId]: "empty", [noted!.userId]: "quiet", [off!.userId]: "unsubscribed", [other.owner.userId]: "not-member" });
    const rows = await ownerQuery<{ userId: string; status: string; outboxId: string | null }>(`SELECT "userId", status, "outboxId" FROM "DigestRun" WHERE "teamId" = $1 AND period = $2`, [teamId, weekOf(long)]);
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.outboxId).map((r) => r.userId)).toEqual([noted!.userId]);
    await ownerQuery(`UPDATE "ReviewItem" SET state = 'OPEN' WHERE "teamId" = $1 AND state = 'CLOSED'`, [teamId]);
  });

  it("a digest never contains another team's people, even with the same names", async () => {
    const a = await makeDigestWorld("Digest Tenant A", dueAt, { company: "Alpha Corp" });
    const b = await makeDigestWorld("Digest Tenant B", dueAt, { company: "Bravo Corp" });
    await ownerQuery(`UPDATE "Connection" SET "firstName" = 'Only', "lastName" = 'Bravo' WHERE id = $1`, [b.people.fresh]);
    const [r] = await sendWeeklyDigests(a.owner.team.id, [{ userId: a.owner.userId, period: weekOf(dueAt), dueAt }], dueAt);
    const row = await db().emailOutbox.findUnique({ where: { id: r!.outboxId! } });
    for (const part of [row!.text, row!.html]) {
      expect(part).toContain("Alpha Corp");
      expect(part).not.toContain("Bravo");
      expect(part).not.toContain(b.people.jobChanged);
      expect(part).not.toContain(b.owner.team.slug);
    }
    // B's owner named in A's call is not A's member: no claim, no email.
    expect(await sendWeeklyDigests(a.owner.team.id, [{ userId: b.owner.userId, period: weekOf(dueAt), dueAt }], dueAt)).toEqual([{ userId: b.owner.userId, status: "not-member" }]);
    expect(await ownerQuery(`SELECT 1 FROM "EmailOutbox" WHERE "to" = $1`, [b.owner.email])).toHaveLength(0);
  });
});

describe("sendDigestNow", () => {
  it("sends this week's digest once per double click and claims no period", async () => {
    const first = await sendDigestNow(w.ctx.admin);
    expect(first).toEqual({ sent: true, reason: expect.stringContaining("check your inbox") });
    const second = await sendDigestNow(w.ctx.admin);
    expect(second.sent).toBe(false);
    expect(second.reason).toMatch(/Already sent/);
    const rows = await ownerQuery(`SELECT "dedupeKey" FROM "EmailOutbox" WHERE "teamId" = $1 AND "dedupeKey" LIKE 'digest-now:%'`, [w.owner.team.id]);
    expect(rows).toHaveLength(1);
    expect(await ownerQuery(`SELECT 1 FROM "DigestRun" WHERE "userId" = $1`, [w.admin.userId])).toHaveLength(0);
  });
});

describe("latestWeeklySlot", () => {
  it("agrees with the sweep (crm_digests_due) on period and instant, across both DST changes", async () => {
    const [m] = await addMembers(w.owner, 1, "MEMBER", "Digest Slot");
    const teamId = w.owner.team.id;
    // Sunday 02:00 in New York: skipped on 2026-03-08, repeated on 2026-11-01.
    await ownerQuery(`INSERT INTO "NotificationPreference" ("teamId", "userId", "timeZone", "digestWeekday", "digestHour", "updatedAt") VALUES ($1, $2, 'America/New_York', 7, 2, now())`, [teamId, m!.userId]);
    await ownerQuery(`UPDATE "Membership" SET "createdAt" = '2025-01-01' WHERE "teamId" = $1 AND "userId" = $2`, [teamId, m!.userId]);
    const instants = ["2026-03-08T06:59:00Z", "2026-03-08T07:30:00Z", "2026-03-09T12:00:00Z", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", "2026-11-01T07:30:00Z", "2026-12-05T12:00:00Z"];
    for (const iso of instants) {
      const at = new Date(iso);
      const mine = await withTeamRaw(teamId, (tx) => latestWeeklySlot(tx, teamId, m!.userId, at));
      const swept = await db().$queryRaw<Array<{ userId: string; period: string; dueAt: Date }>>`
        SELECT "userId", period, "dueAt" FROM crm_digests_due(${at.toISOString()}::timestamptz, ${teamId}::text, ''::text, 1000) WHERE "userId" = ${m!.userId}`;
      expect(swept, iso).toHaveLength(1);
      expect({ period: mine.period, dueAt: mine.dueAt.toISOString() }, iso).toEqual({ period: swept[0]!.period, dueAt: new Date(swept[0]!.dueAt).toISOString() });
      expect(mine.dueAt.getTime(), iso).toBeLessThanOrEqual(at.getTime());
    }
    // Before the spring-forward slot the previous week's applies; after it, this week's.
    const before = await withTeamRaw(teamId, (tx) => latestWeeklySlot(tx, teamId, m!.userId, new Date("2026-03-08T06:59:00Z")));
    const after = await withTeamRaw(teamId, (tx) => latestWeeklySlot(tx, teamId, m!.userId, new Date("2026-03-08T07:30:00Z")));
    expect(before.period).toBe("2026-W09");
    expect(after.period).toBe("2026-W10");
  });

  it("composes members with different slots against their own weeks in one pass", async () => {
    const teamId = w.owner.team.id;
    const lastWeek = new Date(dueAt.getTime() - 7 * 86_400_000);
    const models = await withTeamRaw(teamId, (tx) =>
      composeTeamDigests(tx, teamId, [{ userId: w.owner.userId, period: "2026-W49", dueAt }, { userId: w.teammate.userId, period: "2026-W48", dueAt: lastWeek }], dueAt),
    );
    expect(models.get(w.owner.userId)!.network.topJobChanges.map((p) => p.name)).toEqual(["Carla Diaz"]);
    // The job change (2 days before the owner's slot) is outside the week before the teammate's.
    expect(models.get(w.teammate.userId)!.network.topJobChanges).toEqual([]);
    expect(models.get(w.teammate.userId)!.period.end).toBe(lastWeek.toISOString());
  });
});
