import { withTeam, type ImportStatus } from "@crm/db";
import { recordAudit } from "../audit/record-audit";
import { conflict, forbidden, notFound } from "../errors";
import { roleAtLeast, type TTeamContext } from "../teams/membership";

/**
 * States in which an import waits for a person and no worker holds it: only these can be
 * discarded (a queued or running import belongs to the worker until it finishes).
 */
export const DISCARDABLE_STATUSES: readonly ImportStatus[] = ["NEEDS_MAPPING", "NEEDS_CONFIRMATION"];

export const canDiscardImport = (ctx: TTeamContext, row: { uploadedById: string | null; status: string }) =>
  (DISCARDABLE_STATUSES as readonly string[]).includes(row.status) && (row.uploadedById === ctx.userId || roleAtLeast(ctx.role, "ADMIN"));

/**
 * Throws away an import that waits for a person: its stored upload bytes are deleted and it ends
 * DISCARDED. One conditional UPDATE decides, so a double click or two admins at once discard it
 * once (one audit entry); the later calls find it discarded and succeed without doing anything.
 */
export async function discardImport(ctx: TTeamContext, importId: string): Promise<{ discarded: boolean }> {
  return withTeam(ctx.teamId, async (tx) => {
    const row = await tx.import.findFirst({ where: { id: importId, teamId: ctx.teamId }, select: { id: true, status: true, uploadedById: true, fileName: true } });
    if (!row) throw notFound("This import");
    if (row.uploadedById !== ctx.userId && !roleAtLeast(ctx.role, "ADMIN")) {
      throw forbidden("Only the member who uploaded this file, or a team owner or admin, can discard it.");
    }
    const { count } = await tx.import.updateMany({
      where: { id: row.id, status: { in: [...DISCARDABLE_STATUSES] } },
      data: { status: "DISCARDED", phase: null, progress: 0, finishedAt: new Date() },
    });
    if (count === 0) {
      const now = await tx.import.findFirst({ where: { id: row.id }, select: { status: true } });
      if (now?.status === "DISCARDED") return { discarded: false };
      throw conflict("This import is no longer waiting for you, so it cannot be discarded.");
    }
    await tx.importChunk.deleteMany({ where: { teamId: ctx.teamId, importId: row.id } });
    await recordAudit(tx, {
      teamId: ctx.teamId, actorUserId: ctx.userId, action: "import.discard", targetType: "Import", targetId: row.id,
      metadata: { fileName: row.fileName, status: row.status },
    });
    return { discarded: true };
  });
}
