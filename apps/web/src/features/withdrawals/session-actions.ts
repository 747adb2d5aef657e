"use server";
import { headers } from "next/headers";
import { z } from "zod";
import {
  getWithdrawalSession,
  isBudgetRefused,
  isDomainError,
  recordWithdrawal,
  resolveTeamContext,
  undoWithdrawal,
  type TTeamContext,
  type TWithdrawalBudget,
  type TWithdrawalResult,
  type TWithdrawalSession,
  type TWithdrawalUndoResult,
} from "@crm/core";
import { isSameOrigin } from "@/lib/same-origin";
import { getCurrentUser } from "@/lib/session";

// The withdrawals lane's calls, as server actions the session page calls directly (the removal
// lane has JSON routes under app/api/t/[slug]/removals; these need no new route). Same rules as
// every action: same origin, the signed-in user, the team from their membership; core enforces
// the allowance, the owner-only rule and the tenant wall. A failure comes back as a value with an
// HTTP-like status (a refusal: 429 with the limit and nextAllowedAt), never as a throw.

export type TWithdrawFailure = {
  ok: false;
  status: number;
  message: string;
  code: string | null;
  nextAllowedAt: string | null;
  budget: TWithdrawalBudget | null;
};
export type TWithdrawAnswer<T> = ({ ok: true } & T) | TWithdrawFailure;

const ZSlug = z.string().min(1).max(100);
const ZId = z.string().min(1).max(64);
const ZOutcome = z.enum(["withdrawn", "accepted", "kept"]);
const FALLBACK = "Something went wrong on our side. Please try again.";

const fail = (status: number, message: string, code: string | null = null): TWithdrawFailure => ({ ok: false, status, message, code, nextAllowedAt: null, budget: null });

async function withTeamOf<T>(slug: unknown, fn: (team: TTeamContext) => Promise<T>): Promise<TWithdrawAnswer<T>> {
  if (!isSameOrigin({ headers: await headers() }, { requireOrigin: true })) return fail(403, "Cross-site requests are not allowed. Reload the page and try again.");
  const user = await getCurrentUser();
  if (!user) return fail(401, "Your session has ended. Sign in again.");
  try {
    const team = await resolveTeamContext({ userId: user.id, slug: ZSlug.parse(slug) });
    return { ok: true, ...(await fn(team)) };
  } catch (e) {
    if (isBudgetRefused(e)) return { ok: false, status: 429, message: e.message, code: e.limit, nextAllowedAt: e.nextAllowedAt.toISOString(), budget: e.budget };
    if (e instanceof z.ZodError) return fail(400, "That request is not valid. Reload the page and try again.", "VALIDATION");
    if (isDomainError(e)) return fail(e.status, e.message, e.code);
    console.error("withdrawal action failed:", e);
    return fail(500, FALLBACK);
  }
}

/** serverNow: the server's clock when it answered, so the page counts down on the server's time. */
export async function loadWithdrawalSessionAction(slug: string, accountId: string): Promise<TWithdrawAnswer<{ session: TWithdrawalSession; serverNow: string }>> {
  return withTeamOf(slug, async (team) => ({ session: await getWithdrawalSession(team, ZId.parse(accountId)), serverNow: new Date().toISOString() }));
}

export async function recordWithdrawalAction(slug: string, itemId: string, outcome: string): Promise<TWithdrawAnswer<TWithdrawalResult>> {
  return withTeamOf(slug, (team) => recordWithdrawal(team, ZId.parse(itemId), { outcome: ZOutcome.parse(outcome) }));
}

export async function undoWithdrawalAction(slug: string, outcomeId: string, linkedInTouched?: boolean): Promise<TWithdrawAnswer<TWithdrawalUndoResult>> {
  return withTeamOf(slug, (team) => undoWithdrawal(team, ZId.parse(outcomeId), linkedInTouched === undefined ? {} : { linkedInTouched: z.boolean().parse(linkedInTouched) }));
}
