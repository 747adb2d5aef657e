import type { Prisma, TTx } from "@crm/db";
import { foldText, tagRuleKey, ZIcpDefinition, type TIcpDefinition, type TTagRule } from "@crm/scoring";
import { recordAudit } from "../audit/record-audit";
import type { TTeamContext } from "../teams/membership";

// ICP tag rules name tags by id (issue 16 item 9). Definitions saved before that name them by
// name: they are read tolerantly. Every read resolves such a rule to the team's tag of that name,
// compared the way the scorer compared names then (case, accents and punctuation ignored), and a
// save, or a rename / merge / delete of the tag, writes the ids back. So no data migration is
// needed, and a rename can never again strand a rule: it resolves the names before it renames.

export type TTeamTag = { id: string; name: string };
/** Bound on one team's tags read at once (the tags page lists them all, too). */
export const TEAM_TAGS_MAX = 10_000;
/** Bound on one team's ICPs read at once. */
export const TEAM_ICPS_MAX = 1_000;

export async function teamTags(tx: TTx, teamId: string): Promise<TTeamTag[]> {
  return tx.tag.findMany({ where: { teamId }, select: { id: true, name: true }, orderBy: { nameKey: "asc" }, take: TEAM_TAGS_MAX });
}

export type TResolved = {
  definition: TIcpDefinition;
  /** Rules whose tag does not exist (deleted, or a name no tag has): they match nobody. */
  missing: Array<{ index: number; name: string }>;
  /** Whether anything differs from what was read (an id filled in, a name brought up to date). */
  changed: boolean;
};

/** Fills in ids and current names; keeps the first rule when two end up on the same tag. */
export function resolveTagRules(def: TIcpDefinition, tags: readonly TTeamTag[]): TResolved {
  if (def.tags.length === 0) return { definition: def, missing: [], changed: false };
  const byId = new Map(tags.map((t) => [t.id, t]));
  const byName = new Map<string, TTeamTag>();
  for (const t of tags) if (!byName.has(foldText(t.name))) byName.set(foldText(t.name), t);
  const seen = new Set<string>();
  const rules: TTagRule[] = [];
  const missing: TResolved["missing"] = [];
  let changed = false;
  for (const r of def.tags) {
    const tag = r.tagId !== null ? byId.get(r.tagId) : byName.get(foldText(r.tag));
    const next = tag ? { tagId: tag.id, tag: tag.name, weight: r.weight } : r;
    if (next.tagId !== r.tagId || next.tag !== r.tag) changed = true;
    const key = tagRuleKey(next);
    if (seen.has(key)) {
      changed = true;
      continue;
    }
    seen.add(key);
    if (!tag) missing.push({ index: rules.length, name: r.tag });
    rules.push(next);
  }
  return { definition: { ...def, tags: rules }, missing, changed };
}

export const usesTag = (def: TIcpDefinition, tagId: string) => def.tags.some((r) => r.tagId === tagId);

export type TIcpTagUse = { id: string; name: string; version: number; definition: TIcpDefinition };

/** The team's ICPs with their tag rules resolved against the team's tags as they are now. */
export async function icpsWithResolvedTags(tx: TTx, teamId: string, tags?: readonly TTeamTag[]): Promise<TIcpTagUse[]> {
  const icps = await tx.icp.findMany({ where: { teamId }, select: { id: true, name: true, version: true, definition: true }, orderBy: { createdAt: "asc" }, take: TEAM_ICPS_MAX });
  const parsed = icps.map((i) => ({ ...i, definition: ZIcpDefinition.parse(i.definition) }));
  if (!parsed.some((i) => i.definition.tags.length > 0)) return parsed;
  const all = tags ?? (await teamTags(tx, teamId));
  return parsed.map((i) => ({ ...i, definition: resolveTagRules(i.definition, all).definition }));
}

/** Tag → the ICPs with a rule on it (for the tags page: "used by …"). */
export async function tagUsage(tx: TTx, teamId: string): Promise<Map<string, Array<{ id: string; name: string }>>> {
  const usage = new Map<string, Array<{ id: string; name: string }>>();
  for (const icp of await icpsWithResolvedTags(tx, teamId)) {
    for (const r of icp.definition.tags) if (r.tagId) usage.set(r.tagId, [...(usage.get(r.tagId) ?? []), { id: icp.id, name: icp.name }]);
  }
  return usage;
}

export type TTagRuleChange = { kind: "rename" } | { kind: "merge"; into: TTeamTag } | { kind: "remove" };
export type TChangedIcp = { id: string; name: string; version: number };

/**
 * Inside the tag change's transaction, BEFORE the tag itself changes: rewrites every ICP with a
 * rule on `tag` (names resolved first) as a new version, and audits it. Rename: the rule keeps its
 * id and takes the new name. Merge: the rule moves to the surviving tag; when the ICP already has
 * a rule on that tag, that rule stays and this one goes (two rules on one tag cannot both count).
 * Remove: the rule goes. The caller enqueues the rescore of each returned ICP after commit.
 */
export async function rewriteTagRules(tx: TTx, ctx: TTeamContext, tag: TTeamTag, change: TTagRuleChange, newName?: string): Promise<TChangedIcp[]> {
  const changed: TChangedIcp[] = [];
  for (const icp of await icpsWithResolvedTags(tx, ctx.teamId)) {
    if (!usesTag(icp.definition, tag.id)) continue;
    const rules = icp.definition.tags.flatMap((r): TTagRule[] => {
      if (r.tagId !== tag.id) return [r];
      if (change.kind === "remove") return [];
      if (change.kind === "rename") return [{ ...r, tag: newName ?? r.tag }];
      return icp.definition.tags.some((o) => o.tagId === change.into.id) ? [] : [{ ...r, tagId: change.into.id, tag: change.into.name }];
    });
    const definition = { ...icp.definition, tags: rules } as unknown as Prisma.InputJsonValue;
    const row = await tx.icp.update({ where: { id: icp.id }, data: { definition, version: { increment: 1 }, rescoreProgress: 0 }, select: { id: true, name: true, version: true } });
    await recordAudit(tx, {
      teamId: ctx.teamId,
      actorUserId: ctx.userId,
      action: "icp.updated",
      targetType: "icp",
      targetId: icp.id,
      metadata: { version: row.version, because: `tag.${change.kind === "remove" ? "deleted" : change.kind === "merge" ? "merged" : "renamed"}`, tag: tag.name },
    });
    changed.push(row);
  }
  return changed;
}

/** Locks the tags (in id order, so two changes cannot deadlock) until the transaction ends: a
 *  save that puts a rule on a tag and a delete of that tag then happen one after the other. */
export async function lockTags(tx: TTx, teamId: string, ids: string[], mode: "update" | "share"): Promise<string[]> {
  if (ids.length === 0) return [];
  const sorted = [...new Set(ids)].sort();
  const rows =
    mode === "update"
      ? await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Tag" WHERE "teamId" = ${teamId} AND id = ANY(${sorted}::text[]) ORDER BY id FOR UPDATE`
      : await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Tag" WHERE "teamId" = ${teamId} AND id = ANY(${sorted}::text[]) ORDER BY id FOR SHARE`;
  return rows.map((r) => r.id);
}
