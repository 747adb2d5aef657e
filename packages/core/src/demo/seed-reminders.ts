import { db, withTeam, withTeamRaw } from "@crm/db";
import { deliverOutboxEmail } from "@crm/email";
import { now } from "../clock";
import { changeTags } from "../connections/tagging";
import { createTag, listTags } from "../connections/tags";
import { latestSlots } from "../digest/member-zone-sql";
import { sendWeeklyDigests } from "../digest/send-weekly";
import { setTagCadence, refreshCadenceReminders } from "../reminders/cadence";
import { notifyJobChanges } from "../reminders/job-changes";
import { notifyDueReminders } from "../reminders/notify";
import { resolveTeamContext, type TTeamContext } from "../teams/membership";
import { DEMO_TEAMMATE } from "./seed-queue";

// The demo's reminders and emails (issue 12): follow-ups Dana and Sam set last week (one overdue,
// one due today, two upcoming), a "Key accounts" tag with a 90-day keep-in-touch cadence put on
// some people months ago (two of them are due), the job-change notification of the latest import,
// and Dana's weekly digest, sent through the outbox like the sweep sends it and written to
// var/mail under `npm start` (EMAIL_TRANSPORT=file). Each part runs once.

export const DEMO_CADENCE_TAG = "Key accounts";
const DAY = 86_400_000;

type TPick = { id: string; accountId: string };

/**
 * Connected people of the owner's account known for over a year, by name: any of them, those not
 * messaged for 200 days, or those messaged in the last 60 (their cadence reminder is upcoming).
 */
async function pick(ctx: TTeamContext, n: number, where: "any" | "quiet" | "recent"): Promise<TPick[]> {
  return withTeam(ctx.teamId, (tx) =>
    tx.connection.findMany({
      where: {
        teamId: ctx.teamId,
        status: "CONNECTED",
        account: { ownerUserId: ctx.userId },
        ...(where === "any" ? {} : { lastInteractionAt: where === "quiet" ? { lt: new Date(now().getTime() - 200 * DAY) } : { gt: new Date(now().getTime() - 60 * DAY) } }),
        connectedOn: { lt: new Date(now().getTime() - 400 * DAY) },
      },
      orderBy: [{ lastName: "asc" }, { id: "asc" }],
      take: n,
      select: { id: true, accountId: true },
    }),
  );
}

async function seedFollowUps(owner: TTeamContext) {
  const have = await withTeam(owner.teamId, (tx) => tx.reminder.count({ where: { teamId: owner.teamId, kind: "FOLLOW_UP", sourceItemId: null } }));
  if (have > 0) return;
  const people = await pick(owner, 4, "any");
  const samUser = await db().user.findUnique({ where: { email: DEMO_TEAMMATE.email }, select: { id: true } });
  const sam = samUser ? await resolveTeamContext({ userId: samUser.id, slug: owner.slug }) : owner;
  const t = now().getTime();
  const plan = [
    { by: owner, due: t - 3 * DAY, note: "Send the pilot proposal we discussed at SaaStr." },
    { by: owner, due: t - 2 * 3_600_000, note: "Ask how the Q1 rollout went." },
    { by: owner, due: t + 2 * DAY, note: null },
    { by: sam, due: t + 9 * DAY, note: "Intro to their head of sales?" },
  ];
  await withTeam(owner.teamId, (tx) =>
    tx.reminder.createMany({
      data: plan.flatMap((p, i) => {
        const c = people[i];
        return c ? [{ teamId: owner.teamId, connectionId: c.id, accountId: c.accountId, kind: "FOLLOW_UP" as const, dueAt: new Date(p.due), note: p.note, createdById: p.by.userId, createdAt: new Date(t - 7 * DAY) }] : [];
      }),
    }),
  );
}

/** The tag with its cadence, on people tagged four months ago: the quiet ones are due already. */
async function seedCadence(owner: TTeamContext) {
  if ((await listTags(owner)).some((t) => t.name === DEMO_CADENCE_TAG)) return;
  const tag = await createTag(owner, { name: DEMO_CADENCE_TAG, color: "purple" });
  const people = [...(await pick(owner, 2, "quiet")), ...(await pick(owner, 3, "recent"))];
  await changeTags(owner, { tagId: tag.id, op: "add", target: { ids: people.map((p) => p.id) } });
  await withTeam(owner.teamId, (tx) => tx.connectionTag.updateMany({ where: { teamId: owner.teamId, tagId: tag.id }, data: { createdAt: new Date(now().getTime() - 120 * DAY) } }));
  await setTagCadence(owner, tag.id, 90);
  await refreshCadenceReminders(owner.teamId);
}

/** Dana's digest of the last 7 days, claimed for her current period: the sweep sends the next one. */
async function seedDigest(owner: TTeamContext) {
  const sent = await withTeam(owner.teamId, (tx) => tx.digestRun.count({ where: { teamId: owner.teamId, userId: owner.userId, kind: "weekly" } }));
  if (sent > 0) return;
  const at = now();
  const slot = (await withTeamRaw(owner.teamId, (tx) => latestSlots(tx, owner.teamId, [{ userId: owner.userId, dueAt: at }], at, "weekly"))).get(owner.userId)!;
  // Due now rather than at the slot (the demo's history was written a moment ago): the period is
  // the week "now" falls in, which a job may claim (member-zone-sql.ts).
  const [r] = await sendWeeklyDigests(owner.teamId, [{ userId: owner.userId, period: slot.periodOfDue, dueAt: at }], at);
  // Written at once (var/mail under `npm start`), not only when the worker picks the job up.
  if (r?.outboxId) await deliverOutboxEmail(r.outboxId);
}

export async function seedDemoReminders(owner: TTeamContext): Promise<void> {
  await seedFollowUps(owner);
  await seedCadence(owner);
  // The bell: reminders that came due, and the latest import's job changes.
  await notifyDueReminders(owner.teamId);
  const latest = await withTeam(owner.teamId, (tx) =>
    tx.import.findFirst({ where: { teamId: owner.teamId, status: "COMPLETED", jobChangeCount: { gt: 0 } }, orderBy: { createdAt: "desc" }, select: { id: true } }),
  );
  if (latest) await notifyJobChanges(owner.teamId, latest.id);
  await seedDigest(owner);
}
