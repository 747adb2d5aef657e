import { randomUUID } from "node:crypto";
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeamRaw } from "@crm/db";
import { ownerQuery, startTestEnv, stopTestEnv } from "../testing/setup";
import { loadMemberFacts } from "./compose-sql";
import { makeDigestWorld, type TDigestWorld } from "./digest.test-util";
import { sendWeeklyDigests } from "./send-weekly";

// What a digest.team payload may claim (send-weekly.ts) and whose reminders a digest counts in a
// large team (compose-sql.ts).

let w: TDigestWorld;
const dueAt = new Date(Date.now() + 3_600_000);
const DAY = 86_400_000;
const weekIn = (d: Date, tz: string) => format(new TZDate(d, tz), "RRRR-'W'II");

beforeAll(async () => {
  await startTestEnv(); // its SMTP inbox takes what the guards let through
  w = await makeDigestWorld("Digest Guards", dueAt);
}, 120_000);
afterAll(async () => {
  await stopTestEnv();
});

const runsOf = (teamId: string, userId: string) => ownerQuery(`SELECT period FROM "DigestRun" WHERE "teamId" = $1 AND "userId" = $2`, [teamId, userId]);

describe("sendWeeklyDigests refuses periods that are not due", () => {
  it("a slot in the future, or a period that is not the ISO week of the slot, is skipped as not-due and claims nothing", async () => {
    const teamId = w.owner.team.id;
    const at = new Date(dueAt.getTime() + 60_000);
    const nextWeek = new Date(dueAt.getTime() + 7 * DAY);
    // A future slot with its own week: refused before anything is composed or claimed.
    expect(await sendWeeklyDigests(teamId, [{ userId: w.owner.userId, period: weekIn(nextWeek, "UTC"), dueAt: nextWeek }], at)).toEqual([{ userId: w.owner.userId, status: "not-due" }]);
    // A past slot naming next week's period: would block next week's digest.
    expect(await sendWeeklyDigests(teamId, [{ userId: w.owner.userId, period: weekIn(nextWeek, "UTC"), dueAt }], at)).toEqual([{ userId: w.owner.userId, status: "not-due" }]);
    expect(await runsOf(teamId, w.owner.userId)).toEqual([]);
    // The member's own zone decides the week: Sunday 23:30 UTC is Monday in Tokyo (next ISO week).
    const sunday = new Date("2026-11-29T23:30:00Z");
    await ownerQuery(`INSERT INTO "NotificationPreference" ("teamId", "userId", "timeZone", "updatedAt") VALUES ($1, $2, 'Asia/Tokyo', now())`, [teamId, w.teammate.userId]);
    expect(weekIn(sunday, "UTC")).toBe("2026-W48");
    expect(await sendWeeklyDigests(teamId, [{ userId: w.teammate.userId, period: "2026-W48", dueAt: sunday }], at)).toEqual([{ userId: w.teammate.userId, status: "not-due" }]);
    expect(await runsOf(teamId, w.teammate.userId)).toEqual([]);
    const [ok] = await sendWeeklyDigests(teamId, [{ userId: w.teammate.userId, period: "2026-W49", dueAt: sunday }], at);
    expect(ok!.status).not.toBe("not-due");
    expect(await runsOf(teamId, w.teammate.userId)).toEqual([{ period: "2026-W49" }]);
    // The right period at a reached slot is sent.
    expect(await sendWeeklyDigests(teamId, [{ userId: w.owner.userId, period: weekIn(dueAt, "UTC"), dueAt }], at)).toEqual([expect.objectContaining({ status: "sent" })]);
    // Jobs that waited across week boundaries (a worker down): last week's and the week before's
    // entries are older than the latest slot, so they claim nothing and send nothing.
    for (const weeks of [1, 2]) {
      const then = new Date(dueAt.getTime() - weeks * 7 * DAY);
      expect(await sendWeeklyDigests(teamId, [{ userId: w.owner.userId, period: weekIn(then, "UTC"), dueAt: then }], at)).toEqual([{ userId: w.owner.userId, status: "not-due" }]);
    }
    expect(await runsOf(teamId, w.owner.userId)).toEqual([{ period: weekIn(dueAt, "UTC") }]);
  });
});

describe("loadMemberFacts in a large team", () => {
  it("counts the recipients' own reminders even when the team has more open reminders than the scan cap", async () => {
    const teamId = w.owner.team.id;
    const b = w.accounts.b;
    expect(b.ownerUserId).not.toBe(w.owner.userId);
    const [conn] = await ownerQuery<{ id: string }>(`SELECT id FROM "Connection" WHERE "accountId" = $1 LIMIT 1`, [w.accounts.a.id]);
    const [other] = await ownerQuery<{ id: string }>(`SELECT id FROM "Connection" WHERE "accountId" = $1 LIMIT 1`, [b.id]).then(async (r) =>
      r.length ? r : ownerQuery<{ id: string }>(
        `INSERT INTO "Connection" (id, "teamId", "accountId", "identityKey", "nameKey", "firstName", "lastName") VALUES ($1, $2, $3, 'li:guards', 'g', 'Gus', 'Guard') RETURNING id`,
        [randomUUID(), teamId, b.id]));
    // 20,001 open reminders of someone else, all due before the owner's: an arbitrary or earliest
    // 20,000 of the team's reminders would leave the owner's out.
    await ownerQuery(
      `INSERT INTO "Reminder" (id, "teamId", "connectionId", "accountId", "dueAt", "createdById", "updatedAt")
       SELECT gen_random_uuid()::text, $1, $2, $3, $4::timestamptz - make_interval(secs => i), $5, now() FROM generate_series(1, 20001) i`,
      [teamId, other!.id, b.id, new Date(dueAt.getTime() - 2 * DAY), b.ownerUserId],
    );
    // The owner's reminder written last (last in the heap as well).
    await ownerQuery(`DELETE FROM "Reminder" WHERE "teamId" = $1 AND "createdById" = $2`, [teamId, w.owner.userId]);
    await ownerQuery(
      `INSERT INTO "Reminder" (id, "teamId", "connectionId", "accountId", "dueAt", note, "createdById", "updatedAt") VALUES ($1, $2, $3, $4, $5, 'Mine', $6, now())`,
      [randomUUID(), teamId, conn!.id, w.accounts.a.id, new Date(dueAt.getTime() - DAY), w.owner.userId],
    );
    const facts = await withTeamRaw(teamId, (tx) => loadMemberFacts(tx, teamId, [{ userId: w.owner.userId, due: dueAt }]));
    const mine = facts.reminders?.find((r) => r.userId === w.owner.userId);
    expect(mine).toMatchObject({ overdue: 1, week: 0 });
    expect(mine!.top?.map((t) => t.note)).toEqual(["Mine"]);
    await ownerQuery(`DELETE FROM "Reminder" WHERE "teamId" = $1 AND "createdById" = $2`, [teamId, b.ownerUserId]);
  }, 60_000);
});
