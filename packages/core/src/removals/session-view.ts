import { withTeam, type TTx } from "@crm/db";
import { notFound } from "../errors";
import { jsonTimeUtc, undoUntilOf } from "../guided/recorded";
import { limitEnded, readSessionAccount, sessionAccountView } from "../guided/session-account";
import type { TTeamContext } from "../teams/membership";
import { readBudget } from "./budget";
import { planRemovalSession } from "./plan-session";
import { loadRemovalCard } from "./removal-card";
import type { TClock, TOutcomeCode, TRemovalBudget, TRemovalSession, TSessionOutcomeRow } from "./types";

// Today's session page (and its JSON route, polled after each outcome): one interactive team
// read of four statements whatever the account's size — the account, its budget (budget.ts, one
// statement), today's counts with the next card's id and the recent outcomes (one statement over
// the plan's partial index), and the card (removal-card.ts, one statement). The counts go through
// "ReviewItem" (teamId, accountId, plannedOn) WHERE state = 'APPROVED': the state is written
// literally so the planner can prove the partial index (an enum "=" is never an index condition
// under row-level security).

export const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const RECENT_MAX = 20;
const EMPTY_MESSAGE = "Nothing left to remove today.";

type TJsonTime = string; // timestamp(3) inside json: no zone, UTC

const OUTCOME_CODES: Record<string, TOutcomeCode> = { REMOVED: "removed", NOT_FOUND: "not_found", KEPT: "kept" };

type TDayRow = {
  leftToday: number;
  backlog: number;
  planned: number | null;
  /** When the planner last looked at today (the day's plan or its last top-up). */
  plannedAt: Date | null;
  cardId: string | null;
  recent: Array<{
    id: string;
    itemId: string;
    outcome: string;
    createdAt: TJsonTime;
    live: boolean;
    budgetReturned: boolean;
    undone: boolean;
    firstName: string | null;
    lastName: string | null;
  }> | null;
};

/**
 * Today's session for an account: budget, the current card (owner only), progress, recent outcomes.
 * The owner's visit also plans lazily (topUp) when nothing planned is left but budget and approved
 * removals remain: the worker plans at the start of the day, but approvals keep arriving during it.
 */
export async function getRemovalSession(ctx: TTeamContext, accountId: string, clock: TClock = {}): Promise<TRemovalSession> {
  if (typeof accountId !== "string" || !ACCOUNT_ID.test(accountId)) throw notFound("This LinkedIn account");
  const now = clock.now ?? new Date();
  const first = await readSession(ctx, accountId, now, false);
  if (first) return first;
  // Planning writes (and may notify), so it runs in its own transaction, outside the read.
  await planRemovalSession(ctx.teamId, accountId, { ...clock, now, topUp: true });
  const second = await readSession(ctx, accountId, now, true);
  if (!second) throw new Error("unreachable: a read after planning always answers");
  return second;
}

const TOP_UP_EVERY_MS = 60_000;

/** The session, or null when the owner's visit should plan first (only when `planned` is false). */
async function readSession(ctx: TTeamContext, accountId: string, now: Date, planned: boolean): Promise<TRemovalSession | null> {
  return withTeam(
    ctx.teamId,
    async (tx) => {
      const account = await readSessionAccount(tx, ctx.teamId, accountId);
      const budget = await readBudget(tx, ctx.teamId, accountId, now);
      const day = await readDay(tx, ctx.teamId, accountId, budget.localDate);
      const canRun = ctx.userId === account.ownerUserId;
      // A top-up takes the account's lock and writes: at most once a minute, however often the page
      // is loaded (a backlog the planner cannot take would otherwise re-plan on every view).
      const toppedUpLately = day.plannedAt !== null && now.getTime() - day.plannedAt.getTime() < TOP_UP_EVERY_MS;
      if (canRun && !planned && !toppedUpLately && day.leftToday === 0 && budget.remaining > 0 && day.backlog > 0) return null;
      const ended = endedOf(budget, day, planned || toppedUpLately, now);
      const card = canRun && !ended && day.cardId ? await loadRemovalCard(tx, ctx.teamId, day.cardId, ctx.userId, account.timeZone) : null;
      return {
        account: sessionAccountView(account),
        canRun,
        budget,
        card,
        // The planner's figure for the day; never below what is visibly left (an undo puts an
        // item back on today's plan without the planner).
        plannedToday: Math.max(day.planned ?? 0, day.leftToday),
        leftToday: day.leftToday,
        backlog: day.backlog,
        recent: (day.recent ?? []).map((r) => recentRow(r, now)),
        ended,
      };
    },
    { interactive: true },
  );
}

async function readDay(tx: TTx, teamId: string, accountId: string, localDate: string): Promise<TDayRow> {
  const [row] = await tx.$queryRaw<TDayRow[]>`
    SELECT
      (SELECT count(*)::int FROM "ReviewItem" i
        WHERE i."teamId" = ${teamId} AND i."accountId" = ${accountId} AND i.state = 'APPROVED'
          AND i."plannedOn" = ${localDate}::date AND i.kind = 'REMOVE') AS "leftToday",
      -- Approved and not on today's plan. Only the partial index's columns: an index-only count,
      -- where a heap filter (kind, notFoundAt) read the whole backlog, 27,000 rows, on every view.
      -- Approved invitation withdrawals (never planned) are taken off with their own small partial
      -- index. Who among the rest the planner can take is its business.
      (SELECT count(*)::int FROM "ReviewItem" i
        WHERE i."teamId" = ${teamId} AND i."accountId" = ${accountId} AND i.state = 'APPROVED'
          AND (i."plannedOn" IS NULL OR i."plannedOn" <> ${localDate}::date))
      - (SELECT count(*)::int FROM "ReviewItem" i
          WHERE i."teamId" = ${teamId} AND i."accountId" = ${accountId} AND i.state = 'APPROVED' AND i."invitationId" IS NOT NULL) AS backlog,
      (SELECT d.planned FROM "RemovalDay" d
        WHERE d."teamId" = ${teamId} AND d."accountId" = ${accountId} AND d."localDate" = ${localDate}::date) AS planned,
      (SELECT d."plannedAt" FROM "RemovalDay" d
        WHERE d."teamId" = ${teamId} AND d."accountId" = ${accountId} AND d."localDate" = ${localDate}::date) AS "plannedAt",
      (SELECT i.id FROM "ReviewItem" i
        WHERE i."teamId" = ${teamId} AND i."accountId" = ${accountId} AND i.state = 'APPROVED'
          AND i."plannedOn" = ${localDate}::date AND i.kind = 'REMOVE'
        ORDER BY i."planRank" NULLS LAST, i.id LIMIT 1) AS "cardId",
      (SELECT json_agg(json_build_object('id', r.id, 'itemId', r."itemId", 'outcome', r.outcome, 'createdAt', r."createdAt",
                'live', r."liveFor" IS NOT NULL, 'budgetReturned', r."budgetReturned", 'undone', r."undoneAt" IS NOT NULL,
                'firstName', c."firstName", 'lastName', c."lastName") ORDER BY r."createdAt" DESC, r.id DESC)
         FROM (SELECT * FROM "RemovalOutcome" o
                WHERE o."teamId" = ${teamId} AND o."accountId" = ${accountId} AND o."localDate" = ${localDate}::date
                ORDER BY o."createdAt" DESC, o.id DESC LIMIT ${RECENT_MAX}) r
         LEFT JOIN "Connection" c ON c.id = r."connectionId") AS recent`;
  return row!;
}

/**
 * The session is over for today at the daily limit or a full week (until the budget's next
 * allowed time, which is the next local day unless the weekly window holds it longer), or when
 * nothing is left to plan. After a top-up that found nothing (the backlog is all people the planner
 * may not take: protected and approved without the warning, or not found until the next import),
 * it is over too: the page says so rather than waiting forever.
 */
function endedOf(budget: TRemovalBudget, day: TDayRow, planned: boolean, now: Date): TRemovalSession["ended"] {
  const limited = limitEnded(budget, now);
  if (limited) return limited;
  if (day.leftToday === 0 && (day.backlog === 0 || planned)) return { reason: "EMPTY", resetsAt: budget.resetsAt, message: EMPTY_MESSAGE };
  return null;
}

function recentRow(r: NonNullable<TDayRow["recent"]>[number], now: Date): TSessionOutcomeRow {
  const createdAt = jsonTimeUtc(r.createdAt);
  return {
    outcomeId: r.id,
    itemId: r.itemId,
    name: `${r.firstName ?? ""} ${r.lastName ?? ""}`.trim() || "Former connection",
    outcome: OUTCOME_CODES[r.outcome] ?? "removed",
    createdAt: createdAt.toISOString(),
    undoUntil: undoUntilOf(createdAt, r.live, now),
    budgetReturned: r.budgetReturned,
    undone: r.undone,
  };
}
