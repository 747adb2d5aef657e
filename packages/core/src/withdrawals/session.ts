import { withTeam, type TTx } from "@crm/db";
import { notFound } from "../errors";
import { jsonTimeUtc, undoUntilOf } from "../guided/recorded";
import { limitEnded, readSessionAccount, sessionAccountView } from "../guided/session-account";
import { guidedLink } from "../removals/guided-link";
import type { TClock } from "../removals/types";
import { ruleLabel } from "../review/rule-labels";
import type { TTeamContext } from "../teams/membership";
import { readWithdrawBudget } from "./budget";
import { WITHDRAW_CODE } from "./input";
import { WITHDRAW_NOUN } from "./policy";
import type { TWithdrawEnum } from "./state";
import type { TWithdrawalBudget, TWithdrawalCard, TWithdrawalOutcomeRow, TWithdrawalSession } from "./types";

// The withdrawals lane of an account's session page: the allowance, the next approved withdrawal
// (no personal message first, then the oldest), how many are approved, today's outcomes. One
// team read: the account, the budget (one statement), the day (one statement), the card (one).
// No day plan: the allowance is the plan (docs/decisions/0013).

const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const RECENT_MAX = 20;
const APPROVED_CAP = 10_000;
const VOTES_MAX = 100;
const UP_NEXT = 5;
const DAY_MS = 86_400_000;
export const SENT_INVITATIONS_URL = "https://www.linkedin.com/mynetwork/invitation-manager/sent/";

type TJsonTime = string;

type TDayRow = {
  approved: number;
  /** The card first, then up to UP_NEXT more, in the session's order. */
  queue: Array<{ itemId: string; name: string; sentAt: TJsonTime | null; hasMessage: boolean }> | null;
  recent: Array<{ id: string; itemId: string; outcome: string; createdAt: TJsonTime; live: boolean; budgetReturned: boolean; undone: boolean; name: string | null }> | null;
};

export async function getWithdrawalSession(ctx: TTeamContext, accountId: string, clock: TClock = {}): Promise<TWithdrawalSession> {
  if (typeof accountId !== "string" || !ACCOUNT_ID.test(accountId)) throw notFound("This LinkedIn account");
  const now = clock.now ?? new Date();
  return withTeam(
    ctx.teamId,
    async (tx) => {
      const account = await readSessionAccount(tx, ctx.teamId, accountId);
      const budget = await readWithdrawBudget(tx, ctx.teamId, accountId, now);
      const day = await readDay(tx, ctx.teamId, accountId, budget.localDate);
      const canRun = ctx.userId === account.ownerUserId;
      const ended = endedOf(budget, day.approved, now);
      const queue = day.queue ?? [];
      const cardId = queue[0]?.itemId ?? null;
      const card = canRun && !ended && cardId ? await loadWithdrawalCard(tx, cardId, now) : null;
      return {
        account: sessionAccountView(account),
        canRun,
        budget,
        card,
        approved: day.approved,
        upNext: canRun ? queue.slice(1).map((q) => ({ itemId: q.itemId, name: q.name, sentAt: q.sentAt ? jsonTimeUtc(q.sentAt).toISOString() : null, hasMessage: q.hasMessage })) : [],
        progress: progressText(budget),
        recent: (day.recent ?? []).map((r) => recentRow(r, now)),
        ended,
      };
    },
    { interactive: true },
  );
}

/** "4 of 30 today, 12 this week". */
export function progressText(b: Pick<TWithdrawalBudget, "used" | "limit" | "weekUsed">): string {
  return `${b.used} of ${b.limit} today, ${b.weekUsed} this week`;
}

async function readDay(tx: TTx, teamId: string, accountId: string, localDate: string): Promise<TDayRow> {
  // The approved withdrawals go through their own partial index (WHERE state = 'APPROVED' AND
  // "invitationId" IS NOT NULL, written literally so the planner proves it), never through the
  // account's removal backlog; the kind is a filter on those few rows. Only invitations still
  // pending are offered: an approved item whose invitation a later archive showed accepted or gone
  // (the import closes those, but a connections-only import or a late approval can leave one) has
  // nothing left to withdraw.
  const [row] = await tx.$queryRaw<TDayRow[]>`
    SELECT
      (SELECT count(*)::int FROM (
         SELECT 1 FROM "ReviewItem" i
           JOIN "PendingInvitation" p ON p.id = i."invitationId" AND p."teamId" = i."teamId"
          WHERE i."teamId" = ${teamId} AND i."accountId" = ${accountId} AND i.state = 'APPROVED' AND i."invitationId" IS NOT NULL
            AND i.kind::text = 'WITHDRAW_INVITATION' AND i."executedAt" IS NULL AND p.status = 'PENDING'
          LIMIT ${APPROVED_CAP}) n) AS approved,
      (SELECT json_agg(json_build_object('itemId', q.id, 'name', q.name, 'sentAt', q."sentAt", 'hasMessage', q."hasMessage") ORDER BY q.n)
         FROM (SELECT i.id, p.name, p."sentAt", (coalesce(btrim(p.message), '') <> '') AS "hasMessage",
                      row_number() OVER (ORDER BY (coalesce(btrim(p.message), '') <> ''), p."sentAt" NULLS LAST, i.id) AS n
                 FROM "ReviewItem" i
                 JOIN "PendingInvitation" p ON p.id = i."invitationId" AND p."teamId" = i."teamId"
                WHERE i."teamId" = ${teamId} AND i."accountId" = ${accountId} AND i.state = 'APPROVED' AND i."invitationId" IS NOT NULL
                  AND i.kind::text = 'WITHDRAW_INVITATION' AND i."executedAt" IS NULL AND p.status = 'PENDING'
                ORDER BY (coalesce(btrim(p.message), '') <> ''), p."sentAt" NULLS LAST, i.id
                LIMIT ${UP_NEXT + 1}) q) AS queue,
      (SELECT json_agg(json_build_object('id', r.id, 'itemId', r."itemId", 'outcome', r.outcome, 'createdAt', r."createdAt",
                'live', r."liveFor" IS NOT NULL, 'budgetReturned', r."budgetReturned", 'undone', r."undoneAt" IS NOT NULL,
                'name', p.name) ORDER BY r."createdAt" DESC, r.id DESC)
         FROM (SELECT * FROM "WithdrawalOutcome" o
                WHERE o."teamId" = ${teamId} AND o."accountId" = ${accountId} AND o."localDate" = ${localDate}::date
                ORDER BY o."createdAt" DESC, o.id DESC LIMIT ${RECENT_MAX}) r
         LEFT JOIN "PendingInvitation" p ON p.id = r."invitationId") AS recent`;
  return row!;
}

type TCardRow = {
  id: string;
  origin: string;
  rules: string[] | null;
  ruleDetail: Record<string, unknown> | null;
  reason: string | null;
  addedByName: string | null;
  decidedById: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  retryNote: string | null;
  invitationId: string;
  name: string;
  profileUrl: string | null;
  sentAt: Date | null;
  hasMessage: boolean;
  votes: Array<{ userId: string; userName: string | null; choice: string; reason: string | null }> | null;
};

async function loadWithdrawalCard(tx: TTx, itemId: string, now: Date): Promise<TWithdrawalCard | null> {
  const [r] = await tx.$queryRaw<TCardRow[]>`
    SELECT i.id, i.origin, i.rules, i."ruleDetail", i.reason, (SELECT u.name FROM "User" u WHERE u.id = i."addedById") AS "addedByName",
           i."decidedById", (SELECT u.name FROM "User" u WHERE u.id = i."decidedById") AS "decidedByName", i."decidedAt", i."decisionReason", i."retryNote",
           p.id AS "invitationId", p.name, p."profileUrl", p."sentAt", (coalesce(btrim(p.message), '') <> '') AS "hasMessage",
           (SELECT json_agg(json_build_object('userId', v."userId", 'userName', u.name, 'choice', v.choice, 'reason', v.reason) ORDER BY v."createdAt", v.id)
              FROM (SELECT * FROM "ReviewVote" x WHERE x."itemId" = i.id AND x.round = i.round ORDER BY x."createdAt", x.id LIMIT ${VOTES_MAX}) v
              LEFT JOIN "User" u ON u.id = v."userId") AS votes
      FROM "ReviewItem" i
      JOIN "PendingInvitation" p ON p.id = i."invitationId"
     WHERE i.id = ${itemId}`;
  if (!r) return null;
  const [firstName, ...rest] = r.name.trim().split(/\s+/);
  return {
    itemId: r.id,
    invitation: {
      invitationId: r.invitationId,
      name: r.name,
      sentAt: r.sentAt?.toISOString() ?? null,
      ageDays: r.sentAt ? Math.max(0, Math.floor((now.getTime() - r.sentAt.getTime()) / DAY_MS)) : null,
      hasMessage: r.hasMessage,
    },
    link: guidedLink({ profileUrl: r.profileUrl, firstName: firstName ?? "", lastName: rest.join(" "), company: null }),
    sentInvitationsUrl: SENT_INVITATIONS_URL,
    why: {
      decidedBy: r.decidedById ? { id: r.decidedById, name: r.decidedByName ?? "A former member" } : null,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decisionReason: r.decisionReason,
      rules: ruleSentences(r),
      votes: (r.votes ?? []).map((v) => ({ user: { id: v.userId, name: v.userName ?? "A former member" }, choice: choiceText(v.choice), reason: v.reason })),
    },
    retryNote: r.retryNote,
  };
}

/** For this kind, Remove reads "Withdraw" and Keep "Keep waiting" (docs/decisions/0013). */
function choiceText(choice: string): string {
  return choice === "REMOVE" ? "withdraw" : choice === "KEEP" ? "keep_waiting" : choice.toLowerCase();
}

function ruleSentences(r: TCardRow): string[] {
  const detail = r.ruleDetail ?? {};
  const out: string[] = [];
  if (r.origin === "manual") out.push(`Proposed by ${r.addedByName ?? "a teammate"}${r.reason ? `: ${r.reason}` : ""}`);
  for (const code of r.rules ?? []) {
    if (code === "manual") continue;
    const d = detail[code];
    out.push(typeof d === "string" && d.trim() ? `${ruleLabel(code)}: ${d}` : ruleLabel(code));
  }
  return out;
}

function endedOf(budget: TWithdrawalBudget, approved: number, now: Date): TWithdrawalSession["ended"] {
  const limited = limitEnded(budget, now, WITHDRAW_NOUN);
  if (limited) return limited;
  if (approved === 0) return { reason: "EMPTY", resetsAt: budget.resetsAt, message: "No approved invitation withdrawals left." };
  return null;
}

function recentRow(r: NonNullable<TDayRow["recent"]>[number], now: Date): TWithdrawalOutcomeRow {
  const createdAt = jsonTimeUtc(r.createdAt);
  return {
    outcomeId: r.id,
    itemId: r.itemId,
    name: r.name?.trim() || "Former invitation",
    outcome: WITHDRAW_CODE[r.outcome as TWithdrawEnum] ?? "withdrawn",
    createdAt: createdAt.toISOString(),
    undoUntil: undoUntilOf(createdAt, r.live, now),
    budgetReturned: r.budgetReturned,
    undone: r.undone,
  };
}
