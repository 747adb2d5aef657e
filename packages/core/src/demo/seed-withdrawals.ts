import { db, withTeam } from "@crm/db";
import { localDay } from "../removals/local-day";
import type { TClock } from "../removals/types";
import { buildQueue } from "../review/build-queue";
import { castVote } from "../review/cast-vote";
import { decideItem } from "../review/decide-item";
import { resolveTeamContext, type TTeamContext } from "../teams/membership";
import { recordWithdrawal } from "../withdrawals/record";
import { DEMO_TEAMMATE } from "./seed-queue";

// The demo's invitation withdrawals (issue 17), so `npm start` shows the whole flow: Sam voted
// "Withdraw" on two stale invitations (waiting for Dana), Dana approved three more (her session's
// withdrawals lane has work) and already withdrew one earlier today (counted in today's
// allowance, the invitation's withdrawnAt set, listed under "Withdrawn" with its re-invite date).
// Everything goes through the real services (castVote, decideItem, recordWithdrawal), so the
// budget row, the day row and the audit log are what production writes. Idempotent: once the
// account has a withdrawal outcome, nothing here runs again.

/** Invitees of seed-invitations' DEMO_OUTGOING, all past the default withdraw rule (60 days). */
export const DEMO_WITHDRAW_PLAN = {
  /** Sam's votes, left for Dana to decide. */
  samVotes: ["Noah Berg", "Elif Yildiz"],
  /** Approved by Dana and waiting in her lane: no message first (Yuki, Mateo), then Grace. */
  approved: ["Yuki Tanaka", "Mateo Alvarez", "Grace Okafor"],
  /** Approved and withdrawn on LinkedIn earlier today. */
  withdrawn: "Omar Haddad",
} as const;

/** How long before the seed the withdrawal was recorded: past the undo window (10 min) and the pace gap. */
const WITHDRAWN_AGO_MS = 25 * 60_000;

async function demoAccountOf(owner: TTeamContext) {
  return withTeam(owner.teamId, async (tx) => {
    const account = await tx.linkedInAccount.findFirst({
      where: { teamId: owner.teamId, ownerUserId: owner.userId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, timeZone: true },
    });
    if (!account) return null;
    const outcomes = await tx.withdrawalOutcome.count({ where: { teamId: owner.teamId, accountId: account.id } });
    const items = await tx.reviewItem.count({ where: { teamId: owner.teamId, accountId: account.id, kind: "WITHDRAW_INVITATION" } });
    return { ...account, seeded: outcomes > 0, items };
  });
}

/** The account's open withdraw items by invitee name (the demo's names are unique). */
async function openItemsByName(owner: TTeamContext, accountId: string): Promise<Map<string, { id: string; version: number }>> {
  const rows = await withTeam(owner.teamId, (tx) =>
    tx.reviewItem.findMany({
      where: { teamId: owner.teamId, accountId, kind: "WITHDRAW_INVITATION", state: "OPEN" },
      orderBy: { id: "asc" },
      take: 200,
      select: { id: true, version: true, invitation: { select: { name: true } } },
    }),
  );
  return new Map(rows.filter((r) => r.invitation).map((r) => [r.invitation!.name, { id: r.id, version: r.version }]));
}

async function versionOf(ctx: TTeamContext, itemId: string): Promise<number> {
  const row = await withTeam(ctx.teamId, (tx) => tx.reviewItem.findFirstOrThrow({ where: { teamId: ctx.teamId, id: itemId }, select: { version: true } }));
  return row.version;
}

export async function seedDemoWithdrawals(owner: TTeamContext, clock: TClock = {}): Promise<void> {
  const account = await demoAccountOf(owner);
  if (!account || account.seeded) return;
  // A demo seeded before withdraw items existed: the queue build proposes them now.
  if (account.items === 0) await buildQueue(owner.teamId, { accountId: account.id });
  const items = await openItemsByName(owner, account.id);
  const samUser = await db().user.findUnique({ where: { email: DEMO_TEAMMATE.email }, select: { id: true } });
  if (samUser) {
    const sam = await resolveTeamContext({ userId: samUser.id, slug: owner.slug });
    for (const name of DEMO_WITHDRAW_PLAN.samVotes) {
      const item = items.get(name);
      if (item) await castVote(sam, item.id, { choice: "remove", reason: "Months without an answer; withdraw it so we stay under the limit." });
    }
  }
  const decide = async (name: string, reason: string) => {
    const item = items.get(name);
    if (!item) return null;
    await decideItem(owner, item.id, { choice: "remove", reason, version: await versionOf(owner, item.id) });
    return item.id;
  };
  for (const name of DEMO_WITHDRAW_PLAN.approved) await decide(name, "No answer in months.");
  const withdrawn = await decide(DEMO_WITHDRAW_PLAN.withdrawn, "No answer in months.");
  if (!withdrawn) return;
  // Earlier today in the account's zone (just after its midnight: at the day's start).
  const now = clock.now ?? new Date();
  const at = new Date(Math.max(now.getTime() - WITHDRAWN_AGO_MS, localDay(now, account.timeZone).startsAt.getTime()));
  await recordWithdrawal(owner, withdrawn, { outcome: "withdrawn" }, { now: at, random: clock.random });
}
