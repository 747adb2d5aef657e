import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { listInvitationCounts } from "../linkedin-invitations/account-counts";
import { listAccountInvitations } from "../linkedin-invitations/list-invitations";
import { buildQueue } from "../review/build-queue";
import { signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { addAccount } from "./import-helpers.test-util";
import { importArchive, invitationsOf, out } from "./invitations.test-util";

// REVIEWER probes (issue 17 review r3). Each test states the expected behaviour per 0013; a failure is a finding.

let a: TSignedUpUser;
beforeAll(async () => {
  await startTestEnv();
  a = await signUpUser("invReviewR3");
});
afterAll(stopTestEnv);

const ANN: [string, string, string] = ["ann-a", "Acme", "CEO"];

/** Marks the invitation withdrawn as the session would: item DONE+executed, live WITHDRAWN outcome, withdrawnAt. */
async function recordWithdrawn(accountId: string, invitationId: string, at: Date, itemId?: string) {
  const id = itemId ?? crypto.randomUUID();
  await withTeam(a.team.id, async (tx) => {
    if (itemId) {
      await tx.$executeRaw`UPDATE "ReviewItem" SET state = 'DONE', decision = 'REMOVE', "decidedById" = ${a.userId}, "decidedAt" = ${at}, "executedAt" = ${at} WHERE id = ${id}`;
    } else {
      await tx.$executeRaw`
        INSERT INTO "ReviewItem" (id, "teamId", "invitationId", "accountId", kind, state, decision, "decidedById", "decidedAt", "executedAt", "updatedAt")
        VALUES (${id}, ${a.team.id}, ${invitationId}, ${accountId}, 'WITHDRAW_INVITATION', 'DONE', 'REMOVE', ${a.userId}, ${at}, ${at}, ${at})`;
    }
    await tx.$executeRaw`
      INSERT INTO "WithdrawalOutcome" (id, "teamId", "accountId", "itemId", "invitationId", outcome, "localDate", counted, "liveFor", "recordedById", "createdAt")
      VALUES (${crypto.randomUUID()}, ${a.team.id}, ${accountId}, ${id}, ${invitationId}, 'WITHDRAWN', ${at.toISOString().slice(0, 10)}::date, true, ${id}, ${a.userId}, ${at})`;
    await tx.$executeRaw`UPDATE "PendingInvitation" SET "withdrawnAt" = ${at} WHERE id = ${invitationId}`;
  });
  return id;
}
const outcomes = (invitationId: string) =>
  withTeam(a.team.id, (tx) => tx.withdrawalOutcome.findMany({ where: { invitationId }, select: { verification: true, supersededAt: true, liveFor: true } }));
const item = (invitationId: string) => withTeam(a.team.id, (tx) => tx.reviewItem.findFirst({ where: { invitationId }, select: { id: true, state: true, executedAt: true, retryNote: true } }));

describe("review r3: invitation sequences", () => {
  it("F1: a re-invitation after a verified withdrawal is proposed again once it is stale", async () => {
    const acc = await addAccount(a.ctx);
    await importArchive(a.ctx, acc, [ANN], [out("Eve E", "eve-e", "1/1/26 9:00 AM")]);
    const eve = (await invitationsOf(a.ctx, acc))["OUTGOING li:eve-e"]!;
    await buildQueue(a.team.id, { accountId: acc });
    const it1 = await item(eve.id);
    expect(it1?.state).toBe("OPEN");
    await recordWithdrawn(acc, eve.id, new Date("2026-03-01T10:00:00Z"), it1!.id);
    await importArchive(a.ctx, acc, [ANN], []); // gone → verified withdrawn
    expect((await outcomes(eve.id))[0]!.verification).toBe("withdrawn");
    await importArchive(a.ctx, acc, [ANN], [out("Eve E", "eve-e", "4/1/26 9:00 AM")]); // re-invited in April
    expect((await invitationsOf(a.ctx, acc))["OUTGOING li:eve-e"]!.status).toBe("PENDING");
    await buildQueue(a.team.id, { accountId: acc }); // now = Dec 2026: the re-invite is 8 months old
    const counts = await listInvitationCounts(a.ctx);
    expect(counts.accounts.find((x) => x.accountId === acc)!.olderThanThreshold).toBe(1);
    expect((await item(eve.id))?.state).toBe("OPEN"); // FAILS if the DONE item blocks any new proposal
  });

  it("F2: a withdrawal the next export contradicts (still pending) no longer counts as withdrawn", async () => {
    const acc = await addAccount(a.ctx);
    await importArchive(a.ctx, acc, [ANN], [out("Eve E", "eve-e", "1/1/26 9:00 AM")]);
    const eve = (await invitationsOf(a.ctx, acc))["OUTGOING li:eve-e"]!;
    await recordWithdrawn(acc, eve.id, new Date(Date.now() - 2 * 86_400_000));
    await importArchive(a.ctx, acc, [ANN], [out("Eve E", "eve-e", "1/1/26 9:00 AM")]);
    expect((await item(eve.id))?.state).toBe("APPROVED");
    expect((await outcomes(eve.id))[0]!.supersededAt).not.toBeNull();
    const counts = (await listInvitationCounts(a.ctx)).accounts.find((x) => x.accountId === acc)!;
    const withdrawnView = await listAccountInvitations(a.ctx, acc, { view: "withdrawn" });
    expect({ openOutgoing: counts.openOutgoing, withdrawnThisWeek: counts.withdrawnThisWeek, withdrawnTab: withdrawnView.total, withdrawnAt: (await invitationsOf(a.ctx, acc))["OUTGOING li:eve-e"]!.withdrawnAt })
      .toEqual({ openOutgoing: 1, withdrawnThisWeek: 0, withdrawnTab: 0, withdrawnAt: null });
  });

  it("F3: an archive with URLs after one without them does not verify a withdrawal of a still-pending invitation", async () => {
    const acc = await addAccount(a.ctx);
    await importArchive(a.ctx, acc, [ANN], [out("Eve E", null, "1/1/26 9:00 AM")]); // pre-2024 layout: keyed by name
    const byName = (await invitationsOf(a.ctx, acc))["OUTGOING name:eve e"]!;
    await recordWithdrawn(acc, byName.id, new Date(Date.now() - 2 * 86_400_000));
    await importArchive(a.ctx, acc, [ANN], [out("Eve E", "eve-e", "1/1/26 9:00 AM")]); // same invitation, now with a URL
    const rows = await invitationsOf(a.ctx, acc);
    const summary = Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, r.status]));
    // Same person, same sentAt: one invitation, still pending, and the withdrawal must not be verified.
    expect({ summary, verification: (await outcomes(byName.id))[0]!.verification }).toEqual({ summary: { "OUTGOING li:eve-e": "PENDING" }, verification: null });
  });

  it("F4: the same person in both directions and in two accounts are separate rows; an accepted then removed person is not pending", async () => {
    const acc = await addAccount(a.ctx);
    const acc2 = await addAccount(a.ctx);
    const inc = (n: string, s: string, d: string) => `${n},Me Myself,${d},,INCOMING,https://www.linkedin.com/in/${s},https://www.linkedin.com/in/me-myself`;
    await importArchive(a.ctx, acc, [ANN], [out("Eve E", "eve-e", "1/1/26 9:00 AM"), inc("Eve E", "eve-e", "1/2/26 9:00 AM"), out("Ann A", "ann-a", "1/1/26 9:00 AM")]);
    await importArchive(a.ctx, acc2, [], [out("Eve E", "eve-e", "1/1/26 9:00 AM")]);
    expect(Object.keys(await invitationsOf(a.ctx, acc)).sort()).toEqual(["INCOMING li:eve-e", "OUTGOING li:ann-a", "OUTGOING li:eve-e"]);
    // Ann accepted, then the owner removed her; the old file still lists the accepted invitation.
    await importArchive(a.ctx, acc, [], [out("Ann A", "ann-a", "1/1/26 9:00 AM")]);
    expect((await invitationsOf(a.ctx, acc))["OUTGOING li:ann-a"]!.status).toBe("ACCEPTED");
  });
});
