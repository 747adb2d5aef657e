import "server-only";
import { getQueueRules, queueCounts, roleAtLeast, type TTeamContext, type TToday } from "@crm/core";
import { queuePath } from "@/features/review/queue-url";

// Today's "Need my decision": the items teammates voted on that wait for me to decide, i.e. the
// queue's "Waiting for the account owner" view over the accounts I decide for. The number comes
// from the same queueCounts the queue page shows on that view's tab, so the tile and the page it
// links to always agree. (getToday's own needsMyDecision counts every open item of my accounts,
// which no queue view lists, so it is not shown.)

export type TDecisionLink = { accountId: string | null; label: string; count: number; href: string };
export type TDecisions = { total: number; links: TDecisionLink[]; more: number };

/** Per-account counts are one query each: an owner of many accounts sees the first few, by label. */
const LISTED_ACCOUNTS = 6;

/** Null when I decide for no account (a member whose accounts are all someone else's). */
export async function loadDecisions(team: TTeamContext, accounts: TToday["accounts"]): Promise<TDecisions | null> {
  const adminsDecide = roleAtLeast(team.role, "ADMIN") && (await getQueueRules(team)).rules.adminsDecide;
  const mine = adminsDecide ? accounts : accounts.filter((a) => a.owner.id === team.userId);
  if (mine.length === 0) return null;
  // Deciding for every account (and more than one): the all-accounts view is exactly mine.
  if (mine.length > 1 && mine.length === accounts.length) {
    const c = await queueCounts(team, {});
    return { total: c.waiting_for_owner, links: [{ accountId: null, label: "All accounts", count: c.waiting_for_owner, href: queuePath(team.slug, { view: "waiting_for_owner" }) }], more: 0 };
  }
  const listed = mine.slice(0, LISTED_ACCOUNTS);
  // An account deleted since getToday read the list is simply left out.
  const counts = await Promise.all(listed.map((a) => queueCounts(team, { accountId: a.id }).catch(() => null)));
  const links = listed.flatMap((a, i) => {
    const c = counts[i];
    return c ? [{ accountId: a.id, label: a.label, count: c.waiting_for_owner, href: queuePath(team.slug, { account: a.id, view: "waiting_for_owner" }) }] : [];
  });
  return { total: links.reduce((s, l) => s + l.count, 0), links, more: mine.length - listed.length };
}
