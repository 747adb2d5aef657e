import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { createLinkedInAccount } from "../accounts/accounts";
import { addMember } from "../testing/add-member";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { DEFAULT_EMAIL_MODES, EMAIL_KINDS, getMailPreferences, loadMailPreferences, updateMailPreferences } from "./preferences";

let a: TSignedUpUser;
let b: TSignedUpUser;

beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("prefA"), signUpUser("prefB")]);
});
afterAll(stopTestEnv);

const auditCount = async (teamId: string, action: string) =>
  Number((await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM "AuditLog" WHERE "teamId" = $1 AND action = $2`, [teamId, action]))[0]!.n);

describe("mail preferences", () => {
  it("start at the defaults, in UTC, then follow the member's first account's zone", async () => {
    const m = await addMember(a, "prefZone", "MEMBER");
    expect(await getMailPreferences(m.ctx)).toEqual({
      timeZone: null,
      effectiveTimeZone: "UTC",
      digestWeekday: 1,
      digestHour: 8,
      digestEnabled: true,
      quietWeekNote: false,
      emailModes: DEFAULT_EMAIL_MODES,
    });
    await createLinkedInAccount(a.ctx, { label: `Tokyo ${m.userId}`, ownerUserId: m.userId, timeZone: "Asia/Tokyo" });
    await createLinkedInAccount(a.ctx, { label: `Lima ${m.userId}`, ownerUserId: m.userId, timeZone: "America/Lima" });
    expect((await getMailPreferences(m.ctx)).effectiveTimeZone).toBe("Asia/Tokyo");
    const set = await updateMailPreferences(m.ctx, { timeZone: "Europe/Berlin" });
    expect(set).toMatchObject({ timeZone: "Europe/Berlin", effectiveTimeZone: "Europe/Berlin" });
    const cleared = await updateMailPreferences(m.ctx, { timeZone: null });
    expect(cleared).toMatchObject({ timeZone: null, effectiveTimeZone: "Asia/Tokyo" });
  });

  it("saves only the fields sent, merges email modes per kind and writes an audit row", async () => {
    const m = await addMember(a, "prefMerge", "MEMBER");
    const before = await auditCount(a.team.id, "mail.preferences");
    await updateMailPreferences(m.ctx, { digestWeekday: 5, digestHour: 17, emailModes: { job_change: "daily" } });
    const p = await updateMailPreferences(m.ctx, { quietWeekNote: true, emailModes: { mention: "off" } });
    expect(p).toMatchObject({ digestWeekday: 5, digestHour: 17, quietWeekNote: true, digestEnabled: true });
    expect(p.emailModes).toEqual({ ...DEFAULT_EMAIL_MODES, job_change: "daily", mention: "off" });
    expect(await getMailPreferences(m.ctx)).toEqual(p);
    expect(await auditCount(a.team.id, "mail.preferences")).toBe(before + 2);
    // Only chosen kinds are stored, so a later change of a default reaches this member.
    const [row] = await ownerQuery<{ emailModes: unknown }>(`SELECT "emailModes" FROM "NotificationPreference" WHERE "teamId" = $1 AND "userId" = $2`, [a.team.id, m.userId]);
    expect(row!.emailModes).toEqual({ job_change: "daily", mention: "off" });
  });

  it("applies concurrent saves one after the other: no kind is lost", async () => {
    const m = await addMember(a, "prefRace", "MEMBER");
    // The row exists first: the race is then on the update, not on the insert's unique index.
    await updateMailPreferences(m.ctx, { digestHour: 7 });
    // Every kind changed at once, by separate saves, a few rounds (the pool has room for all five).
    for (const mode of ["daily", "instant", "daily"] as const) {
      await Promise.all(EMAIL_KINDS.map((kind) => updateMailPreferences(m.ctx, { emailModes: { [kind]: mode } })));
      expect((await getMailPreferences(m.ctx)).emailModes, mode).toEqual(Object.fromEntries(EMAIL_KINDS.map((k) => [k, mode])));
    }
    expect((await getMailPreferences(m.ctx)).digestHour).toBe(7);
  });

  it("refuses invalid input without writing anything", async () => {
    const m = await addMember(a, "prefBad", "MEMBER");
    const e = await rejectionOf(updateMailPreferences(m.ctx, { digestHour: 99 }));
    expect(e.code).toBe("VALIDATION");
    const rows = await ownerQuery(`SELECT 1 FROM "NotificationPreference" WHERE "teamId" = $1 AND "userId" = $2`, [a.team.id, m.userId]);
    expect(rows).toHaveLength(0);
  });

  it("loads many members in one call, with defaults for those without a row", async () => {
    const [m1, m2] = await Promise.all([addMember(a, "prefMany1", "MEMBER"), addMember(a, "prefMany2", "ADMIN")]);
    await updateMailPreferences(m1.ctx, { digestEnabled: false, emailModes: { reminder_due: "daily" } });
    const map = await withTeam(a.team.id, (tx) => loadMailPreferences(tx, a.team.id, [m1.userId, m2.userId, m1.userId]));
    expect(map.size).toBe(2);
    expect(map.get(m1.userId)).toMatchObject({ digestEnabled: false, emailModes: { ...DEFAULT_EMAIL_MODES, reminder_due: "daily" } });
    expect(map.get(m2.userId)).toMatchObject({ digestEnabled: true, emailModes: DEFAULT_EMAIL_MODES });
    expect((await withTeam(a.team.id, (tx) => loadMailPreferences(tx, a.team.id, []))).size).toBe(0);
  });

  it("cross-tenant: team B's transaction never sees team A's preferences or account zones", async () => {
    await createLinkedInAccount(a.ctx, { label: `Sydney ${a.userId}`, ownerUserId: a.userId, timeZone: "Australia/Sydney" });
    await updateMailPreferences(a.ctx, { digestEnabled: false, emailModes: { job_change: "instant" } });
    const seenFromA = await withTeam(a.team.id, (tx) => loadMailPreferences(tx, a.team.id, [a.userId]));
    expect(seenFromA.get(a.userId)).toMatchObject({ digestEnabled: false, effectiveTimeZone: "Australia/Sydney" });
    // Asking for team A's member (and naming team A) from inside team B: row-level security hides both.
    const seenFromB = await withTeam(b.team.id, (tx) => loadMailPreferences(tx, a.team.id, [a.userId]));
    expect(seenFromB.get(a.userId)).toMatchObject({ digestEnabled: true, effectiveTimeZone: "UTC", emailModes: DEFAULT_EMAIL_MODES });
    // And B's own settings are untouched by A's save.
    expect(await getMailPreferences(b.ctx)).toMatchObject({ digestEnabled: true, emailModes: DEFAULT_EMAIL_MODES });
  });
});
