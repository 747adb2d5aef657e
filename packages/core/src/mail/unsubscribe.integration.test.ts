import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMembers, removeMember } from "../teams/members";
import { addMember } from "../testing/add-member";
import { ownerQuery, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { DEFAULT_EMAIL_MODES, EMAIL_KINDS, getMailPreferences, updateMailPreferences } from "./preferences";
import { previewUnsubscribe, unsubscribe } from "./unsubscribe";
import { unsubscribeToken } from "./unsubscribe-token";

let a: TSignedUpUser;
let b: TSignedUpUser;

beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("unsubA"), signUpUser("unsubB")]);
});
afterAll(stopTestEnv);

/** Everything an unsubscribe could write in either team (owner role: no row-level security). */
const footprint = async () =>
  ownerQuery(
    `SELECT (SELECT count(*) FROM "NotificationPreference" WHERE "teamId" = ANY($1)) AS prefs,
            (SELECT coalesce(max("updatedAt"), 'epoch') FROM "NotificationPreference" WHERE "teamId" = ANY($1)) AS changed,
            (SELECT count(*) FROM "AuditLog" WHERE "teamId" = ANY($1) AND action LIKE 'mail.%') AS audits`,
    [[a.team.id, b.team.id]],
  );
const unsubAudits = async (teamId: string, userId: string) =>
  Number((await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM "AuditLog" WHERE "teamId" = $1 AND "targetId" = $2 AND action = 'mail.unsubscribed'`, [teamId, userId]))[0]!.n);

describe("unsubscribe links", () => {
  it("preview says what the link stops and writes nothing", async () => {
    const m = await addMember(a, "unsubPreview", "MEMBER");
    const before = await footprint();
    const preview = await previewUnsubscribe(unsubscribeToken({ teamId: a.team.id, userId: m.userId, topic: "mention" }));
    expect(preview).toEqual({ teamName: a.team.name, teamSlug: a.team.slug, topic: "mention", label: "emails about mentions", member: true, subscribed: true });
    expect(await previewUnsubscribe(unsubscribeToken({ teamId: a.team.id, userId: m.userId, topic: "job_change" }))).toMatchObject({ subscribed: false });
    expect(await footprint()).toEqual(before);
    expect(await previewUnsubscribe("not-a-token")).toBeNull();
  });

  it("turns the digest off once; the second click says 'already' and writes nothing more", async () => {
    const m = await addMember(a, "unsubDigest", "MEMBER");
    const token = unsubscribeToken({ teamId: a.team.id, userId: m.userId, topic: "digest" });
    expect(await unsubscribe(token)).toEqual({ ok: true, topic: "digest", label: "the weekly digest", teamName: a.team.name, teamSlug: a.team.slug, member: true, already: false });
    expect((await getMailPreferences(m.ctx)).digestEnabled).toBe(false);
    expect(await unsubscribe(token)).toMatchObject({ ok: true, already: true });
    expect(await unsubAudits(a.team.id, m.userId)).toBe(1);
    expect(await previewUnsubscribe(token)).toMatchObject({ subscribed: false });
    // Emails of other kinds keep coming.
    expect((await getMailPreferences(m.ctx)).emailModes).toEqual(DEFAULT_EMAIL_MODES);
  });

  it("concurrent one-click POSTs change each setting once and lose none", async () => {
    const m = await addMember(a, "unsubRace", "MEMBER");
    await updateMailPreferences(m.ctx, { emailModes: Object.fromEntries(EMAIL_KINDS.map((k) => [k, "instant"])) });
    // Mail providers retry: every kind's link, twice, all at once.
    const tokens = EMAIL_KINDS.flatMap((topic) => [topic, topic]).map((topic) => unsubscribeToken({ teamId: a.team.id, userId: m.userId, topic }));
    const results = await Promise.all(tokens.map((t) => unsubscribe(t)));
    expect(results.filter((r) => r.ok && !r.already)).toHaveLength(EMAIL_KINDS.length);
    expect(await unsubAudits(a.team.id, m.userId)).toBe(EMAIL_KINDS.length);
    expect((await getMailPreferences(m.ctx)).emailModes).toEqual(Object.fromEntries(EMAIL_KINDS.map((k) => [k, "off"])));
  });

  it("a kind's link turns off only that kind; the summary link turns off every daily kind", async () => {
    const m = await addMember(a, "unsubKinds", "MEMBER");
    await updateMailPreferences(m.ctx, { emailModes: { job_change: "daily", reminder_due: "daily", awaiting_decision: "instant" } });
    await unsubscribe(unsubscribeToken({ teamId: a.team.id, userId: m.userId, topic: "mention" }));
    expect((await getMailPreferences(m.ctx)).emailModes).toEqual({ ...DEFAULT_EMAIL_MODES, mention: "off", job_change: "daily", reminder_due: "daily", awaiting_decision: "instant" });
    const r = await unsubscribe(unsubscribeToken({ teamId: a.team.id, userId: m.userId, topic: "summary" }));
    expect(r).toMatchObject({ ok: true, already: false, label: "the daily summary" });
    const p = await getMailPreferences(m.ctx);
    expect(p.emailModes).toEqual({ ...DEFAULT_EMAIL_MODES, mention: "off", job_change: "off", reminder_due: "off", awaiting_decision: "instant" });
    expect(p.digestEnabled).toBe(true);
    expect(await unsubscribe(unsubscribeToken({ teamId: a.team.id, userId: m.userId, topic: "summary" }))).toMatchObject({ already: true });
  });

  it("a removed member's link answers but changes nothing", async () => {
    const m = await addMember(a, "unsubGone", "MEMBER");
    const token = unsubscribeToken({ teamId: a.team.id, userId: m.userId, topic: "digest" });
    const membershipId = (await listMembers(a.ctx)).find((x) => x.userId === m.userId)!.membershipId;
    await removeMember(a.ctx, { membershipId });
    const before = await footprint();
    expect(await previewUnsubscribe(token)).toMatchObject({ member: false, subscribed: false });
    expect(await unsubscribe(token)).toMatchObject({ ok: true, member: false, already: true });
    expect(await footprint()).toEqual(before);
  });

  it("refuses forged and unknown-team tokens", async () => {
    const good = unsubscribeToken({ teamId: a.team.id, userId: a.userId, topic: "digest" });
    const [, sig] = good.split(".");
    const forged = `${Buffer.from(JSON.stringify({ t: b.team.id, u: b.userId, k: "digest" })).toString("base64url")}.${sig}`;
    expect(await unsubscribe(forged)).toEqual({ ok: false, reason: "invalid" });
    expect(await unsubscribe(unsubscribeToken({ teamId: "team_that_is_gone", userId: a.userId, topic: "digest" }))).toEqual({ ok: false, reason: "gone" });
    expect(await previewUnsubscribe(unsubscribeToken({ teamId: "team_that_is_gone", userId: a.userId, topic: "digest" }))).toBeNull();
    expect((await getMailPreferences(b.ctx)).digestEnabled).toBe(true);
  });

  it("cross-tenant: a token for team A naming team B's owner cannot change team B", async () => {
    const before = await footprint();
    const token = unsubscribeToken({ teamId: a.team.id, userId: b.userId, topic: "digest" });
    expect(await previewUnsubscribe(token)).toMatchObject({ teamName: a.team.name, member: false, subscribed: false });
    expect(await unsubscribe(token)).toMatchObject({ ok: true, member: false, already: true });
    expect(await footprint()).toEqual(before);
    expect((await getMailPreferences(b.ctx)).digestEnabled).toBe(true);
    // B's own token still works on B only.
    await unsubscribe(unsubscribeToken({ teamId: b.team.id, userId: b.userId, topic: "digest" }));
    expect((await getMailPreferences(b.ctx)).digestEnabled).toBe(false);
    expect((await getMailPreferences(a.ctx)).digestEnabled).toBe(true);
  });
});
