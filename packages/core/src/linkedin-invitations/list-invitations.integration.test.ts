import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTeam } from "@crm/db";
import { addAccount } from "../imports/import-helpers.test-util";
import { addMember } from "../testing/add-member";
import { ownerQuery, rejectionOf, signUpUser, startTestEnv, stopTestEnv, type TSignedUpUser } from "../testing/setup";
import { listInvitationCounts } from "./account-counts";
import { listAccountInvitations } from "./list-invitations";
import { recordInvitationResponse } from "./record-response";
import { seedInvitations, seedWithdrawals } from "./invitations.test-util";

let a: TSignedUpUser;
let b: TSignedUpUser;
beforeAll(async () => {
  await startTestEnv();
  [a, b] = await Promise.all([signUpUser("invPageA"), signUpUser("invPageB")]);
});
afterAll(stopTestEnv);

const names = (l: { rows: Array<{ name: string }> }) => l.rows.map((r) => r.name);

describe("listAccountInvitations: outgoing", () => {
  it("lists open outgoing invitations oldest first with the summary the banner shows", async () => {
    const acc = await addAccount(a.ctx);
    await seedInvitations(a.ctx, acc, [
      { name: "Old Olga", daysAgo: 90 },
      { name: "Mid Max", daysAgo: 30, message: "Hi Max" },
      { name: "New Nina", daysAgo: 2 },
      { name: "Gone Gus", daysAgo: 120, status: "GONE" },
      { name: "In Ida", direction: "INCOMING", daysAgo: 5 },
      { name: "Undated Una", daysAgo: null },
    ]);
    const l = await listAccountInvitations(a.ctx, acc);
    expect(names(l)).toEqual(["Old Olga", "Mid Max", "New Nina", "Undated Una"]);
    expect(l.rows[0]).toMatchObject({ ageDays: 90, hasMessage: false, messageExcerpt: null, status: "pending", linkedInKind: "search", withdrawItem: null, fit: null });
    expect(l.rows[0]!.linkedInUrl).toContain("linkedin.com/search/results/people/?keywords=Old%20Olga");
    expect(l.summary).toMatchObject({ openOutgoing: 4, guideline: 200, overGuideline: 0, withdrawAfterDays: 60, olderThanThreshold: 1, withoutMessage: 3, incomingWaiting: 1, withdrawnLast7Days: 0 });
    expect(l).toMatchObject({ total: 4, page: 1, pages: 1, nextCursor: null, sort: "age", dir: "desc" });
  });

  it("filters by age and message, sorts by name both ways, and reads the team's withdrawAfterDays", async () => {
    const acc = await addAccount(a.ctx);
    await seedInvitations(a.ctx, acc, [
      { name: "bea", daysAgo: 40, message: "Hello" },
      { name: "Anna", daysAgo: 20 },
      { name: "Carl", daysAgo: 50 },
    ]);
    expect(names(await listAccountInvitations(a.ctx, acc, { olderThanDays: 30 }))).toEqual(["Carl", "bea"]);
    expect(names(await listAccountInvitations(a.ctx, acc, { message: "without" }))).toEqual(["Carl", "Anna"]);
    expect(names(await listAccountInvitations(a.ctx, acc, { message: "with" }))).toEqual(["bea"]);
    expect(names(await listAccountInvitations(a.ctx, acc, { sort: "name" }))).toEqual(["Anna", "bea", "Carl"]);
    expect(names(await listAccountInvitations(a.ctx, acc, { sort: "name", dir: "desc" }))).toEqual(["Carl", "bea", "Anna"]);
    expect(names(await listAccountInvitations(a.ctx, acc, { sort: "age", dir: "asc" }))).toEqual(["Anna", "bea", "Carl"]);
    await ownerQuery(`INSERT INTO "QueueSettings" ("teamId", rules, "updatedAt") VALUES ($1, $2, now()) ON CONFLICT ("teamId") DO UPDATE SET rules = $2`, [a.team.id, JSON.stringify({ withdrawAfterDays: 30 })]);
    try {
      expect((await listAccountInvitations(a.ctx, acc)).summary).toMatchObject({ withdrawAfterDays: 30, olderThanThreshold: 2 });
    } finally {
      await ownerQuery(`DELETE FROM "QueueSettings" WHERE "teamId" = $1`, [a.team.id]);
    }
  });

  it("pages by page number and by cursor, and counts invitations over the 200 guideline", async () => {
    const acc = await addAccount(a.ctx);
    await seedInvitations(a.ctx, acc, Array.from({ length: 212 }, (_, i) => ({ name: `P${String(i).padStart(3, "0")}`, daysAgo: 300 - i })));
    const first = await listAccountInvitations(a.ctx, acc, { limit: 100 });
    expect([first.total, first.pages, first.rows.length, first.rows[0]?.name]).toEqual([212, 3, 100, "P000"]);
    expect(first.summary).toMatchObject({ openOutgoing: 212, overGuideline: 12 });
    const second = await listAccountInvitations(a.ctx, acc, { limit: 100, cursor: first.nextCursor! });
    expect([second.page, second.rows[0]?.name]).toEqual([2, "P100"]);
    const third = await listAccountInvitations(a.ctx, acc, { limit: 100, page: 3 });
    expect([third.rows.length, third.nextCursor, third.rows.at(-1)?.name]).toEqual([12, null, "P211"]);
  });

  it("joins each row's withdraw review item", async () => {
    const acc = await addAccount(a.ctx);
    const [inv] = await seedInvitations(a.ctx, acc, [{ name: "Queued Quinn", daysAgo: 100 }]);
    const [item] = await ownerQuery<{ id: string }>(
      `INSERT INTO "ReviewItem" (id, "teamId", "invitationId", "accountId", kind, state, decision, rules, "updatedAt")
       VALUES (gen_random_uuid()::text, $1, $2, $3, 'WITHDRAW_INVITATION', 'APPROVED', 'REMOVE', '{stale_invitation}', now()) RETURNING id`,
      [a.team.id, inv, acc],
    );
    const l = await listAccountInvitations(a.ctx, acc);
    expect(l.rows[0]?.withdrawItem).toEqual({ itemId: item!.id, state: "approved", decision: "remove" });
  });

  it("lists recent withdrawals with their re-invite date and flags re-invited-early rows", async () => {
    const acc = await addAccount(a.ctx);
    const now = new Date();
    const [rita, eli, lou, lia] = await seedInvitations(a.ctx, acc, [
      { name: "Recent Rita", daysAgo: 80, status: "GONE", withdrawnDaysAgo: 3 },
      { name: "Early Eli", daysAgo: 5, status: "PENDING", withdrawnDaysAgo: 15 },
      { name: "Long Lou", daysAgo: 200, status: "GONE", withdrawnDaysAgo: 40 },
      { name: "Late Lia", daysAgo: 2, status: "PENDING", withdrawnDaysAgo: 30 },
    ], now);
    // withdrawnLast7Days counts recorded outcomes (withdrawn-count.ts), the list reads withdrawnAt.
    await seedWithdrawals(a.ctx, acc, [
      { invitationId: rita!, daysAgo: 3, live: true },
      { invitationId: eli!, daysAgo: 15 },
      { invitationId: lou!, daysAgo: 40 },
      { invitationId: lia!, daysAgo: 30 },
    ], now);
    const w = await listAccountInvitations(a.ctx, acc, { view: "withdrawn" }, now);
    expect(names(w)).toEqual(["Recent Rita", "Early Eli"]);
    expect(w.rows[0]!.reinviteAfter!.getTime()).toBe(w.rows[0]!.withdrawnAt!.getTime() + 21 * 86_400_000);
    expect(w.rows.map((r) => r.reinvitedEarly)).toEqual([false, true]);
    expect(w.summary).toMatchObject({ withdrawnLast7Days: 1, withdrawnRecent: 2, reinvitedEarly: 1, openOutgoing: 2 });
    const open = await listAccountInvitations(a.ctx, acc, {}, now);
    expect(open.rows.find((r) => r.name === "Early Eli")?.reinvitedEarly).toBe(true);
  });

  it("refuses bad input with a message naming the field", async () => {
    const acc = await addAccount(a.ctx);
    for (const [input, field] of [
      [{ olderThanDays: 4000 }, "olderThanDays"],
      [{ olderThanDays: -1 }, "olderThanDays"],
      [{ limit: 201 }, "limit"],
      [{ direction: "sideways" }, "direction"],
      [{ fit: "strong" }, "fit"],
      [{ sort: "fit" }, "sort"],
      [{ cursor: "nonsense" }, "cursor"],
      [{ page: 2, cursor: "bzUw" }, "cursor"],
      [{ view: "withdrawn", direction: "incoming" }, "view"],
    ] as const) {
      const e = (await rejectionOf(listAccountInvitations(a.ctx, acc, input as never))) as { code?: string; message: string; details?: { field?: string } };
      expect(e.code, JSON.stringify(input)).toBe("VALIDATION");
      expect(e.details?.field, JSON.stringify(input)).toBe(field);
    }
  });

  it("another team's account is not found, and row-level security hides its rows even without the team condition", async () => {
    const acc = await addAccount(a.ctx);
    await seedInvitations(a.ctx, acc, [{ name: "Secret Sam", daysAgo: 10 }]);
    expect((await rejectionOf(listAccountInvitations(b.ctx, acc))).code).toBe("NOT_FOUND");
    const seen = await withTeam(b.ctx.teamId, (tx) => tx.pendingInvitation.count({ where: { accountId: acc } }));
    expect(seen).toBe(0);
    expect((await listInvitationCounts(b.ctx)).accounts.find((x) => x.accountId === acc)).toBeUndefined();
  });
});

describe("listAccountInvitations: incoming, scored against the ICPs", () => {
  it("orders by fit with reasons, uses a teammate's connection and the message, says when nothing matched", async () => {
    const t = await signUpUser("invFit");
    const acc = await addAccount(t.ctx);
    const other = await addAccount(t.ctx, "Other account");
    await withTeam(t.ctx.teamId, async (tx) => {
      await tx.icp.create({ data: { teamId: t.ctx.teamId, name: "Sales leaders", definition: { titleKeywords: { values: ["VP Sales"], weight: "important" }, companies: { values: ["Acme"], weight: "important" } } } });
      await tx.connection.create({ data: { teamId: t.ctx.teamId, accountId: other, identityKey: "li:vera-v", nameKey: "vera|v", firstName: "Vera", lastName: "V", position: "VP Sales", company: "Acme" } });
    });
    await seedInvitations(t.ctx, acc, [
      { direction: "INCOMING", name: "Nobody N", daysAgo: 1 },
      { direction: "INCOMING", name: "Mia M", daysAgo: 3, message: "Hi! I am VP Sales at a startup and would love to connect." },
      { direction: "INCOMING", name: "Vera V", daysAgo: 9, identityKey: "li:vera-v", profileUrl: "https://www.linkedin.com/in/vera-v" },
    ]);
    const l = await listAccountInvitations(t.ctx, acc, { direction: "incoming" });
    expect(names(l)).toEqual(["Vera V", "Mia M", "Nobody N"]);
    const [vera, mia, nobody] = l.rows;
    expect(vera!.fit).toMatchObject({ band: "strong", score: 100, icpName: "Sales leaders", basis: "connection", knownAs: { position: "VP Sales", company: "Acme", accountLabel: "Other account" } });
    expect(vera!.fit!.reasons.join(" | ")).toMatch(/VP Sales.*Other account’s connection/);
    expect(vera!.linkedInUrl).toBe("https://www.linkedin.com/in/vera-v");
    expect(mia!.fit).toMatchObject({ band: "partial", score: 50, basis: "message" });
    expect(mia!.fit!.reasons[0]).toMatch(/from their message/);
    expect(mia!.messageExcerpt).toContain("VP Sales at a startup");
    expect(nobody!.fit).toMatchObject({ band: "none", score: 0, reasons: [], basis: "nothing" });
    expect(names(await listAccountInvitations(t.ctx, acc, { direction: "incoming", fit: "partial" }))).toEqual(["Mia M"]);
    expect(names(await listAccountInvitations(t.ctx, acc, { direction: "incoming", sort: "age" }))).toEqual(["Vera V", "Mia M", "Nobody N"]);
    expect(names(await listAccountInvitations(t.ctx, acc, { direction: "incoming", sort: "name" }))).toEqual(["Mia M", "Nobody N", "Vera V"]);
  });
});

describe("recordInvitationResponse", () => {
  it("records the owner's answer with an audit row; an export's ACCEPTED shows it as verified", async () => {
    const acc = await addAccount(a.ctx);
    const [inv, out, done] = await seedInvitations(a.ctx, acc, [
      { direction: "INCOMING", name: "Ivy I", daysAgo: 4 },
      { direction: "OUTGOING", name: "Otto O", daysAgo: 4 },
      { direction: "INCOMING", name: "Ace A", daysAgo: 8, status: "ACCEPTED", statusChangedDaysAgo: 1, response: "accepted" },
    ]);
    expect(await recordInvitationResponse(a.ctx, inv!, { response: "accepted" })).toMatchObject({ id: inv, response: "accepted" });
    const l = await listAccountInvitations(a.ctx, acc, { direction: "incoming" });
    expect(l.rows.find((r) => r.id === inv)?.response).toMatchObject({ value: "accepted", state: "waiting", verifiedOn: null });
    expect(l.rows.find((r) => r.id === done)?.response).toMatchObject({ value: "accepted", state: "verified" });
    expect(l.summary.incomingWaiting).toBe(0);
    const audit = await withTeam(a.ctx.teamId, (tx) => tx.auditLog.findFirst({ where: { teamId: a.ctx.teamId, targetId: inv!, action: "invitation.response" } }));
    expect(audit).toMatchObject({ actorUserId: a.userId, metadata: { response: "accepted", previous: null } });
    expect(await recordInvitationResponse(a.ctx, inv!, { response: null })).toMatchObject({ response: null, respondedAt: null });
    expect((await rejectionOf(recordInvitationResponse(a.ctx, out!, { response: "accepted" }))).code).toBe("VALIDATION");
    expect((await rejectionOf(recordInvitationResponse(a.ctx, done!, { response: "ignored" }))).code).toBe("CONFLICT");
    expect((await rejectionOf(recordInvitationResponse(a.ctx, inv!, { response: "maybe" as never }))).code).toBe("VALIDATION");
  });

  it("is the account owner's only (403 for a teammate) and another team's invitation is not found", async () => {
    const acc = await addAccount(a.ctx);
    const [inv] = await seedInvitations(a.ctx, acc, [{ direction: "INCOMING", name: "Kim K", daysAgo: 4 }]);
    const m = await addMember(a, "invResponder", "ADMIN");
    expect((await rejectionOf(recordInvitationResponse(m.ctx, inv!, { response: "ignored" }))).code).toBe("FORBIDDEN");
    expect((await rejectionOf(recordInvitationResponse(b.ctx, inv!, { response: "ignored" }))).code).toBe("NOT_FOUND");
    const row = await withTeam(a.ctx.teamId, (tx) => tx.pendingInvitation.findFirst({ where: { id: inv! } }));
    expect(row?.response).toBeNull();
  });
});

describe("listInvitationCounts (Today)", () => {
  it("counts every account with invitations in one query", async () => {
    const t = await signUpUser("invToday");
    const acc = await addAccount(t.ctx, "Main");
    await addAccount(t.ctx, "Empty");
    const [, , , d] = await seedInvitations(t.ctx, acc, [
      { name: "A", daysAgo: 100 },
      { name: "B", daysAgo: 10 },
      { name: "C", direction: "INCOMING", daysAgo: 1 },
      { name: "D", status: "GONE", withdrawnDaysAgo: 2 },
    ]);
    await seedWithdrawals(t.ctx, acc, [{ invitationId: d!, daysAgo: 2, live: true }]);
    const c = await listInvitationCounts(t.ctx);
    expect(c).toEqual({ withdrawAfterDays: 60, accounts: [{ accountId: acc, label: "Main", ownerUserId: t.userId, openOutgoing: 2, olderThanThreshold: 1, incomingWaiting: 1, withdrawnThisWeek: 1 }] });
  });
});
