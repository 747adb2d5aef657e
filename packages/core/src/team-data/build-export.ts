import { Readable } from "node:stream";
import { ZipFile } from "yazl";
import { serverEnv } from "@crm/config";
import { withTeam } from "@crm/db";
import { enqueue } from "@crm/jobs";
import { EXPORT_FILES, EXPORT_FORMAT_VERSION, TABLES_WITHOUT_FILE } from "./export-files";
import { countRows, encodeCsv, encodeJson, loadColumnTypes, readBatches } from "./export-rows";

// The export job: every file is produced from keyset batches and streamed through the zip writer
// straight into TeamExportChunk rows of 1 MiB, so the worker holds one batch and one chunk at a
// time whatever the team's size. At-least-once safe: a retry deletes the chunks of the failed
// attempt and starts over; a finished export is never built twice.

export const EXPORT_CHUNK_BYTES = 1024 * 1024;

type TIds = { teamId: string; exportId: string };
export type TBuildResult = { status: "ready" | "missing" | "failed" | "expired"; byteSize?: number };

/** Progress on the row, at most every 300 ms: each update is a write. */
function progressReporter(ids: TIds, total: number) {
  let done = 0;
  let last = 0;
  let phase = "counting";
  const write = async () => {
    last = Date.now();
    const progress = Math.min(97, 2 + Math.floor((95 * done) / Math.max(total, 1)));
    await withTeam(ids.teamId, (tx) =>
      tx.teamExport.updateMany({ where: { id: ids.exportId, status: "RUNNING" }, data: { phase, progress } }),
    );
  };
  return {
    phase: (p: string) => {
      phase = p;
      return write();
    },
    rows: (n: number) => {
      done += n;
      return Date.now() - last > 300 ? write() : Promise.resolve();
    },
  };
}

/** Writes the stream into chunks of exactly EXPORT_CHUNK_BYTES (the last one shorter). */
async function storeChunks(ids: TIds, stream: AsyncIterable<Buffer>): Promise<number> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  let seq = 0;
  const write = async (data: Buffer) => {
    const s = seq++;
    await withTeam(ids.teamId, (tx) => tx.teamExportChunk.create({ data: { teamId: ids.teamId, exportId: ids.exportId, seq: s, data: new Uint8Array(data) } }));
  };
  for await (const part of stream) {
    pending.push(part);
    pendingBytes += part.byteLength;
    total += part.byteLength;
    if (pendingBytes < EXPORT_CHUNK_BYTES) continue;
    let all = Buffer.concat(pending, pendingBytes);
    while (all.byteLength >= EXPORT_CHUNK_BYTES) {
      await write(all.subarray(0, EXPORT_CHUNK_BYTES));
      all = all.subarray(EXPORT_CHUNK_BYTES);
    }
    pending = [all];
    pendingBytes = all.byteLength;
  }
  if (pendingBytes > 0) await write(Buffer.concat(pending, pendingBytes));
  return total;
}

const FINAL: Record<string, TBuildResult["status"]> = { READY: "ready", EXPIRED: "expired", FAILED: "failed" };

/** Claims the export for this attempt: its team, or why there is nothing to do. */
async function start(ids: TIds): Promise<{ team: { id: string; name: string; slug: string; createdAt: Date } } | { done: TBuildResult["status"] }> {
  return withTeam(ids.teamId, async (tx) => {
    const row = await tx.teamExport.findFirst({ where: { id: ids.exportId, teamId: ids.teamId }, select: { status: true } });
    if (!row) return { done: "missing" };
    if (row.status !== "QUEUED" && row.status !== "RUNNING") return { done: FINAL[row.status] ?? "missing" };
    const team = await tx.team.findFirst({ where: { id: ids.teamId }, select: { id: true, name: true, slug: true, createdAt: true } });
    if (!team) return { done: "missing" };
    await tx.teamExportChunk.deleteMany({ where: { teamId: ids.teamId, exportId: ids.exportId } });
    await tx.teamExport.update({ where: { id: ids.exportId }, data: { status: "RUNNING", phase: "counting", progress: 1, error: null } });
    return { team };
  });
}

export async function processTeamExport(teamId: string, exportId: string): Promise<TBuildResult> {
  const ids = { teamId, exportId };
  const started = await start(ids);
  if ("done" in started) return { status: started.done };
  const team = started.team;
  const exportedAt = new Date();

  const types = await loadColumnTypes(teamId, EXPORT_FILES.map((f) => f.table));
  const expected = await Promise.all(EXPORT_FILES.map((f) => countRows(teamId, f)));
  const progress = progressReporter(ids, expected.reduce((a, b) => a + b, 0));
  const written = new Map<string, number>();

  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  const fail = (err: unknown) => output.destroy(err instanceof Error ? err : new Error(String(err)));
  zip.on("error", fail);
  const entry = (file: string, make: () => AsyncIterable<Buffer>) =>
    zip.addReadStreamLazy(file, { mtime: exportedAt }, (cb) => {
      const s = Readable.from(make());
      s.on("error", fail);
      cb(null, s);
    });

  for (const spec of EXPORT_FILES) {
    entry(spec.file, async function* () {
      await progress.phase(spec.file);
      written.set(spec.file, 0);
      const onRows = (n: number) => {
        written.set(spec.file, (written.get(spec.file) ?? 0) + n);
        void progress.rows(n).catch(fail);
      };
      const batches = readBatches(teamId, spec, types);
      yield* spec.format === "csv" ? encodeCsv(spec, batches, onRows) : encodeJson(spec, types, batches, onRows);
    });
  }
  // Last, so it can state what the files really hold.
  entry("manifest.json", async function* () {
    const manifest = {
      formatVersion: EXPORT_FORMAT_VERSION,
      team: { id: team.id, name: team.name, slug: team.slug, createdAt: team.createdAt.toISOString() },
      exportId,
      exportedAt: exportedAt.toISOString(),
      files: EXPORT_FILES.map((f) => ({ name: f.file, format: f.format, rows: written.get(f.file) ?? 0, description: f.description })),
      notExported: TABLES_WITHOUT_FILE,
      notes: "CSV files are UTF-8 with a byte order mark. Text cells starting with = + - @ or a tab are prefixed with ' so spreadsheets do not run them. Times are UTC (ISO 8601).",
    };
    yield Buffer.from(JSON.stringify(manifest, null, 2) + "\n", "utf8");
  });
  zip.end();

  const byteSize = await storeChunks(ids, output);
  const ttlHours = serverEnv().TEAM_EXPORT_TTL_HOURS;
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
  const { count } = await withTeam(teamId, (tx) =>
    tx.teamExport.updateMany({
      where: { id: exportId, status: "RUNNING" },
      data: { status: "READY", phase: null, progress: 100, byteSize, expiresAt, finishedAt: new Date() },
    }),
  );
  if (count === 0) return { status: "missing" };
  await scheduleExpiry(ids, expiresAt);
  return { status: "ready", byteSize };
}

/** Best effort: if Redis loses it, the link still refuses after expiresAt, and the next expiry job of the team sweeps it. */
export async function scheduleExpiry(ids: TIds, expiresAt: Date, again = false): Promise<void> {
  try {
    const delay = Math.max(0, expiresAt.getTime() - Date.now()) + 1000;
    // Re-scheduling from inside the expiry job needs its own id: the running job still holds the first one.
    const dedupeId = `${ids.exportId}-${expiresAt.getTime()}${again ? `-${Date.now()}` : ""}`;
    await enqueue("export.expire", ids, { dedupeId, delay });
  } catch (e) {
    console.error(`team export ${ids.exportId}: could not schedule its expiry (${(e as Error).message})`);
  }
}

/** After the last attempt failed: say so on the row and drop the partial bytes. */
export async function markExportFailed(ids: TIds, message: string): Promise<void> {
  await withTeam(ids.teamId, async (tx) => {
    await tx.teamExport.updateMany({
      where: { id: ids.exportId, status: { in: ["QUEUED", "RUNNING"] } },
      data: { status: "FAILED", phase: null, error: message, finishedAt: new Date() },
    });
    await tx.teamExportChunk.deleteMany({ where: { teamId: ids.teamId, exportId: ids.exportId } });
  });
}
