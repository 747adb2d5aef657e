import { z } from "zod";
import { Prisma, withTeam, withTeamRaw, type TTx } from "@crm/db";
import { enqueue } from "@crm/jobs";
import { ZIcpDefinition, type TIcpDefinition } from "@crm/scoring";
import { recordAudit } from "../audit/record-audit";
import { enqueueQueueBuild } from "../review/enqueue-queue-build";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { roleAtLeast, type TTeamContext } from "../teams/membership";
import { lockTags, resolveTagRules, TEAM_ICPS_MAX, teamTags } from "./tag-rules";

export const ZIcpName = z.string().trim().min(1, "Give the profile a name, e.g. “Mid-market sales leaders”.").max(80, "Keep the name under 80 characters.");

export type TIcpSummary = {
  id: string;
  name: string;
  version: number;
  scoredVersion: number;
  rescoreProgress: number;
  scoredAt: Date | null;
  updatedAt: Date;
  definition: TIcpDefinition;
  bands: { strong: number; partial: number; none: number };
};

/** zod issues become one VALIDATION error naming the field, as forms expect. */
function parseDefinition(raw: unknown): TIcpDefinition {
  const r = ZIcpDefinition.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw invalid(issue.path.join(".") || "definition", issue.message);
}

function parseName(raw: unknown): string {
  const r = ZIcpName.safeParse(raw);
  if (!r.success) throw invalid("name", r.error.issues[0]!.message);
  return r.data;
}

/** Debounced: ten quick saves queue ten jobs, of which all but the newest version do nothing. */
export async function enqueueRescore(teamId: string, icpId: string, version: number) {
  await enqueue("icp.rescore", { teamId, icpId, version }, { dedupeId: `${icpId}-v${version}`, delay: 750 });
}

function canEdit(ctx: TTeamContext) {
  if (!roleAtLeast(ctx.role, "ADMIN")) throw forbidden("Only owners and admins can change the team's ideal customer profiles.");
}

export async function saveIcp(ctx: TTeamContext, input: { icpId?: string; name: unknown; definition: unknown }): Promise<{ id: string; version: number }> {
  canEdit(ctx);
  const name = parseName(input.name);
  const definition = parseDefinition(input.definition);
  const saved = await withTeam(ctx.teamId, async (tx) => {
    try {
      if (input.icpId && !(await tx.icp.count({ where: { id: input.icpId, teamId: ctx.teamId } }))) throw notFound("This profile");
      const json = (await withTagIds(tx, ctx.teamId, definition)) as unknown as Prisma.InputJsonValue;
      const row = input.icpId
        ? await tx.icp.update({ where: { id: input.icpId }, data: { name, definition: json, version: { increment: 1 }, rescoreProgress: 0 }, select: { id: true, version: true } })
        : await tx.icp.create({ data: { teamId: ctx.teamId, name, definition: json, createdById: ctx.userId }, select: { id: true, version: true } });
      await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: input.icpId ? "icp.updated" : "icp.created", targetType: "icp", targetId: row.id, metadata: { version: row.version } });
      return row;
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw conflict(`The team already has a profile named “${name}”.`, "name");
      throw e;
    }
  });
  await enqueueRescore(ctx.teamId, saved.id, saved.version);
  return saved;
}

/** Tag rules as saved: every rule on a tag of this team, by id (a name resolves to the team's tag
 *  of that name). The tags stay locked until the save commits, so a concurrent delete of one of
 *  them either sees this profile or makes this save fail with the message below. */
async function withTagIds(tx: TTx, teamId: string, def: TIcpDefinition): Promise<TIcpDefinition> {
  if (def.tags.length === 0) return def;
  await lockTags(tx, teamId, def.tags.flatMap((r) => (r.tagId ? [r.tagId] : [])), "share");
  const { definition, missing } = resolveTagRules(def, await teamTags(tx, teamId));
  const m = missing[0];
  if (m) throw invalid(`tags.${m.index}.tagId`, `Tags: there is no tag “${m.name || "without a name"}” in this team (it may have been deleted or renamed); choose one of the team's tags or remove the rule.`);
  return definition;
}

export async function deleteIcp(ctx: TTeamContext, icpId: string): Promise<void> {
  canEdit(ctx);
  await withTeam(ctx.teamId, async (tx) => {
    const { count } = await tx.icp.deleteMany({ where: { id: icpId, teamId: ctx.teamId } });
    if (!count) throw notFound("This profile");
    await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "icp.deleted", targetType: "icp", targetId: icpId });
  });
  await enqueueQueueBuild(ctx.teamId); // its scores are gone: who "fits none" changed
}

export async function listIcps(ctx: TTeamContext): Promise<TIcpSummary[]> {
  return withTeam(ctx.teamId, async (tx) => {
    const icps = await tx.icp.findMany({ where: { teamId: ctx.teamId }, orderBy: { createdAt: "asc" }, take: TEAM_ICPS_MAX });
    const bands = await tx.icpScore.groupBy({ by: ["icpId", "band"], where: { teamId: ctx.teamId }, _count: { _all: true } });
    const definitions = icps.map((i) => ZIcpDefinition.parse(i.definition));
    // Rules saved by tag name (before ids) are shown with the tag they resolve to, by its name now.
    const tags = definitions.some((d) => d.tags.length > 0) ? await teamTags(tx, ctx.teamId) : [];
    return icps.map((i, n) => {
      const b = { strong: 0, partial: 0, none: 0 };
      for (const x of bands) if (x.icpId === i.id && x.band in b) b[x.band as keyof typeof b] = x._count._all;
      const { id, name, version, scoredVersion, rescoreProgress, scoredAt, updatedAt } = i;
      return { id, name, version, scoredVersion, rescoreProgress, scoredAt, updatedAt, definition: resolveTagRules(definitions[n]!, tags).definition, bands: b };
    });
  });
}

/** Just the team's ICPs by name, oldest first (the first is the default): for selectors, without band counts. */
export async function listIcpChoices(ctx: TTeamContext): Promise<Array<{ id: string; name: string }>> {
  return withTeamRaw(ctx.teamId, (tx) => tx.$queryRaw<Array<{ id: string; name: string }>>`SELECT id, name FROM "Icp" WHERE "teamId" = ${ctx.teamId} ORDER BY "createdAt", id`, { interactive: true });
}

export async function getIcp(ctx: TTeamContext, icpId: string): Promise<TIcpSummary> {
  const found = (await listIcps(ctx)).find((i) => i.id === icpId);
  if (!found) throw notFound("This profile");
  return found;
}
