import { withTeam } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { forbidden, notFound } from "../errors";
import { roleAtLeast, type TTeamContext } from "../teams/membership";
import { checkMapping, type TMappingInput } from "./mapping";

// The team's remembered column mappings (one per header set): every member can see them, since
// they decide how everyone's files are read; owners and admins change or forget them, audited.

/** A team has a handful of these (one per other tool it imports from); the cap is a guard. */
export const MAPPINGS_SHOWN = 200;

export type TColumnMappingSummary = {
  id: string;
  /** The file's headers as spelled and ordered, or the normalised signature for rows saved before we kept them. */
  headers: string[];
  mapping: TMappingInput;
  updatedAt: Date;
  updatedByName: string | null;
  importsUsing: number;
};

const headersOf = (row: { headers: unknown; signature: string }): string[] => {
  const h = Array.isArray(row.headers) ? row.headers.filter((x): x is string => typeof x === "string") : [];
  return h.length ? h : row.signature.split("|");
};

export async function listColumnMappings(ctx: TTeamContext): Promise<TColumnMappingSummary[]> {
  return withTeam(ctx.teamId, async (tx) => {
    const rows = await tx.columnMapping.findMany({ where: { teamId: ctx.teamId }, orderBy: { updatedAt: "desc" }, take: MAPPINGS_SHOWN });
    if (rows.length === 0) return [];
    const userIds = [...new Set(rows.flatMap((r) => (r.updatedById ? [r.updatedById] : [])))];
    const users = userIds.length ? await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
    const names = new Map(users.map((u) => [u.id, u.name]));
    // Completed imports record the mapping they used in details.mappingId; one grouped scan of the team's imports.
    const used = await tx.$queryRaw<Array<{ id: string; n: number }>>`
      SELECT details->>'mappingId' AS id, count(*)::int AS n FROM "Import"
       WHERE "teamId" = ${ctx.teamId} AND status = 'COMPLETED' AND details->>'mappingId' = ANY(${rows.map((r) => r.id)})
       GROUP BY 1`;
    const counts = new Map(used.map((u) => [u.id, u.n]));
    return rows.map((r) => ({
      id: r.id,
      headers: headersOf(r),
      mapping: r.mapping as TMappingInput,
      updatedAt: r.updatedAt,
      updatedByName: (r.updatedById && names.get(r.updatedById)) || null,
      importsUsing: counts.get(r.id) ?? 0,
    }));
  });
}

const manageOnly = () => forbidden("Only team owners and admins can change or forget a column mapping.");

/** Changes which column maps to which field; later files with these headers are read the new way. */
export async function updateColumnMapping(ctx: TTeamContext, mappingId: string, raw: unknown): Promise<void> {
  await withTeam(ctx.teamId, async (tx) => {
    const row = await tx.columnMapping.findFirst({ where: { id: mappingId, teamId: ctx.teamId } });
    if (!row) throw notFound("This column mapping");
    if (!roleAtLeast(ctx.role, "ADMIN")) throw manageOnly();
    // Rows saved before headers were kept only know the normalised signature and their own columns.
    const mapping = checkMapping([...headersOf(row), ...Object.values(row.mapping as Record<string, string>)], raw);
    await tx.columnMapping.update({ where: { id: row.id }, data: { mapping, updatedById: ctx.userId } });
    await recordAudit(tx, {
      teamId: ctx.teamId, actorUserId: ctx.userId, action: "column_mapping.update", targetType: "ColumnMapping", targetId: row.id,
      metadata: { before: row.mapping as object, after: mapping },
    });
  });
}

/** Forgets a mapping: the next file with these headers asks for its columns again. */
export async function forgetColumnMapping(ctx: TTeamContext, mappingId: string): Promise<void> {
  await withTeam(ctx.teamId, async (tx) => {
    const row = await tx.columnMapping.findFirst({ where: { id: mappingId, teamId: ctx.teamId } });
    if (!row) throw notFound("This column mapping");
    if (!roleAtLeast(ctx.role, "ADMIN")) throw manageOnly();
    // deleteMany: a concurrent forget already removed it → the same answer as an unknown id.
    const { count } = await tx.columnMapping.deleteMany({ where: { id: row.id } });
    if (count === 0) throw notFound("This column mapping");
    await recordAudit(tx, {
      teamId: ctx.teamId, actorUserId: ctx.userId, action: "column_mapping.forget", targetType: "ColumnMapping", targetId: row.id,
      metadata: { headers: headersOf(row), mapping: row.mapping as object },
    });
  });
}
