import { Prisma, withTeam, type TTx } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { conflict, forbidden, invalid } from "../errors";
import { roleAtLeast, type TTeamContext } from "../teams/membership";
import { enqueueQueueBuild } from "./enqueue-queue-build";
import { DEFAULT_QUEUE_RULES, parseStoredRules, ZQueueRules, type TQueueRules } from "./queue-rules";
import type * as T from "./types";

// The team's queue rules (settings page "Queue rules", decision 0009). Everyone in the team reads
// them; owners and admins change them. Every save carries the version it was made on, so two
// admins editing at once cannot silently overwrite each other, and queues a rebuild.

const canEdit = (ctx: TTeamContext) => roleAtLeast(ctx.role, "ADMIN");

/** The rules as stored (defaults when the team never saved any), for other services in a transaction. */
export async function readQueueRules(tx: TTx, teamId: string): Promise<TQueueRules> {
  const row = await tx.queueSettings.findUnique({ where: { teamId }, select: { rules: true } });
  return row ? parseStoredRules(row.rules) : { ...DEFAULT_QUEUE_RULES };
}

async function userRef(tx: TTx, teamId: string, userId: string | null): Promise<T.TUserRef | null> {
  if (!userId) return null;
  const m = await tx.membership.findFirst({ where: { teamId, userId }, select: { user: { select: { id: true, name: true } } } });
  return m ? { id: m.user.id, name: m.user.name } : { id: userId, name: "A former member" };
}

export async function getQueueRules(ctx: TTeamContext): Promise<{ rules: TQueueRules; version: number; canEdit: boolean; updatedAt: string | null; updatedBy: T.TUserRef | null }> {
  return withTeam(
    ctx.teamId,
    async (tx) => {
      const row = await tx.queueSettings.findUnique({ where: { teamId: ctx.teamId } });
      if (!row) return { rules: { ...DEFAULT_QUEUE_RULES }, version: 0, canEdit: canEdit(ctx), updatedAt: null, updatedBy: null };
      return {
        rules: parseStoredRules(row.rules),
        version: row.version,
        canEdit: canEdit(ctx),
        updatedAt: row.updatedAt.toISOString(),
        updatedBy: await userRef(tx, ctx.teamId, row.updatedById),
      };
    },
    { interactive: true },
  );
}

/** Fields left out keep their current value; `flags` merges per flag. */
function parseInput(current: TQueueRules, raw: unknown): TQueueRules {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw invalid("rules", "Send the rules as an object.");
  const input = raw as Record<string, unknown>;
  const flags = input.flags === undefined ? current.flags : typeof input.flags === "object" && input.flags !== null ? { ...current.flags, ...(input.flags as object) } : input.flags;
  const r = ZQueueRules.strict().safeParse({ ...current, ...input, flags });
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join(".") || "rules";
  const message = issue.code === "unrecognized_keys" ? `Unknown rule: ${issue.keys.join(", ")}.` : issue.message.includes(":") ? issue.message : `${field}: ${issue.message}`;
  throw invalid(issue.code === "unrecognized_keys" ? issue.keys[0] ?? field : field, message);
}

const ago = (d: Date) => {
  const s = Math.max(0, Math.round((Date.now() - d.getTime()) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  return `at ${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
};

export async function updateQueueRules(ctx: TTeamContext, input: { rules: unknown; version: number }): Promise<{ rules: TQueueRules; version: number }> {
  if (!canEdit(ctx)) throw forbidden("Only owners and admins can change the queue rules.");
  if (!Number.isInteger(input.version) || input.version < 0) throw invalid("version", "version: give the version of the rules you edited (0 when the team never saved any).");
  const saved = await withTeam(ctx.teamId, async (tx) => {
    // The row is locked for the rest of the save: a concurrent save waits, then sees our version.
    const rows = await tx.$queryRaw<Array<{ rules: unknown; version: number; updatedById: string | null; updatedAt: Date }>>`
      SELECT rules, version, "updatedById", "updatedAt" FROM "QueueSettings" WHERE "teamId" = ${ctx.teamId} FOR UPDATE`;
    const row = rows[0];
    const currentVersion = row?.version ?? 0;
    if (input.version !== currentVersion) {
      const who = row ? await userRef(tx, ctx.teamId, row.updatedById) : null;
      throw conflict(`${who?.name ?? "Someone"} changed the queue rules ${row ? ago(row.updatedAt) : "meanwhile"}; reload the page to see their change, then make yours.`, "version");
    }
    const before = row ? parseStoredRules(row.rules) : { ...DEFAULT_QUEUE_RULES };
    const rules = parseInput(before, input.rules);
    if (rules.protectedTagIds.length) {
      const found = await tx.tag.findMany({ where: { teamId: ctx.teamId, id: { in: rules.protectedTagIds } }, select: { id: true } });
      const known = new Set(found.map((t) => t.id));
      const i = rules.protectedTagIds.findIndex((id) => !known.has(id));
      if (i >= 0) throw invalid(`protectedTagIds.${i}`, "Protected tags: one of the tags is not a tag of this team (it may have been deleted); choose from the team's tags.");
    }
    const json = rules as unknown as Prisma.InputJsonValue;
    const next = await tx.queueSettings.upsert({
      where: { teamId: ctx.teamId },
      create: { teamId: ctx.teamId, rules: json, version: 1, updatedById: ctx.userId },
      update: { rules: json, version: { increment: 1 }, updatedById: ctx.userId },
      select: { version: true },
    });
    await recordAudit(tx, {
      teamId: ctx.teamId,
      actorUserId: ctx.userId,
      action: "queue_rules.update",
      targetType: "queue_rules",
      targetId: ctx.teamId,
      metadata: { before, after: rules, version: next.version } as unknown as Prisma.InputJsonValue,
    });
    return { rules, version: next.version };
  });
  await enqueueQueueBuild(ctx.teamId);
  return saved;
}
