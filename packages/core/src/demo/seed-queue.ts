import { db, withTeam } from "@crm/db";
import { hashPassword } from "../auth/password-hash";
import { addComment } from "../review/comment-item";
import { buildQueue } from "../review/build-queue";
import { castVote } from "../review/cast-vote";
import { decideItem } from "../review/decide-item";
import { resolveTeamContext, type TTeamContext } from "../teams/membership";

// The demo's review queue, worked on by two people: Sam (a teammate) voted and commented on a few
// cards, one @mentions Dana (so her bell shows an unread notification), and Dana, who owns the
// account, already approved one removal and kept one person. Idempotent: once Sam has voted in
// the team, nothing here runs again.

/** A second demo member, so the queue shows a teammate's votes; README documents the login. */
export const DEMO_TEAMMATE = { email: "sam@example.com", password: "linkedin-cleanup-demo", name: "Sam Teammate" } as const;

type TPlan = { vote: "remove" | "keep" | "follow_up"; reason: string; comment?: string };

// Sam's work, in the order of the picked cards. The first comment mentions the demo login user.
const SAM_PLAN: TPlan[] = [
  { vote: "remove", reason: "Never talked; no fit with what we sell.", comment: "@Dana Demo I don't think we know them at all. OK to remove?" },
  { vote: "remove", reason: "Open networker, thousands of connections.", comment: "Looks like a spam account to me." },
  { vote: "remove", reason: "No fit with our ICP." },
  { vote: "remove", reason: "Outside our market." },
  { vote: "keep", reason: "Met them at a conference last year.", comment: "Keep: they introduced us to a customer once." },
  { vote: "follow_up", reason: "Could become a partner." },
];
const APPROVED = 1; // Dana approves Sam's second proposal
const KEPT = 4; // and keeps the person Sam wants to keep

async function ensureTeammate(owner: TTeamContext): Promise<TTeamContext> {
  let user = await db().user.findUnique({ where: { email: DEMO_TEAMMATE.email }, select: { id: true } });
  if (!user) {
    const passwordHash = await hashPassword(DEMO_TEAMMATE.password);
    user = await db().user.create({ data: { email: DEMO_TEAMMATE.email, name: DEMO_TEAMMATE.name, passwordHash }, select: { id: true } });
  }
  const userId = user.id;
  await withTeam(owner.teamId, (tx) => tx.membership.createMany({ data: [{ teamId: owner.teamId, userId, role: "MEMBER" }], skipDuplicates: true }));
  return resolveTeamContext({ userId, slug: owner.slug });
}

/** The cards Sam works on: remove candidates of the owner's first account, in a stable order. */
async function pickItems(ctx: TTeamContext, count: number): Promise<string[]> {
  return withTeam(ctx.teamId, async (tx) => {
    const rows = await tx.reviewItem.findMany({
      where: { teamId: ctx.teamId, kind: "REMOVE", state: "OPEN" },
      orderBy: [{ connection: { lastName: "asc" } }, { connection: { firstName: "asc" } }, { id: "asc" }],
      take: count,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  });
}

async function versionOf(ctx: TTeamContext, itemId: string): Promise<number> {
  const row = await withTeam(ctx.teamId, (tx) => tx.reviewItem.findFirstOrThrow({ where: { teamId: ctx.teamId, id: itemId }, select: { version: true } }));
  return row.version;
}

export async function seedDemoQueue(owner: TTeamContext): Promise<void> {
  const sam = await ensureTeammate(owner);
  const already = await withTeam(owner.teamId, (tx) => tx.reviewVote.count({ where: { teamId: owner.teamId, userId: sam.userId } }));
  if (already > 0) return;
  const items = await withTeam(owner.teamId, (tx) => tx.reviewItem.count({ where: { teamId: owner.teamId } }));
  if (items === 0) await buildQueue(owner.teamId);
  const ids = await pickItems(owner, SAM_PLAN.length);
  for (const [i, plan] of SAM_PLAN.entries()) {
    const id = ids[i];
    if (!id) break;
    await castVote(sam, id, { choice: plan.vote, reason: plan.reason });
    if (plan.comment) await addComment(sam, id, { body: plan.comment });
  }
  const approve = ids[APPROVED];
  if (approve) await decideItem(owner, approve, { choice: "remove", reason: "Agreed, never in touch.", version: await versionOf(owner, approve) });
  const keep = ids[KEPT];
  if (keep) await decideItem(owner, keep, { choice: "keep", reason: "Sam knows them.", version: await versionOf(owner, keep) });
}
