import { withTeam } from "@crm/db";
import { decideItem } from "../review/decide-item";
import { localDateToDateColumn, localDay } from "../removals/local-day";
import { planRemovalSession } from "../removals/plan-session";
import { recordOutcome } from "../removals/record-outcome";
import type { TClock, TOutcomeCode } from "../removals/types";
import type { TTeamContext } from "../teams/membership";

// The demo's removal session in progress (issue 11), so `npm start` shows it: Dana approved a
// backlog of removals, today's session is planned, and she already worked through part of it,
// the last "Removed" 40 s ago so the gap's countdown runs when the page opens. Everything goes
// through the real services with an injected past clock, so the budget, the day row and the audit
// log are what production would have written. Idempotent: once the account has any recorded
// outcome, nothing here runs again (a demo seeded before removal sessions existed gets one now).

/** Approved removals in all (the queue seed's one included): more than a day's plan (20 at ~1,200 connections). */
const APPROVED_TARGET = 32;
const REASONS = ["Never in touch; no fit with what we sell.", "Outside our market.", "Open networker, no shared history.", "No fit with our ICPs."];
/** How long ago the last "Removed" was: within the gap (90 s ± 20%), so a countdown is running. */
const LAST_REMOVED_AGO_MS = 40_000;

/**
 * Today's outcomes, oldest first, as seconds before the last "Removed": the "Removed"s 150 s apart
 * (above the longest jittered gap, 108 s). "Couldn't find them" comes last, at the seed's own time:
 * after the demo's imports, so the next plan does not read an import as a newer export about them.
 */
const TIMELINE: Array<{ outcome: TOutcomeCode; beforeLastS: number }> = [
  { outcome: "removed", beforeLastS: 450 },
  { outcome: "kept", beforeLastS: 360 },
  { outcome: "removed", beforeLastS: 300 },
  { outcome: "removed", beforeLastS: 150 },
  { outcome: "removed", beforeLastS: 0 },
];

/**
 * When each outcome is recorded, and when the day was planned, all within the account's local
 * day: just after local midnight a "Removed" that would fall on yesterday is left out (moving it
 * would break the gap), a free outcome is moved to the day's start.
 */
export function demoOutcomeTimes(now: Date, dayStartsAt: Date): { planAt: Date; events: Array<{ outcome: TOutcomeCode; at: Date }> } {
  const start = dayStartsAt.getTime();
  const last = Math.max(now.getTime() - LAST_REMOVED_AGO_MS, start);
  const events: Array<{ outcome: TOutcomeCode; at: Date }> = [];
  for (const e of TIMELINE) {
    const at = last - e.beforeLastS * 1000;
    if (at >= start) events.push({ outcome: e.outcome, at: new Date(at) });
    else if (e.outcome !== "removed") events.push({ outcome: e.outcome, at: new Date(start) });
  }
  events.push({ outcome: "not_found", at: now });
  // The worker's sweep (every 5 min) plans the day shortly after midnight; never after the first outcome.
  const planAt = Math.min(events[0]!.at.getTime(), start + 2 * 60_000);
  return { planAt: new Date(planAt), events };
}

async function demoAccount(owner: TTeamContext) {
  return withTeam(owner.teamId, async (tx) => {
    const account = await tx.linkedInAccount.findFirst({
      where: { teamId: owner.teamId, ownerUserId: owner.userId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, timeZone: true },
    });
    if (!account) return null;
    const outcomes = await tx.removalOutcome.count({ where: { teamId: owner.teamId, accountId: account.id } });
    const approved = await tx.reviewItem.count({ where: { teamId: owner.teamId, accountId: account.id, kind: "REMOVE", state: "APPROVED" } });
    return { ...account, seeded: outcomes > 0, approved };
  });
}

/** Remove candidates nobody voted on (Sam's proposals stay for Dana to decide) and nobody protected. */
async function pickUnvoted(owner: TTeamContext, accountId: string, count: number) {
  return withTeam(owner.teamId, (tx) =>
    tx.reviewItem.findMany({
      where: {
        teamId: owner.teamId,
        accountId,
        kind: "REMOVE",
        state: "OPEN",
        voteCount: 0,
        connection: { endorsedMe: false, recommendedMe: false, status: "CONNECTED" },
      },
      orderBy: [{ connection: { lastName: "desc" } }, { connection: { firstName: "desc" } }, { id: "asc" }],
      take: count,
      select: { id: true, version: true },
    }),
  );
}

/** Today's plan in session order, leaving out the card Sam voted on (the queue's demo keeps it approved). */
async function plannedToday(owner: TTeamContext, accountId: string, localDate: string, count: number): Promise<string[]> {
  const rows = await withTeam(owner.teamId, (tx) =>
    tx.reviewItem.findMany({
      where: { teamId: owner.teamId, accountId, state: "APPROVED", plannedOn: localDateToDateColumn(localDate), voteCount: 0 },
      orderBy: [{ planRank: "asc" }, { id: "asc" }],
      take: count,
      select: { id: true },
    }),
  );
  return rows.map((r) => r.id);
}

export async function seedDemoRemovals(owner: TTeamContext, clock: TClock = {}): Promise<void> {
  const account = await demoAccount(owner);
  if (!account || account.seeded) return;
  for (const [i, item] of (await pickUnvoted(owner, account.id, Math.max(0, APPROVED_TARGET - account.approved))).entries()) {
    await decideItem(owner, item.id, { choice: "remove", reason: REASONS[i % REASONS.length], version: item.version });
  }
  const now = clock.now ?? new Date();
  const day = localDay(now, account.timeZone);
  const { planAt, events } = demoOutcomeTimes(now, day.startsAt);
  // topUp: a demo seeded earlier may already have today's plan from the worker's sweep.
  await planRemovalSession(owner.teamId, account.id, { now: planAt, topUp: true });
  const items = await plannedToday(owner, account.id, day.localDate, events.length);
  for (const [i, itemId] of items.entries()) {
    const e = events[i]!;
    await recordOutcome(owner, itemId, { outcome: e.outcome }, { now: e.at, random: clock.random });
  }
}
