import { withTeam, withTeamSql, copyRows, type TSqlClient } from "@crm/db";
import { ImportFileError, nameKey, type TColumnMapping, type TRejectedRow } from "@crm/importer";
import { enqueueScoresRefresh } from "../icps/refresh";
import { applyExtras } from "./apply-extras";
import { diffAndApply, stageRows, type TDiffField } from "./apply-connections";
import { rejectedIdentityKeys } from "./rejected-keys";
import { materializeUpload, readUpload, type TReadUpload } from "./read-upload";
import { toSummary, type TImportDetails, type TImportSummary } from "./summary";

// The import job. At-least-once safe: everything it changes is written in ONE transaction that
// also marks the import COMPLETED, under a lock on the account; a retry after a crash either
// finds the import completed (and returns its summary) or starts again from the stored upload.

type TIds = { teamId: string; importId: string };

async function load(ids: TIds) {
  const row = await withTeam(ids.teamId, (tx) => tx.import.findFirst({ where: { id: ids.importId, teamId: ids.teamId } }));
  if (!row) throw new ImportGoneError(ids.importId);
  return row;
}

export class ImportGoneError extends Error {
  constructor(importId: string) {
    super(`import ${importId} does not exist in this team (deleted, or a forged job)`);
    this.name = "ImportGoneError";
  }
}

async function setPhase(ids: TIds, phase: string, progress: number) {
  await withTeam(ids.teamId, (tx) =>
    tx.import.updateMany({ where: { id: ids.importId, status: { in: ["QUEUED", "PROCESSING"] } }, data: { status: "PROCESSING", phase, progress } }),
  );
}

/** A failed import keeps its message and rejected rows, not the uploaded bytes (nothing re-reads them). */
export async function markFailed(ids: TIds, code: string, message: string) {
  await withTeam(ids.teamId, async (tx) => {
    await tx.import.updateMany({
      where: { id: ids.importId, status: { notIn: ["COMPLETED"] } },
      data: { status: "FAILED", errorCode: code, error: message, phase: null, finishedAt: new Date() },
    });
    await tx.importChunk.deleteMany({ where: { teamId: ids.teamId, importId: ids.importId } });
  });
}

async function rememberedMapping(teamId: string, signature: string): Promise<TColumnMapping | undefined> {
  const m = await withTeam(teamId, (tx) => tx.columnMapping.findUnique({ where: { teamId_signature: { teamId, signature } }, select: { mapping: true } }));
  return (m?.mapping as TColumnMapping | undefined) ?? undefined;
}

const PRESENT_FIELDS: TDiffField[] = ["profileUrl", "email", "company", "position", "connectedOn"];

async function writeRejections(client: TSqlClient, ids: TIds, rows: TRejectedRow[]) {
  // COPY cannot target a table with row-level security: stage in a temp table, then INSERT.
  await client.query(`CREATE TEMP TABLE rej (LIKE "ImportRejection") ON COMMIT DROP`);
  await copyRows(
    client,
    "rej",
    ["teamId", "importId", "seq", "file", "line", "field", "code", "message", "raw"],
    rows.map((r, seq) => [ids.teamId, ids.importId, seq, r.file, r.line, r.field, r.code, r.message, r.raw]),
  );
  await client.query(`INSERT INTO "ImportRejection" SELECT * FROM rej`);
}

async function commit(ids: TIds, accountId: string, read: TReadUpload, mapping: TColumnMapping | undefined) {
  const { parsed } = read;
  const present = new Set(PRESENT_FIELDS.filter((f) => parsed.mapping[f] !== undefined));
  await withTeamSql(ids.teamId, async (client) => {
    // One import per account at a time, in upload order; and never twice.
    await client.query(`SELECT id FROM "LinkedInAccount" WHERE id = $1 FOR UPDATE`, [accountId]);
    const { rows: st } = await client.query<{ status: string }>(`SELECT status FROM "Import" WHERE id = $1 FOR UPDATE`, [ids.importId]);
    if (st[0]?.status !== "PROCESSING") return;
    await stageRows(client, parsed.accepted, (r) => nameKey(r.firstName, r.lastName), rejectedIdentityKeys(parsed));
    const counts = await diffAndApply(client, { ...ids, accountId }, present);
    const extras = await applyExtras(client, { ...ids, accountId }, read.extras);
    await writeRejections(client, ids, [...parsed.rejected, ...read.extraRejected]);
    const details: TImportDetails = {
      kind: read.kind,
      encoding: parsed.encoding,
      delimiter: parsed.delimiter,
      headers: parsed.headers,
      signature: parsed.signature,
      mapping: mapping as Record<string, string> | undefined,
      sideRejected: read.extraRejected.length,
      ...extras,
    };
    await client.query(
      `UPDATE "Import" SET status = 'COMPLETED', phase = NULL, progress = 100, format = $2, "rowsTotal" = $3,
              "newCount" = $4, "updatedCount" = $5, "unchangedCount" = $6, "jobChangeCount" = $7, "goneCount" = $8,
              "rejectedCount" = $9, "verifiedRemovalCount" = $10, "stillConnectedCount" = $11, details = $12, "finishedAt" = now()
        WHERE id = $1`,
      [ids.importId, parsed.format, parsed.rows, counts.new, counts.updated, counts.unchanged, counts.jobChanges, counts.gone,
        parsed.rejected.length, counts.verifiedRemovals, counts.stillConnected, JSON.stringify(details)],
    );
    // The bytes were only kept to run this import; the rejected rows keep what the user must fix.
    await client.query(`DELETE FROM "ImportChunk" WHERE "teamId" = $1 AND "importId" = $2`, [ids.teamId, ids.importId]);
  });
}

/** Nothing importable: keep the connections as they are, but keep every rejected row to show. */
async function failWithRejections(ids: TIds, read: TReadUpload) {
  const { parsed } = read;
  await withTeamSql(ids.teamId, async (client) => {
    const { rows: st } = await client.query<{ status: string }>(`SELECT status FROM "Import" WHERE id = $1 FOR UPDATE`, [ids.importId]);
    if (st[0]?.status !== "PROCESSING") return;
    await client.query(`DELETE FROM "ImportRejection" WHERE "teamId" = $1 AND "importId" = $2`, [ids.teamId, ids.importId]);
    await writeRejections(client, ids, [...parsed.rejected, ...read.extraRejected]);
    await client.query(
      `UPDATE "Import" SET status = 'FAILED', phase = NULL, format = $2, "rowsTotal" = $3, "rejectedCount" = $4,
              "errorCode" = 'no_valid_rows', error = $5, "finishedAt" = now() WHERE id = $1`,
      [ids.importId, parsed.format, parsed.rows, parsed.rejected.length,
        parsed.rows === 0
          ? `${parsed.fileName} has a header but no data rows. Nothing was changed.`
          : `None of the ${parsed.rows} rows of ${parsed.fileName} could be imported, so your connections were left as they were. The rejected rows below say why.`],
    );
    await client.query(`DELETE FROM "ImportChunk" WHERE "teamId" = $1 AND "importId" = $2`, [ids.teamId, ids.importId]);
  });
}

/** `refreshScores: false` skips queueing the rescore (the CLI and tests without a worker). */
export async function processImport(teamId: string, importId: string, opts: { refreshScores?: boolean } = {}): Promise<TImportSummary> {
  const ids = { teamId, importId };
  const row = await load(ids);
  if (row.status !== "QUEUED" && row.status !== "PROCESSING") return toSummary(row);
  await setPhase(ids, "reading", 5);
  const { file, cleanup } = await materializeUpload(teamId, importId);
  try {
    await setPhase(ids, "parsing", 20);
    let read = await readUpload(file, row.fileName, ((row.details ?? {}) as TImportDetails).mapping);
    let mapping = read.parsed.format === "mapped" ? read.parsed.mapping : undefined;
    if (read.parsed.format === "unknown") {
      mapping = await rememberedMapping(teamId, read.parsed.signature);
      if (mapping) read = await readUpload(file, row.fileName, mapping);
    }
    if (read.parsed.format === "unknown") {
      const { headers, signature, sample, rows } = read.parsed;
      await withTeam(teamId, (tx) =>
        tx.import.update({
          where: { id: importId },
          data: { status: "NEEDS_MAPPING", phase: null, progress: 0, format: "unknown", rowsTotal: rows, details: { headers, signature, sample } },
        }),
      );
      return toSummary(await load(ids));
    }
    if (read.parsed.accepted.length === 0) {
      await failWithRejections(ids, read);
      return toSummary(await load(ids));
    }
    await setPhase(ids, "saving", 60);
    await commit(ids, row.accountId, read, mapping);
    if (opts.refreshScores !== false) await enqueueScoresRefresh(teamId, importId);
  } catch (err) {
    if (err instanceof ImportFileError) await markFailed(ids, err.code, err.message);
    else throw err;
  } finally {
    await cleanup();
  }
  return toSummary(await load(ids));
}
