import { Prisma, withTeam } from "@crm/db";
import type { TTeamContext } from "../teams/membership";
import { readBudget } from "./budget";
import { removedCountsSql } from "./removed-people";
import type { TClock, TRemovalAccountSummary, TRemovalBudget } from "./types";

// The Removals page: every account of the team with its approved backlog, today's plan, its
// budget and its removed people, in one interactive team read.
//
// Statements: the accounts (one), one readBudget per account (one statement each, budget.ts),
// then every count for all accounts at once (one, keyed by account and its own local date). The
// budget stays per account on purpose: it is the same code that records and refuses, so the page
// can never show a figure the server would not enforce, and a team has a handful of accounts
// (one per member who is signed in to LinkedIn). ACCOUNTS_MAX bounds the worst case at 50 short
// statements (a few ms each) should a team ever connect that many.

const ACCOUNTS_MAX = 50;

type TAccountRow = { id: string; label: string; ownerUserId: string; ownerName: string | null };
type TCountRow = { accountId: string; approved: number; leftToday: number; planned: number | null; removedPending: number; removedVerified: number };

/** Every account of the team with its approved backlog, today's plan and budget (the Removals page). */
export async function listRemovalAccounts(ctx: TTeamContext, clock: TClock = {}): Promise<TRemovalAccountSummary[]> {
  const now = clock.now ?? new Date();
  return withTeam(
    ctx.teamId,
    async (tx) => {
      const accounts = await tx.$queryRaw<TAccountRow[]>`
        SELECT a.id, a.label, a."ownerUserId", (SELECT u.name FROM "User" u WHERE u.id = a."ownerUserId") AS "ownerName"
          FROM "LinkedInAccount" a WHERE a."teamId" = ${ctx.teamId}
         ORDER BY a.label, a.id LIMIT ${ACCOUNTS_MAX}`;
      if (accounts.length === 0) return [];
      const budgets = new Map<string, TRemovalBudget>();
      for (const a of accounts) budgets.set(a.id, await readBudget(tx, ctx.teamId, a.id, now));
      const ids = accounts.map((a) => a.id);
      const dates = accounts.map((a) => budgets.get(a.id)!.localDate);
      // The ReviewItem counts use the partial index (teamId, accountId, plannedOn) WHERE state = 'APPROVED' (state written literally).
      const counts = await tx.$queryRaw<TCountRow[]>`
        SELECT k.id AS "accountId",
          (SELECT count(*)::int FROM "ReviewItem" i
            WHERE i."teamId" = ${ctx.teamId} AND i."accountId" = k.id AND i.state = 'APPROVED' AND i.kind = 'REMOVE') AS approved,
          (SELECT count(*)::int FROM "ReviewItem" i
            WHERE i."teamId" = ${ctx.teamId} AND i."accountId" = k.id AND i.state = 'APPROVED'
              AND i."plannedOn" = k.d AND i.kind = 'REMOVE') AS "leftToday",
          (SELECT d.planned FROM "RemovalDay" d
            WHERE d."teamId" = ${ctx.teamId} AND d."accountId" = k.id AND d."localDate" = k.d) AS planned,
          rm.pending AS "removedPending", rm.verified AS "removedVerified"
          FROM unnest(${ids}::text[], ${dates}::date[]) AS k(id, d)
          CROSS JOIN LATERAL (${removedCountsSql(ctx.teamId, Prisma.sql`k.id`)}) rm`;
      const byId = new Map(counts.map((c) => [c.accountId, c]));
      return accounts.map((a) => {
        const c = byId.get(a.id);
        const leftToday = c?.leftToday ?? 0;
        return {
          accountId: a.id,
          label: a.label,
          owner: { id: a.ownerUserId, name: a.ownerName ?? "Former member" },
          canRun: a.ownerUserId === ctx.userId,
          approved: c?.approved ?? 0,
          budget: budgets.get(a.id)!,
          plannedToday: Math.max(c?.planned ?? 0, leftToday),
          leftToday,
          removedPending: c?.removedPending ?? 0,
          removedVerified: c?.removedVerified ?? 0,
        };
      });
    },
    { interactive: true },
  );
}
