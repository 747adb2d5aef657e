import { withTeam } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { invalid } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { parseMentions, type TMentionable } from "./mentions";
import { lockItem } from "./review-write";
import { COMMENT_MAX, type TReviewComment } from "./types";

// Comments are the discussion on a card. They change no decision, so they do not bump the item's
// version (a comment must not make a teammate's pending vote stale).

const MEMBERS_MAX = 1000;

function cleanBody(raw: unknown): string {
  const body = typeof raw === "string" ? raw.replace(/\r\n?/g, "\n").trim() : "";
  if (!body) throw invalid("body", "Write something before posting the comment.");
  const length = [...body].length;
  if (length > COMMENT_MAX) throw invalid("body", `A comment has at most ${COMMENT_MAX.toLocaleString("en")} characters (this one has ${length.toLocaleString("en")}).`);
  return body;
}

export async function addComment(ctx: TTeamContext, itemId: string, input: { body: string }): Promise<TReviewComment> {
  const body = cleanBody(input?.body);
  return withTeam(ctx.teamId, async (tx) => {
    // FOR SHARE would do; the row lock also orders the comment after a concurrent decision.
    const item = await lockItem(tx, ctx, itemId);
    const members = await tx.$queryRaw<TMentionable[]>`
      SELECT u.id, u.name, u.email FROM "Membership" m JOIN "User" u ON u.id = m."userId"
       WHERE m."teamId" = ${ctx.teamId} ORDER BY m."createdAt" LIMIT ${MEMBERS_MAX}`;
    const mentioned = parseMentions(body, members);
    const [row] = await tx.$queryRaw<Array<{ id: string; createdAt: Date }>>`
      INSERT INTO "ReviewComment" (id, "teamId", "itemId", "authorId", body, "mentionedUserIds")
      VALUES (gen_random_uuid()::text, ${ctx.teamId}, ${item.id}, ${ctx.userId}, ${body}, ${mentioned}::text[])
      RETURNING id, "createdAt"`;
    const notify = mentioned.filter((id) => id !== ctx.userId);
    if (notify.length) {
      await tx.$executeRaw`
        INSERT INTO "Notification" (id, "teamId", "userId", kind, "itemId", "actorId", data)
        SELECT gen_random_uuid()::text, ${ctx.teamId}, u, 'mention', ${item.id}, ${ctx.userId},
               jsonb_build_object('connectionName', ${item.connectionName}::text, 'commentId', ${row!.id}::text)
          FROM unnest(${notify}::text[]) u`;
    }
    await recordAudit(tx, {
      teamId: ctx.teamId,
      actorUserId: ctx.userId,
      action: "review.comment",
      targetType: "review_item",
      targetId: item.id,
      metadata: { commentId: row!.id, mentions: mentioned, before: null, after: null, choice: null, reason: null },
    });
    const byId = new Map(members.map((m) => [m.id, m]));
    return {
      id: row!.id,
      author: { id: ctx.userId, name: item.actorName },
      body,
      mentions: mentioned.map((id) => ({ id, name: byId.get(id)?.name ?? "Former member" })),
      createdAt: row!.createdAt.toISOString(),
    };
  }, { interactive: true });
}
