import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeamRaw } from "@crm/db";
import { digestText, renderDigestHtml } from "@crm/email";
import { seedInvitations } from "../linkedin-invitations/invitations.test-util";
import { ownerQuery, startTestEnv, stopTestEnv } from "../testing/setup";
import { composeTeamDigests } from "./compose-team";
import { makeDigestWorld, type TDigestWorld } from "./digest.test-util";

// The digest's invitations line (issue 17): per account the member owns, invitations waiting
// (open outgoing past the team's withdrawAfterDays + received without an answer) and the
// withdrawals done this week, without adding a statement to the composition.

let w: TDigestWorld;
const dueAt = new Date(Date.now() + 3_600_000);

beforeAll(async () => {
  await startTestEnv();
  w = await makeDigestWorld("DigestInv", dueAt);
}, 120_000);
afterAll(stopTestEnv);

describe("the weekly digest's invitations", () => {
  it("counts the owner's invitations waiting and withdrawals this week, in both parts", async () => {
    const teamId = w.owner.team.id;
    const a = w.accounts.a.id;
    const [, , , withdrawnId] = await seedInvitations(w.owner.ctx, a, [
      { name: "Old One", daysAgo: 90 },
      { name: "Young One", daysAgo: 20 },
      { name: "Asker", direction: "INCOMING", daysAgo: 2 },
      { name: "Withdrawn One", daysAgo: 100, status: "GONE", withdrawnDaysAgo: 1 },
      { name: "Answered", direction: "INCOMING", daysAgo: 2, response: "ignored" },
    ]);
    await ownerQuery(
      `WITH i AS (INSERT INTO "ReviewItem" (id, "teamId", "invitationId", "accountId", kind, state, decision, rules, "updatedAt", "executedAt")
                  VALUES (gen_random_uuid()::text, $1, $2, $3, 'WITHDRAW_INVITATION', 'APPROVED', 'REMOVE', '{stale_invitation}', now(), now()) RETURNING id)
       INSERT INTO "WithdrawalOutcome" (id, "teamId", "accountId", "itemId", "invitationId", outcome, "localDate", counted, "createdAt")
       SELECT gen_random_uuid()::text, $1, $3, i.id, $2, 'WITHDRAWN', current_date, true, now() - interval '1 day' FROM i`,
      [teamId, withdrawnId, a],
    );
    const models = await withTeamRaw(teamId, (tx) => composeTeamDigests(tx, teamId, [w.owner.userId, w.teammate.userId].map((userId) => ({ userId, period: "2026-W49", dueAt })), dueAt));
    const mine = models.get(w.owner.userId)! as unknown as { invitations?: { accounts: unknown[] } };
    expect(mine.invitations?.accounts).toEqual([
      { accountLabel: w.accounts.a.label, olderOutgoing: 1, withdrawAfterDays: 60, incomingWaiting: 1, withdrawn: 1, href: expect.stringMatching(new RegExp(`/accounts/${a}/invitations$`)) },
    ]);
    // The teammate owns account b, which has no invitations.
    expect((models.get(w.teammate.userId) as unknown as { invitations?: unknown }).invitations).toBeUndefined();
    const text = digestText(models.get(w.owner.userId)!);
    expect(text).toContain("INVITATIONS");
    expect(text).toContain(`- ${w.accounts.a.label}: 2 invitations waiting (1 sent more than 60 days ago, 1 received), 1 withdrawn this week`);
    const html = await renderDigestHtml(models.get(w.owner.userId)!);
    expect(html).toContain("Invitations</h2>");
    expect(html).toContain("2 invitations waiting (1 sent more than 60 days ago, 1 received), 1 withdrawn this week");
  });

  it("reads the team's withdrawAfterDays rule", async () => {
    const teamId = w.owner.team.id;
    await ownerQuery(`INSERT INTO "QueueSettings" ("teamId", rules, "updatedAt") VALUES ($1, $2, now()) ON CONFLICT ("teamId") DO UPDATE SET rules = $2`, [teamId, JSON.stringify({ withdrawAfterDays: 14 })]);
    const models = await withTeamRaw(teamId, (tx) => composeTeamDigests(tx, teamId, [{ userId: w.owner.userId, period: "2026-W49", dueAt }], dueAt));
    const acc = (models.get(w.owner.userId) as unknown as { invitations: { accounts: Array<{ olderOutgoing: number; withdrawAfterDays: number }> } }).invitations.accounts[0];
    expect(acc).toMatchObject({ olderOutgoing: 2, withdrawAfterDays: 14 });
  });
});
