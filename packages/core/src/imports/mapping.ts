import { z } from "zod";
import { withTeam } from "@crm/db";
import { TARGET_FIELDS } from "@crm/importer";
import { DomainError, invalid, notFound } from "../errors";
import type { TTeamContext } from "../teams/membership";
import { canImportInto, getLinkedInAccount } from "../accounts/accounts";
import type { TImportDetails } from "./summary";
import { enqueueAnswered } from "./enqueue-answered";

export const ZColumnMapping = z.partialRecord(z.enum(TARGET_FIELDS), z.string().min(1).max(200));
export type TMappingInput = z.infer<typeof ZColumnMapping>;

/** Every mapped column must be one of the file's, and the mapping must tell people apart. */
export function checkMapping(headers: readonly string[], raw: unknown): TMappingInput {
  const mapping = ZColumnMapping.parse(raw);
  for (const [field, header] of Object.entries(mapping)) {
    if (!headers.includes(header)) throw invalid(field, `“${header}” is not a column of this file.`);
  }
  if (!mapping.profileUrl && !mapping.email && !mapping.fullName && !(mapping.firstName && mapping.lastName)) {
    throw invalid("profileUrl", "Map at least the profile URL, the email, or the name columns: they are how we tell people apart.");
  }
  return mapping;
}

/**
 * The mapping step for a header set we do not recognise: check the mapping names real columns and
 * identifies people, remember it for the team (next time the same header set maps itself), and
 * queue the import again.
 */
export async function applyColumnMapping(ctx: TTeamContext, importId: string, raw: unknown): Promise<void> {
  const row = await withTeam(ctx.teamId, (tx) => tx.import.findFirst({ where: { id: importId, teamId: ctx.teamId } }));
  if (!row) throw notFound("This import");
  if (!canImportInto(ctx, await getLinkedInAccount(ctx, row.accountId))) throw new DomainError("FORBIDDEN", "Only the account's owner, or a team owner or admin, can map its columns.");
  if (row.status !== "NEEDS_MAPPING") throw notWaiting();
  const details = (row.details ?? {}) as TImportDetails;
  const headers = details.headers ?? [];
  const mapping = checkMapping(headers, ZColumnMapping.parse(raw));
  const signature = details.signature ?? "";
  await withTeam(ctx.teamId, async (tx) => {
    const saved = await tx.columnMapping.upsert({
      where: { teamId_signature: { teamId: ctx.teamId, signature } },
      create: { teamId: ctx.teamId, signature, headers, mapping, updatedById: ctx.userId },
      update: { headers, mapping, updatedById: ctx.userId },
      select: { id: true },
    });
    // Conditional: a concurrent discard (or a second submit) must not bring the import back.
    const { count } = await tx.import.updateMany({
      where: { id: importId, status: "NEEDS_MAPPING" },
      data: { status: "QUEUED", details: { ...details, mapping, mappingId: saved.id, mappingSource: "chosen" } },
    });
    if (count === 0) throw notWaiting();
  });
  await enqueueAnswered(ctx, importId, Date.now(), { status: "NEEDS_MAPPING", details });
}

const notWaiting = () => new DomainError("CONFLICT", "This import is not waiting for a column mapping.");
