import { Prisma, withTeam } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { invalid } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { targetIdsSql, type TBulkTarget } from "./target";

// "Add to review queue" from the table: one open item per connection and kind. Adding a person who
// is already waiting changes nothing; one whose earlier item was settled is reopened (version bump,
// so a reviewer holding the old version notices). Only people still in the network are added.

export const REVIEW_KINDS = ["REMOVE", "FOLLOW_UP"] as const;
export type TReviewKind = (typeof REVIEW_KINDS)[number];
export const REASON_MAX = 500;

export async function addToReview(ctx: TTeamContext, input: { kind: string; target: TBulkTarget; reason?: string | null }): Promise<{ count: number }> {
  if (!(REVIEW_KINDS as readonly string[]).includes(input.kind)) throw invalid("kind", `Choose what to review them for: ${REVIEW_KINDS.join(" or ")}.`);
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > REASON_MAX) throw invalid("reason", `A reason has at most ${REASON_MAX} characters (this one has ${reason.length}).`);
  return withTeam(ctx.teamId, async (tx) => {
    const target = await targetIdsSql(tx, ctx, input.target);
    const count = await tx.$executeRaw`
      INSERT INTO "ReviewItem" (id, "teamId", "connectionId", kind, reason, "addedById", "updatedAt")
      SELECT gen_random_uuid()::text, ${ctx.teamId}, c.id, ${input.kind}::"ReviewKind", ${reason}, ${ctx.userId}, now()
        FROM "Connection" c
       WHERE c."teamId" = ${ctx.teamId} AND c.status = 'CONNECTED' AND c.id IN (${target})
      ON CONFLICT ("teamId", "connectionId", kind) DO UPDATE
         SET status = 'OPEN', version = "ReviewItem".version + 1, reason = EXCLUDED.reason,
             "addedById" = EXCLUDED."addedById", "updatedAt" = now()
       WHERE "ReviewItem".status <> 'OPEN'`;
    await recordAudit(tx, {
      teamId: ctx.teamId,
      actorUserId: ctx.userId,
      action: "review.items_added",
      targetType: "review",
      metadata: { kind: input.kind, count, scope: "filter" in input.target ? "filter" : "selection" } as Prisma.InputJsonValue,
    });
    return { count };
  });
}
