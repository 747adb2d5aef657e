import { Prisma, withTeam, withTeamRaw, type TTx } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { enqueueQueueBuild, enqueueQueueBuildForTags } from "../review/enqueue-queue-build";
import { refreshCadenceAfterTagging } from "../reminders/cadence";
import { dropProtectedTag } from "../review/queue-settings";
import { conflict, DomainError, forbidden, invalid, notFound } from "../errors";
import { roleAtLeast, type TTeamContext } from "../teams/membership";
import { enqueueRescore } from "../icps/icps";
import { bumpScoringData } from "../icps/scoring-data-version";
import { lockTags, rewriteTagRules, tagUsage, type TChangedIcp } from "../icps/tag-rules";
import { rescoreTagIcps } from "./tag-rescore";

// Team-wide tags. Anyone in the team creates and applies them (tagging is everyday work); renaming,
// merging and deleting change everyone's tags, so they are for owners and admins. ICP tag rules
// name tags by id: a rename, merge or delete rewrites the rules on the tag (icps/tag-rules.ts),
// returns the profiles it changed so the UI can say so, and rescores them.

export const TAG_COLORS = ["gray", "red", "orange", "amber", "green", "teal", "blue", "indigo", "purple", "pink"] as const;
export type TTagColor = (typeof TAG_COLORS)[number];
/** cadenceDays: the tag's keep-in-touch cadence (reminders/cadence.ts), null when off. */
export type TTag = { id: string; name: string; color: TTagColor; count: number; cadenceDays: number | null };

export const TAG_NAME_MAX = 40;

export function tagNameKey(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

function cleanName(raw: unknown): string {
  const name = typeof raw === "string" ? raw.normalize("NFC").trim().replace(/\s+/g, " ") : "";
  if (!name) throw invalid("name", "Give the tag a name.");
  // Characters are code points, as JSON Schema's maxLength (the API document) counts them: an
  // emoji is one, not two UTF-16 units.
  const length = [...name].length;
  if (length > TAG_NAME_MAX) throw invalid("name", `A tag name has at most ${TAG_NAME_MAX} characters (this one has ${length}).`);
  if (/[,\u0000-\u001f]/.test(name)) throw invalid("name", "A tag name cannot contain commas or control characters.");
  return name;
}

function cleanColor(raw: unknown, fallback: TTagColor): TTagColor {
  if (raw === undefined || raw === null || raw === "") return fallback;
  if (typeof raw === "string" && (TAG_COLORS as readonly string[]).includes(raw)) return raw as TTagColor;
  throw invalid("color", `Choose one of the tag colors: ${TAG_COLORS.join(", ")}.`);
}

function mustManage(ctx: TTeamContext) {
  if (!roleAtLeast(ctx.role, "ADMIN")) throw forbidden("Only owners and admins can rename, merge or delete the team's tags.");
}

const duplicate = (name: string) => conflict(`The team already has a tag named “${name}”.`, "name");
const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

async function tagOrThrow(tx: TTx, ctx: TTeamContext, tagId: string, field = "tagId") {
  const tag = await tx.tag.findFirst({ where: { id: tagId, teamId: ctx.teamId } });
  if (!tag) throw new DomainError("NOT_FOUND", notFound("This tag").message, { field });
  return tag;
}

export async function listTags(ctx: TTeamContext): Promise<TTag[]> {
  return withTeamRaw(ctx.teamId, async (tx) => {
    const rows = await tx.$queryRaw<Array<{ id: string; name: string; color: string; count: number; cadenceDays: number | null }>>`
      SELECT t.id, t.name, t.color, t."cadenceDays", count(ct."connectionId")::int AS count
        FROM "Tag" t LEFT JOIN "ConnectionTag" ct ON ct."teamId" = t."teamId" AND ct."tagId" = t.id
       WHERE t."teamId" = ${ctx.teamId}
       GROUP BY t.id ORDER BY t."nameKey"`;
    return rows.map((r) => ({ ...r, color: r.color as TTagColor }));
  }, { interactive: true });
}

export async function createTag(ctx: TTeamContext, input: { name: unknown; color?: unknown }): Promise<TTag> {
  const name = cleanName(input.name);
  return withTeam(ctx.teamId, async (tx) => {
    const existing = await tx.tag.count({ where: { teamId: ctx.teamId } });
    const color = cleanColor(input.color, TAG_COLORS[existing % TAG_COLORS.length]!);
    try {
      const tag = await tx.tag.create({ data: { teamId: ctx.teamId, name, nameKey: tagNameKey(name), color, createdById: ctx.userId } });
      await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "tag.created", targetType: "tag", targetId: tag.id, metadata: { name } });
      return { id: tag.id, name: tag.name, color, count: 0, cadenceDays: null };
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicate(name);
      throw e;
    }
  });
}

/** Profiles whose tag rules a tag change rewrote (each now at `version`, rescoring). */
export type TTagIcpChange = { icps: TChangedIcp[] };

const rescoreChanged = async (teamId: string, icps: TChangedIcp[]) => {
  for (const i of icps) await enqueueRescore(teamId, i.id, i.version);
};

export async function updateTag(ctx: TTeamContext, tagId: string, input: { name?: unknown; color?: unknown }): Promise<TTagIcpChange> {
  mustManage(ctx);
  const { icps } = await withTeam(ctx.teamId, async (tx) => {
    await lockTags(tx, ctx.teamId, [tagId], "update");
    const tag = await tagOrThrow(tx, ctx, tagId);
    const name = input.name === undefined ? tag.name : cleanName(input.name);
    const color = cleanColor(input.color, tag.color as TTagColor);
    // Before the rename: rules saved by the old name resolve to this tag only while it has it.
    const icps = name !== tag.name ? await rewriteTagRules(tx, ctx, tag, { kind: "rename" }, name) : [];
    try {
      await tx.tag.update({ where: { id: tag.id }, data: { name, nameKey: tagNameKey(name), color } });
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicate(name);
      throw e;
    }
    await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "tag.updated", targetType: "tag", targetId: tag.id, metadata: { from: tag.name, to: name, color } });
    return { icps };
  });
  await rescoreChanged(ctx.teamId, icps);
  return { icps };
}

/** Moves every connection of `sourceId` to `targetId` (keeping those already on both once) and deletes the source. */
export async function mergeTags(ctx: TTeamContext, input: { sourceId: string; targetId: string }): Promise<{ moved: number } & TTagIcpChange> {
  mustManage(ctx);
  if (input.sourceId === input.targetId) throw invalid("targetId", "Choose a different tag to merge into.");
  const { moved, icps, wasProtected } = await withTeam(ctx.teamId, async (tx) => {
    await lockTags(tx, ctx.teamId, [input.sourceId, input.targetId], "update");
    const source = await tagOrThrow(tx, ctx, input.sourceId, "sourceId");
    const target = await tagOrThrow(tx, ctx, input.targetId, "targetId");
    const icps = await rewriteTagRules(tx, ctx, source, { kind: "merge", into: target });
    const wasProtected = await dropProtectedTag(tx, ctx, source, "merged");
    const n = await tx.$executeRaw`
      INSERT INTO "ConnectionTag" ("teamId", "tagId", "connectionId", "addedById", "createdAt")
      SELECT "teamId", ${target.id}, "connectionId", "addedById", "createdAt" FROM "ConnectionTag"
       WHERE "teamId" = ${ctx.teamId} AND "tagId" = ${source.id}
      ON CONFLICT DO NOTHING`;
    await tx.tag.delete({ where: { id: source.id } });
    await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "tag.merged", targetType: "tag", targetId: target.id, metadata: { from: source.name, into: target.name, moved: n } });
    await bumpScoringData(tx, ctx.teamId);
    return { moved: n, icps, wasProtected };
  });
  await rescoreChanged(ctx.teamId, icps);
  // Profiles with a rule on the surviving tag only: its people changed.
  await rescoreTagIcps(ctx.teamId, [input.targetId]);
  // The source's people lost its protection; the target's protection (if any) reached new people.
  if (wasProtected) await enqueueQueueBuild(ctx.teamId);
  else await enqueueQueueBuildForTags(ctx.teamId, [input.targetId]);
  await refreshCadenceAfterTagging(ctx.teamId); // people moved between tags; the source's cadence is gone
  return { moved, icps };
}

/** What to do with ICP rules on the tag being deleted; without it, a used tag is not deleted. */
export type TDeleteTagOptions = { icpRules?: "remove" };

export async function deleteTag(ctx: TTeamContext, tagId: string, opts: TDeleteTagOptions = {}): Promise<TTagIcpChange> {
  mustManage(ctx);
  const { icps, wasProtected } = await withTeam(ctx.teamId, async (tx) => {
    await lockTags(tx, ctx.teamId, [tagId], "update");
    const tag = await tagOrThrow(tx, ctx, tagId);
    const users = (await tagUsage(tx, ctx.teamId)).get(tag.id) ?? [];
    if (users.length > 0 && opts.icpRules !== "remove") {
      const names = users.map((u) => `“${u.name}”`).join(", ");
      throw conflict(`“${tag.name}” is used by the profile${users.length === 1 ? "" : "s"} ${names}. Delete it and remove its rule from ${users.length === 1 ? "that profile" : "those profiles"}, or cancel.`, "icpRules");
    }
    const icps = users.length > 0 ? await rewriteTagRules(tx, ctx, tag, { kind: "remove" }) : [];
    const wasProtected = await dropProtectedTag(tx, ctx, tag, "deleted");
    await tx.tag.delete({ where: { id: tag.id } });
    await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "tag.deleted", targetType: "tag", targetId: tag.id, metadata: { name: tag.name, icpRulesRemoved: icps.length } });
    await bumpScoringData(tx, ctx.teamId);
    return { icps, wasProtected };
  });
  await rescoreChanged(ctx.teamId, icps);
  if (wasProtected) await enqueueQueueBuild(ctx.teamId); // its people are no longer protected from removal
  await refreshCadenceAfterTagging(ctx.teamId); // a deleted keep-in-touch tag closes its reminders
  return { icps };
}
