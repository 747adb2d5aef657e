import { withTeam, type TeamExport } from "@crm/db";
import { enqueue } from "@crm/jobs";
import { recordAudit } from "../audit/record-audit";
import { conflict, DomainError, forbidden, notFound } from "../errors";
import { roleAtLeast, type TTeamContext } from "../teams/membership";
import { EXPORT_CHUNK_BYTES, markExportFailed, scheduleExpiry } from "./build-export";

// Team data export, the part the web calls: owners and admins request one (at most one running
// per team), watch its progress, and download it until it expires. The worker builds it
// (build-export.ts); an expiry job deletes its bytes.

export type TExportStatus = "QUEUED" | "RUNNING" | "READY" | "FAILED" | "EXPIRED";

export type TTeamExportSummary = {
  id: string;
  status: TExportStatus;
  phase: string | null;
  progress: number;
  byteSize: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  expiresAt: string | null;
};

/** An active export older than this lost its job (a crash beyond every retry): it no longer blocks a new one. */
const ABANDONED_MS = 2 * 3_600_000;

function assertCanExport(ctx: TTeamContext) {
  if (!roleAtLeast(ctx.role, "ADMIN")) throw forbidden("Only owners and admins can export the team's data.");
}

const isExpired = (row: Pick<TeamExport, "status" | "expiresAt">, now = new Date()) =>
  row.status === "EXPIRED" || (row.status === "READY" && row.expiresAt !== null && row.expiresAt <= now);

export function toExportSummary(row: TeamExport, now = new Date()): TTeamExportSummary {
  return {
    id: row.id,
    status: isExpired(row, now) ? "EXPIRED" : (row.status as TExportStatus),
    phase: row.phase,
    progress: row.progress,
    byteSize: row.byteSize,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

export async function enqueueTeamExport(teamId: string, exportId: string): Promise<void> {
  await enqueue("team.export", { teamId, exportId }, { dedupeId: exportId, attempts: 3 });
}

/** Starts an export, or returns the one already queued or running. */
export async function requestTeamExport(ctx: TTeamContext): Promise<{ exportId: string; created: boolean }> {
  assertCanExport(ctx);
  const { id, created, status } = await withTeam(ctx.teamId, async (tx) => {
    // Two clicks at once must not start two exports.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`team-export:${ctx.teamId}`}, 0))`;
    await tx.teamExport.updateMany({
      where: { teamId: ctx.teamId, status: { in: ["QUEUED", "RUNNING"] }, createdAt: { lt: new Date(Date.now() - ABANDONED_MS) } },
      data: { status: "FAILED", phase: null, error: "The export did not finish. Please start a new one.", finishedAt: new Date() },
    });
    const active = await tx.teamExport.findFirst({ where: { teamId: ctx.teamId, status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { createdAt: "desc" } });
    if (active) return { id: active.id, created: false, status: active.status };
    const row = await tx.teamExport.create({ data: { teamId: ctx.teamId, requestedById: ctx.userId }, select: { id: true } });
    await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "team.export_requested", targetType: "team_export", targetId: row.id });
    return { id: row.id, created: true, status: "QUEUED" };
  });
  // A queued export is (re)published: the job id makes a second publish a no-op, and it recovers
  // an export whose job Redis lost.
  if (status === "QUEUED") {
    try {
      await enqueueTeamExport(ctx.teamId, id);
    } catch (e) {
      console.error(`team export ${id}: could not enqueue (${(e as Error).message})`);
      const message = "The export could not be queued (our job queue is unavailable). Please try again in a minute.";
      await markExportFailed({ teamId: ctx.teamId, exportId: id }, message);
      throw new DomainError("UNAVAILABLE", message);
    }
  }
  return { exportId: id, created };
}

export async function listTeamExports(ctx: TTeamContext, take = 10): Promise<TTeamExportSummary[]> {
  assertCanExport(ctx);
  const rows = await withTeam(ctx.teamId, (tx) => tx.teamExport.findMany({ where: { teamId: ctx.teamId }, orderBy: { createdAt: "desc" }, take }));
  const now = new Date();
  return rows.map((r) => toExportSummary(r, now));
}

export async function getTeamExport(ctx: TTeamContext, exportId: string): Promise<TTeamExportSummary> {
  assertCanExport(ctx);
  const row = await withTeam(ctx.teamId, (tx) => tx.teamExport.findFirst({ where: { id: exportId, teamId: ctx.teamId } }));
  if (!row) throw notFound("This export");
  return toExportSummary(row);
}

export type TExportDownload = { fileName: string; byteSize: number; body: AsyncGenerator<Uint8Array> };

/**
 * The zip as a stream of its stored chunks, read one at a time. Refused once expired. If the
 * bytes go missing half-way (expired meanwhile), the stream errors rather than end short.
 */
export async function readTeamExport(ctx: TTeamContext, exportId: string): Promise<TExportDownload> {
  assertCanExport(ctx);
  const row = await withTeam(ctx.teamId, async (tx) => {
    const r = await tx.teamExport.findFirst({ where: { id: exportId, teamId: ctx.teamId } });
    if (r?.status === "READY" && !isExpired(r)) {
      await recordAudit(tx, { teamId: ctx.teamId, actorUserId: ctx.userId, action: "team.export_downloaded", targetType: "team_export", targetId: r.id });
    }
    return r;
  });
  if (!row) throw notFound("This export");
  if (isExpired(row)) throw new DomainError("GONE", "This export has expired and its file was deleted. Start a new export to download the team's data.");
  if (row.status !== "READY" || row.byteSize === null) {
    throw conflict(row.status === "FAILED" ? "This export failed. Start a new export." : "This export is not finished yet. Wait until it is ready.");
  }
  const teamId = ctx.teamId;
  const chunks = Math.ceil(row.byteSize / EXPORT_CHUNK_BYTES);
  async function* body(): AsyncGenerator<Uint8Array> {
    for (let seq = 0; seq < chunks; seq++) {
      const c = await withTeam(teamId, (tx) => tx.teamExportChunk.findUnique({ where: { teamId_exportId_seq: { teamId, exportId, seq } }, select: { data: true } }));
      if (!c) throw new Error(`team export ${exportId}: chunk ${seq} is gone`);
      yield c.data;
    }
  }
  const day = row.createdAt.toISOString().slice(0, 10);
  return { fileName: `${ctx.slug}-data-${day}.zip`, byteSize: row.byteSize, body: body() };
}

/**
 * The expiry job: deletes the bytes of this export and of any other expired export of the team
 * (so one lost job is made up for by the next). An early job (clock skew) re-schedules itself.
 */
export async function expireTeamExports(teamId: string, exportId: string): Promise<{ expired: number }> {
  const now = new Date();
  const { expired, early } = await withTeam(teamId, async (tx) => {
    const due = await tx.teamExport.findMany({ where: { teamId, status: "READY", expiresAt: { lte: now } }, select: { id: true } });
    const ids = due.map((d) => d.id);
    if (ids.length) {
      await tx.teamExportChunk.deleteMany({ where: { teamId, exportId: { in: ids } } });
      await tx.teamExport.updateMany({ where: { teamId, id: { in: ids } }, data: { status: "EXPIRED" } });
    }
    const self = await tx.teamExport.findFirst({ where: { id: exportId, teamId, status: "READY", expiresAt: { gt: now } }, select: { expiresAt: true } });
    return { expired: ids.length, early: self?.expiresAt ?? null };
  });
  if (early) await scheduleExpiry({ teamId, exportId }, early, true);
  return { expired };
}
