import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@crm/db";
import { addMember } from "../testing/add-member";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { createLinkedInAccount } from "./accounts";

// Intl accepts a zone in any case ("europe/berlin"); the SQL that plans removal days and finds due
// digests compares Postgres' names exactly. Accounts store Postgres' spelling, and a member whose
// zone Postgres would not know still gets a digest (in the next zone of the order, else UTC).

let a: TSignedUpUser;
beforeAll(async () => {
  await startTestEnv();
  a = await signUpUser("zoneA");
});
afterAll(stopTestEnv);

const zoneOf = async (id: string) => (await ownerQuery<{ timeZone: string }>(`SELECT "timeZone" FROM "LinkedInAccount" WHERE id = $1`, [id]))[0]!.timeZone;

describe("account time zones", () => {
  it("are stored in Postgres' spelling, aliases kept", async () => {
    const berlin = await createLinkedInAccount(a.ctx, { label: "Lower case zone", ownerUserId: a.userId, timeZone: "europe/berlin" });
    expect(await zoneOf(berlin.id)).toBe("Europe/Berlin");
    const kolkata = await createLinkedInAccount(a.ctx, { label: "Alias zone", ownerUserId: a.userId, timeZone: "Asia/Kolkata" });
    expect(await zoneOf(kolkata.id)).toBe("Asia/Kolkata");
    expect((await rejectionOf(createLinkedInAccount(a.ctx, { label: "No zone", ownerUserId: a.userId, timeZone: "Mars/Olympus_Mons" })))?.message).toMatch(/time zone/i);
  });

  it("let the digest sweep find the owner at 08:00 in that zone; an unknown stored zone falls back to UTC instead of dropping them", async () => {
    const m = await addMember(a, "zoneMember", "MEMBER");
    await ownerQuery(`UPDATE "Membership" SET "createdAt" = now() - interval '30 days' WHERE "teamId" = $1 AND "userId" = $2`, [a.ctx.teamId, m.userId]);
    await createLinkedInAccount(a.ctx, { label: `Berlin ${m.userId}`, ownerUserId: m.userId, timeZone: "EUROPE/BERLIN" });
    const due = async (now: string) =>
      (await db().$queryRawUnsafe<Array<{ userId: string; dueAt: Date; period: string }>>(`SELECT * FROM crm_digests_due($1::timestamptz, $2, $3, 1000)`, now, a.ctx.teamId, ""))
        .filter((r) => r.userId === m.userId);
    // Monday 2027-01-04 08:00 in Berlin is 07:00 UTC.
    expect(await due("2027-01-04T06:59:00Z")).toMatchObject([{ period: "2026-W53" }]);
    expect(await due("2027-01-04T07:00:00Z")).toMatchObject([{ period: "2027-W01", dueAt: new Date("2027-01-04T07:00:00Z") }]);
    // A zone stored before accounts were checked against Postgres: the member is still found, in UTC.
    await ownerQuery(`UPDATE "LinkedInAccount" SET "timeZone" = 'Mars/Olympus_Mons' WHERE label = $1`, [`Berlin ${m.userId}`]);
    expect(await due("2027-01-04T08:00:00Z")).toMatchObject([{ period: "2027-W01", dueAt: new Date("2027-01-04T08:00:00Z") }]);
  });
});
