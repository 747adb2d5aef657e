import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeamRaw } from "@crm/db";
import { composeTeamDigests } from "../digest/compose-team";
import { addAccount } from "../imports/import-helpers.test-util";
import { signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { listInvitationCounts } from "./account-counts";
import { getInvitationSummary } from "./get-summary";
import { seedInvitations, seedWithdrawals } from "./invitations.test-util";
import { listAccountInvitations } from "./list-invitations";

// "Withdrawn this week" is one number on Today, the invitations page and the digest
// (withdrawn-count.ts): distinct invitations with a WITHDRAWN outcome of the last 7 days that was
// neither undone nor superseded by an archive. And the Incoming tab's counts add up to its list.

let a: TSignedUpUser;
beforeAll(async () => {
  await startTestEnv();
  a = await signUpUser("invWithdrawnCount");
});
afterAll(stopTestEnv);

describe("withdrawn this week", () => {
  it("Today, the invitations page and the digest count the same invitations", async () => {
    const now = new Date();
    const acc = await addAccount(a.ctx);
    const [done, twice, superseded, undone, old] = await seedInvitations(a.ctx, acc, [
      { name: "Done Dora", daysAgo: 100, status: "GONE", withdrawnDaysAgo: 2 },
      { name: "Twice Tom", daysAgo: 100, status: "GONE", withdrawnDaysAgo: 1 },
      // An archive showed it still pending: the withdrawal did not happen (withdrawnAt as the import leaves it).
      { name: "Still Sam", daysAgo: 100, withdrawnDaysAgo: 3 },
      { name: "Undone Uma", daysAgo: 100, withdrawnDaysAgo: 1 },
      { name: "Old Otto", daysAgo: 100, status: "GONE", withdrawnDaysAgo: 9 },
    ], now);
    await seedWithdrawals(a.ctx, acc, [
      { invitationId: done!, daysAgo: 2, live: true },
      { invitationId: twice!, daysAgo: 4 },
      { invitationId: twice!, daysAgo: 1, live: true },
      { invitationId: superseded!, daysAgo: 3, superseded: true },
      { invitationId: undone!, daysAgo: 1, undone: true },
      { invitationId: old!, daysAgo: 9, live: true },
    ], now);

    const today = (await listInvitationCounts(a.ctx, now)).accounts.find((x) => x.accountId === acc)!;
    const page = await getInvitationSummary(a.ctx, acc, now);
    const models = await withTeamRaw(a.team.id, (tx) => composeTeamDigests(tx, a.team.id, [{ userId: a.userId, period: "2026-W49", dueAt: now }], now));
    const digest = [...models.values()][0]?.invitations?.accounts.find((x) => x.href.includes(acc));
    expect({ today: today.withdrawnThisWeek, page: page.withdrawnLast7Days, digest: digest?.withdrawn }).toEqual({ today: 2, page: 2, digest: 2 });
  });
});

describe("the Incoming tab's counts", () => {
  it("open + recently answered = the incoming list's total", async () => {
    const acc = await addAccount(a.ctx);
    await seedInvitations(a.ctx, acc, [
      { name: "Open Olive", direction: "INCOMING", daysAgo: 3 },
      { name: "Answered Open Ann", direction: "INCOMING", daysAgo: 5, response: "accepted" },
      { name: "Verified Vic", direction: "INCOMING", daysAgo: 20, status: "ACCEPTED", statusChangedDaysAgo: 2, response: "accepted" },
      { name: "Ignored Ivy", direction: "INCOMING", daysAgo: 20, status: "GONE", statusChangedDaysAgo: 4, response: "ignored" },
      { name: "Long Ago Lou", direction: "INCOMING", daysAgo: 90, status: "ACCEPTED", statusChangedDaysAgo: 40, response: "accepted" },
      { name: "Unanswered Gone Gil", direction: "INCOMING", daysAgo: 20, status: "GONE", statusChangedDaysAgo: 2 },
    ]);
    const list = await listAccountInvitations(a.ctx, acc, { direction: "incoming" });
    expect(list.summary).toMatchObject({ incomingOpen: 2, incomingRecentlyAnswered: 2, incomingWaiting: 1 });
    expect(list.total).toBe(list.summary.incomingOpen + list.summary.incomingRecentlyAnswered);
    expect(list.rows.filter((r) => r.status !== "pending").map((r) => r.name).sort()).toEqual(["Ignored Ivy", "Verified Vic"]);
  });
});
