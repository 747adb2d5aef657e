import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, findTeamBySlug, withTeam } from "@crm/db";
import { getRemovalSession } from "../removals/session-view";
import { resolveTeamContext } from "../teams/membership";
import { getWithdrawalSession } from "../withdrawals/session";
import { startTestEnv, stopTestEnv, type TSmtpInbox } from "../testing/setup";
import { DEMO_LOGIN, DEMO_TEAM_NAME, seedDemo } from "./seed-demo";
import { DEMO_TEAMMATE } from "./seed-queue";
import { DEMO_CADENCE_TAG } from "./seed-reminders";
import { DEMO_WITHDRAW_PLAN } from "./seed-withdrawals";

// `npm start` seeds this for every newcomer: it must work, stay idempotent, and show each part of
// the product with data (history, scores, tags, notes, a shared view, interactions for insights,
// a review queue, a removal session in progress, reminders, notifications and a weekly digest).

let inbox: TSmtpInbox;
beforeAll(async () => {
  inbox = await startTestEnv();
});
afterAll(stopTestEnv);

describe("seedDemo", () => {
  it("builds a demo team with a working network, once", async () => {
    const first = await seedDemo();
    const team = await findTeamBySlug(first.teamSlug);
    const teamId = team!.id;
    const queueFigures = () => withTeam(teamId, async (tx) => ({
      items: await tx.reviewItem.count(),
      votes: await tx.reviewVote.count(),
      comments: await tx.reviewComment.count(),
      changes: await tx.reviewChange.count(),
      notifications: await tx.notification.count(),
      members: await tx.membership.count(),
      versions: (await tx.reviewItem.aggregate({ _sum: { version: true } }))._sum.version,
      outcomes: await tx.removalOutcome.count(),
      used: (await tx.removalDay.aggregate({ _sum: { used: true } }))._sum.used,
      removalAudits: await tx.auditLog.count({ where: { action: { startsWith: "removal." } } }),
      reminders: await tx.reminder.count(),
      digestRuns: await tx.digestRun.count(),
      withdrawalOutcomes: await tx.withdrawalOutcome.count(),
      withdrawUsed: (await tx.removalDay.aggregate({ _sum: { withdrawUsed: true } }))._sum.withdrawUsed,
      withdrawnAt: await tx.pendingInvitation.count({ where: { withdrawnAt: { not: null } } }),
    }));
    const before = await queueFigures();
    const again = await seedDemo();
    expect(again).toMatchObject({ created: false, teamSlug: first.teamSlug });
    // A second run adds nothing to the queue or the removal session and changes no item.
    expect(await queueFigures()).toEqual(before);
    const figures = await withTeam(teamId, async (tx) => ({
      imports: await tx.import.count({ where: { status: "COMPLETED" } }),
      connected: await tx.connection.count({ where: { status: "CONNECTED" } }),
      // Still in the network until the next export verifies the removal session's "Removed".
      pendingRemoval: await tx.connection.count({ where: { status: "REMOVAL_PENDING" } }),
      messaged: await tx.connection.count({ where: { lastInteractionAt: { not: null } } }),
      years: (await tx.$queryRaw<Array<{ n: number }>>`SELECT count(DISTINCT extract(year FROM "connectedOn"))::int AS n FROM "Connection"`)[0]!.n,
      scored: await tx.icpScore.count(),
      tags: await tx.tag.findMany({ select: { name: true, _count: { select: { connections: true } } }, orderBy: { name: "asc" } }),
      notes: await tx.note.count(),
      sharedViews: await tx.savedView.count({ where: { shared: true } }),
      jobChanged: await tx.connection.count({ where: { jobChangedAt: { not: null } } }),
      hidden: (await tx.import.aggregate({ _sum: { hiddenCount: true } }))._sum.hiddenCount,
      pendingInvitations: await tx.pendingInvitation.count({ where: { status: "PENDING" } }),
      acceptedInvitations: await tx.pendingInvitation.count({ where: { status: "ACCEPTED" } }),
    }));
    expect(figures.imports).toBe(2);
    expect(figures.connected).toBeGreaterThan(1_100);
    expect(figures.messaged).toBeGreaterThan(300);
    expect(figures.years).toBeGreaterThanOrEqual(10);
    expect(figures.scored).toBe(figures.connected + figures.pendingRemoval);
    expect(figures.tags.map((t) => t.name)).toEqual(["Customer", DEMO_CADENCE_TAG, "Prospect", "Recruiter"]);
    for (const t of figures.tags.filter((x) => x.name !== DEMO_CADENCE_TAG)) expect(t._count.connections).toBeGreaterThan(20);
    expect(figures.tags.find((x) => x.name === DEMO_CADENCE_TAG)!._count.connections).toBe(5);
    expect(figures.notes).toBe(3);
    expect(figures.sharedViews).toBe(1);
    // What the import shows since issue 16: job changes on the people, hidden members, invitations.
    expect(figures.jobChanged).toBeGreaterThan(20);
    expect(figures.hidden).toBeGreaterThan(0);
    expect(figures.pendingInvitations).toBe(20);
    expect(figures.acceptedInvitations).toBe(1);

    // Issue 10: a queue a teammate worked on, one approval and one keep by the owner, and an
    // unread @mention for the demo login user.
    const users = await db().user.findMany({ where: { email: { in: [DEMO_LOGIN.email, DEMO_TEAMMATE.email] } }, select: { id: true, email: true } });
    const dana = users.find((u) => u.email === DEMO_LOGIN.email)!.id;
    const sam = users.find((u) => u.email === DEMO_TEAMMATE.email)!.id;
    const queue = await withTeam(teamId, async (tx) => ({
      remove: await tx.reviewItem.count({ where: { kind: "REMOVE" } }),
      jobChange: await tx.reviewItem.count({ where: { kind: "JOB_CHANGE" } }),
      samVotes: await tx.reviewVote.count({ where: { userId: sam, item: { kind: { not: "WITHDRAW_INVITATION" } } } }),
      samComments: await tx.reviewComment.count({ where: { authorId: sam } }),
      mentionsDana: await tx.reviewComment.count({ where: { mentionedUserIds: { has: dana } } }),
      // Among the cards Sam worked on (the removal session below decides others).
      approved: await tx.reviewItem.count({ where: { state: "APPROVED", decision: "REMOVE", decidedById: dana, votes: { some: { userId: sam } } } }),
      kept: await tx.reviewItem.count({ where: { state: "DONE", decision: "KEEP", decidedById: dana, votes: { some: { userId: sam } } } }),
      danaUnread: await tx.notification.count({ where: { userId: dana, kind: "mention", readAt: null } }),
    }));
    expect(before.members).toBe(2);
    expect(queue.remove).toBeGreaterThan(10);
    expect(queue.jobChange).toBeGreaterThan(0);
    expect(queue.samVotes).toBe(6);
    expect(queue.samComments).toBe(3);
    expect(queue.mentionsDana).toBe(1);
    expect(queue).toMatchObject({ approved: 1, kept: 1, danaUnread: 1 });

    // Issue 11: Dana's session is under way: removals recorded earlier today, the last so recent
    // that the gap's countdown runs, one "couldn't find them", one "kept after all", the rest of
    // today's plan on the card, and approved removals beyond it.
    const account = await withTeam(teamId, (tx) => tx.linkedInAccount.findFirstOrThrow({ where: { ownerUserId: dana }, select: { id: true } }));
    const danaCtx = await resolveTeamContext({ userId: dana, slug: first.teamSlug });
    const now = new Date();
    const session = await getRemovalSession(danaCtx, account.id, { now });
    const outcomes = await withTeam(teamId, async (tx) => ({
      removed: await tx.removalOutcome.count({ where: { outcome: "REMOVED", counted: true, liveFor: { not: null } } }),
      notFound: await tx.removalOutcome.count({ where: { outcome: "NOT_FOUND" } }),
      kept: await tx.removalOutcome.count({ where: { outcome: "KEPT" } }),
      pending: await tx.connection.count({ where: { status: "REMOVAL_PENDING" } }),
      planned: await tx.notification.count({ where: { userId: dana, kind: "removal.planned" } }),
    }));
    expect(outcomes.removed).toBeGreaterThanOrEqual(1); // 4, or fewer in the minutes after Berlin's midnight
    expect(outcomes.removed).toBeLessThanOrEqual(4);
    expect(outcomes).toMatchObject({ notFound: 1, kept: 1, pending: outcomes.removed, planned: 1 });
    expect(session.canRun).toBe(true);
    expect(session.budget).toMatchObject({ used: outcomes.removed, hourUsed: outcomes.removed, weekUsed: outcomes.removed, limit: 20, blockedBy: "PACE_WAIT" });
    expect(new Date(session.budget.nextAllowedAt!).getTime()).toBeGreaterThan(now.getTime());
    expect(new Date(session.budget.nextAllowedAt!).getTime()).toBeLessThanOrEqual(now.getTime() + 108_000);
    expect(session.ended).toBeNull();
    expect(session.card).not.toBeNull();
    expect(session.plannedToday).toBe(20);
    // Acted on today: the removals and the kept one; "couldn't find them" left today's plan.
    expect(session.leftToday).toBe(20 - outcomes.removed - 1 - 1);
    expect(session.backlog).toBeGreaterThan(5);
    expect(session.recent.map((r) => r.outcome)).toEqual(expect.arrayContaining(["removed", "not_found", "kept"]));
    // The newest "Removed" can still be undone (10 minutes).
    const lastRemoved = session.recent.find((r) => r.outcome === "removed")!;
    expect(lastRemoved.undone).toBe(false);
    expect(new Date(lastRemoved.undoUntil!).getTime()).toBeGreaterThan(now.getTime());

    // Issue 17: withdraw proposals from the queue build; Sam voted "Withdraw" on two (left for
    // Dana), Dana approved three that wait in her lane (no message first, then oldest), and one
    // withdrawal was recorded earlier today: counted, the day's withdrawUsed 1, withdrawnAt set.
    const withdrawals = await withTeam(teamId, async (tx) => ({
      items: await tx.reviewItem.count({ where: { kind: "WITHDRAW_INVITATION" } }),
      samVoted: await tx.reviewItem.findMany({
        where: { kind: "WITHDRAW_INVITATION", state: "OPEN", votes: { some: { userId: sam, choice: "REMOVE" } } },
        select: { invitation: { select: { name: true } } },
      }),
      counted: await tx.withdrawalOutcome.findMany({ where: { outcome: "WITHDRAWN", counted: true, liveFor: { not: null } }, select: { item: { select: { executedAt: true } } } }),
      withdrawUsed: (await tx.removalDay.aggregate({ _sum: { withdrawUsed: true } }))._sum.withdrawUsed,
      withdrawn: await tx.pendingInvitation.findMany({ where: { withdrawnAt: { not: null } }, select: { name: true, status: true, withdrawnAt: true } }),
    }));
    expect(withdrawals.items).toBe(8); // outgoing and pending, sent more than 60 days ago
    expect(withdrawals.samVoted.map((i) => i.invitation!.name).sort()).toEqual([...DEMO_WITHDRAW_PLAN.samVotes].sort());
    expect(withdrawals.counted).toHaveLength(1);
    expect(withdrawals.counted[0]!.item.executedAt).not.toBeNull();
    expect(withdrawals.withdrawUsed).toBe(1);
    expect(withdrawals.withdrawn).toEqual([{ name: DEMO_WITHDRAW_PLAN.withdrawn, status: "PENDING", withdrawnAt: expect.any(Date) }]);
    expect(withdrawals.withdrawn[0]!.withdrawnAt!.getTime()).toBeLessThan(now.getTime());
    const lane = await getWithdrawalSession(danaCtx, account.id, { now });
    expect(lane.canRun).toBe(true);
    expect(lane.approved).toBe(3);
    expect(lane.budget).toMatchObject({ used: 1, limit: 30 });
    expect(lane.budget.blockedBy).toBeNull();
    expect(lane.ended).toBeNull();
    expect([lane.card?.invitation.name, ...lane.upNext.map((u) => u.name)]).toEqual([...DEMO_WITHDRAW_PLAN.approved]);
    expect(lane.recent.map((r) => [r.name, r.outcome])).toEqual([[DEMO_WITHDRAW_PLAN.withdrawn, "withdrawn"]]);
    expect(before).toMatchObject({ withdrawalOutcomes: 1, withdrawUsed: 1, withdrawnAt: 1 });

    // Issue 12: follow-ups (one overdue, one due today, two upcoming, one of them Sam's), a
    // keep-in-touch tag whose quiet people are due, their notifications in Dana's bell, the
    // latest import's job changes, and Dana's weekly digest sent once through the outbox.
    const reminders = await withTeam(teamId, async (tx) => ({
      followUps: await tx.reminder.count({ where: { kind: "FOLLOW_UP", sourceItemId: null, doneAt: null } }),
      overdue: await tx.reminder.count({ where: { kind: "FOLLOW_UP", sourceItemId: null, dueAt: { lt: new Date(now.getTime() - 86_400_000) } } }),
      bySam: await tx.reminder.count({ where: { createdById: sam } }),
      tag: await tx.tag.findFirst({ where: { name: DEMO_CADENCE_TAG }, select: { cadenceDays: true } }),
      cadenceOpen: await tx.reminder.count({ where: { kind: "CADENCE", doneAt: null, cadenceOpenFor: { not: null } } }),
      cadenceDue: await tx.reminder.count({ where: { kind: "CADENCE", doneAt: null, dueAt: { lte: now } } }),
      notifiedDue: await tx.reminder.count({ where: { doneAt: null, dueAt: { lte: now }, notifiedAt: null } }),
      reminderNotes: await tx.notification.count({ where: { userId: dana, kind: "reminder_due" } }),
      jobChange: await tx.notification.findMany({ where: { userId: dana, kind: "job_change" }, select: { data: true } }),
      digests: await tx.digestRun.findMany({ where: { userId: dana }, select: { status: true, outboxId: true, kind: true } }),
    }));
    expect(reminders).toMatchObject({ followUps: 4, overdue: 1, bySam: 1, tag: { cadenceDays: 90 }, cadenceOpen: 5, cadenceDue: 2, notifiedDue: 0 });
    expect(reminders.reminderNotes).toBe(4); // 2 follow-ups + 2 cadence reminders, one notification each
    expect(reminders.jobChange).toHaveLength(1);
    expect((reminders.jobChange[0]!.data as { count: number }).count).toBe(figures.jobChanged);
    expect(reminders.digests).toEqual([{ status: "sent", outboxId: expect.any(String), kind: "weekly" }]);
    const outbox = await db().emailOutbox.findUniqueOrThrow({ where: { id: reminders.digests[0]!.outboxId! }, select: { status: true, to: true, kind: true, teamId: true } });
    expect(outbox).toEqual({ status: "SENT", to: DEMO_LOGIN.email, kind: "digest", teamId });
    // Delivered by the seed itself (a database seeded by an earlier run sent it then).
    if (first.created) {
      const mail = inbox.receivedFor(DEMO_LOGIN.email);
      expect(mail).toHaveLength(1);
      expect(mail[0]!.text).toContain(`Your week in ${DEMO_TEAM_NAME}`);
      expect(mail[0]!.html).toContain("</html>");
    }
  }, 600_000);
});
