import { randomUUID } from "node:crypto";
import { Prisma, withTeam } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { DomainError, forbidden, notFound } from "../errors";
import { roleAtLeast, type TTeamContext } from "../teams/membership";
import { bumpScoringData } from "../icps/scoring-data-version";
import { refreshCadenceAfterTagging } from "../reminders/cadence";
import { enqueueQueueBuildForTags } from "../review/enqueue-queue-build";
import { rescoreTagIcps } from "./tag-rescore";
import { targetIdsSql, type TBulkTarget } from "./target";

// Adding or removing a tag on many connections is one statement that also records exactly which
// rows it changed (BulkTagChange), so undo restores the previous state and nothing else: people who
// already had the tag keep it when an "add" is undone.

export const UNDO_WINDOW_HOURS = 24;

export type TTagChangeResult = { changeId: string | null; count: number };

export async function changeTags(ctx: TTeamContext, input: { tagId: string; op: "add" | "remove"; target: TBulkTarget }): Promise<TTagChangeResult> {
  const changeId = randomUUID();
  const count = await withTeam(ctx.teamId, async (tx) => {
    const tag = await tx.tag.findFirst({ where: { id: input.tagId, teamId: ctx.teamId }, select: { id: true, name: true } });
    if (!tag) throw new DomainError("NOT_FOUND", notFound("This tag").message, { field: "tagId" });
    const target = await targetIdsSql(tx, ctx, input.target);
    const change =
      input.op === "add"
        ? Prisma.sql`INSERT INTO "ConnectionTag" ("teamId", "tagId", "connectionId", "addedById")
                     SELECT ${ctx.teamId}, ${tag.id}, t.id, ${ctx.userId} FROM (${target}) t
                     ON CONFLICT DO NOTHING RETURNING "connectionId"`
        : Prisma.sql`DELETE FROM "ConnectionTag" WHERE "teamId" = ${ctx.teamId} AND "tagId" = ${tag.id}
                     AND "connectionId" IN (${target}) RETURNING "connectionId"`;
    const [row] = await tx.$queryRaw<Array<{ count: number }>>`
      WITH changed AS (${change})
      INSERT INTO "BulkTagChange" (id, "teamId", "userId", "tagId", kind, "connectionIds", count)
      SELECT ${changeId}, ${ctx.teamId}, ${ctx.userId}, ${tag.id}, ${input.op},
             coalesce(array_agg("connectionId"), '{}'), count(*)::int FROM changed
      RETURNING count`;
    const n = row?.count ?? 0;
    await recordAudit(tx, {
      teamId: ctx.teamId,
      actorUserId: ctx.userId,
      action: input.op === "add" ? "tag.applied" : "tag.removed",
      targetType: "tag",
      targetId: tag.id,
      metadata: { tag: tag.name, count: n, changeId, scope: "filter" in input.target ? "filter" : "selection" },
    });
    if (n > 0) await bumpScoringData(tx, ctx.teamId); // the ICP live preview reloads (icps/preview.ts)
    return n;
  });
  if (count > 0) {
    await rescoreTagIcps(ctx.teamId, [input.tagId]);
    await enqueueQueueBuildForTags(ctx.teamId, [input.tagId]); // a protected tag keeps people out of removal
    await refreshCadenceAfterTagging(ctx.teamId); // a keep-in-touch tag starts or stops reminders
  }
  return { changeId: count > 0 ? changeId : null, count };
}

/** Reverts one bulk change: the user who made it, or an owner/admin, within the undo window. */
export async function undoTagChange(ctx: TTeamContext, changeId: string): Promise<{ count: number }> {
  const count = await withTeam(ctx.teamId, async (tx) => {
    const change = await tx.bulkTagChange.findFirst({ where: { id: changeId, teamId: ctx.teamId } });
    if (!change) throw notFound("This change");
    if (change.userId !== ctx.userId && !roleAtLeast(ctx.role, "ADMIN")) throw forbidden("Only the person who made this change, or an owner or admin, can undo it.");
    if (change.undoneAt) throw new DomainError("CONFLICT", "This change has already been undone.");
    if (Date.now() - change.createdAt.getTime() > UNDO_WINDOW_HOURS * 3600_000) throw new DomainError("GONE", `Changes can be undone for ${UNDO_WINDOW_HOURS} hours; this one is older.`);
    const tag = await tx.tag.findFirst({ where: { id: change.tagId, teamId: ctx.teamId }, select: { id: true, name: true } });
    if (!tag) throw new DomainError("GONE", "The tag of this change has been deleted, so it cannot be undone.");
    const n =
      change.kind === "add"
        ? await tx.$executeRaw`DELETE FROM "ConnectionTag" WHERE "teamId" = ${ctx.teamId} AND "tagId" = ${tag.id} AND "connectionId" = ANY(${change.connectionIds}::text[])`
        : await tx.$executeRaw`INSERT INTO "ConnectionTag" ("teamId", "tagId", "connectionId", "addedById")
                               SELECT ${ctx.teamId}, ${tag.id}, c.id, ${change.userId} FROM "Connection" c
                                WHERE c."teamId" = ${ctx.teamId} AND c.id = ANY(${change.connectionIds}::text[])
                               ON CONFLICT DO NOTHING`;
    await tx.bulkTagChange.update({ where: { id: change.id }, data: { undoneAt: new Date() } });
    await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "tag.change_undone", targetType: "tag", targetId: tag.id, metadata: { tag: tag.name, changeId, count: n } });
    if (n > 0) await bumpScoringData(tx, ctx.teamId);
    return { n, tagId: tag.id };
  });
  if (count.n > 0) {
    await rescoreTagIcps(ctx.teamId, [count.tagId]);
    await enqueueQueueBuildForTags(ctx.teamId, [count.tagId]);
    await refreshCadenceAfterTagging(ctx.teamId);
  }
  return { count: count.n };
}
